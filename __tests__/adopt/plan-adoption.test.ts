/** planAdoption on a given inventory: what it refuses, independently of the API. */
import { ATTRIBUTE_EFFECTS } from "../../services/adopt/differences";
import type { OrgInventory } from "../../services/adopt/org-inventory";
import { planAdoption } from "../../services/adopt/plan-adoption";
import { parseTenants } from "../../core/config/tenants-file";
import { ORG, tenantsYaml } from "./helpers";
import { pemBody } from "../../core/certs/pem";
import { testCertificatePem } from "../helpers/test-certificate";

const tenant = parseTenants(tenantsYaml(), "/tmp", "tenants.yaml").tenants[0];
const HOME = "home-division";
const ADMIN = "admin-role";

function inventory(pacingSeconds: number, grantType = "CLIENT-CREDENTIALS"): OrgInventory {
  return {
    organization: { id: ORG },
    clients: [
      {
        id: "0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90",
        name: "PureEngage Client Credentials",
        description: "Agent Pacing Service (ewt) for Genesys Engage",
        accessTokenValiditySeconds: pacingSeconds,
        authorizedGrantType: grantType,
        roleDivisions: [{ roleId: ADMIN, divisionId: HOME }],
        state: "active",
      },
    ],
    roles: [{ id: ADMIN, name: "admin" }],
    homeDivisionId: HOME,
  };
}

const options = { adminClientId: "admin-client", pacing: {}, saml2: {} };

describe("planAdoption", () => {
  test("a difference the provider updates in place is reported, not refused", () => {
    const plan = planAdoption(tenant, { current: "MIIB" }, inventory(3600), { ...options, allowReplace: false });
    expect(plan.differences.map((d) => [d.field, d.org, d.declared, d.effect])).toEqual([["accessTokenValiditySeconds", "3600", "86400", "update"]]);
    expect(plan.refusals).toEqual([]);
    expect(plan.adoption.pacingClient?.id).toBe("0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90");
  });

  test("no difference: nothing to report but the adoption", () => {
    const plan = planAdoption(tenant, { current: "MIIB" }, inventory(86400), { ...options, allowReplace: false });
    expect(plan.differences).toEqual([]);
    expect(plan.report).toContain("no differences: the next plan imports without changing anything in the org.");
  });

  test("a client of another grant type is adopted: the grant type is a difference updated in place, not a refusal", () => {
    const plan = planAdoption(tenant, { current: "MIIB" }, inventory(86400, "PASSWORD"), { ...options, allowReplace: false });
    expect(plan.adoption.pacingClient?.id).toBe("0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90");
    expect(plan.differences.map((d) => [d.field, d.org, d.declared, d.effect])).toEqual([["authorizedGrantType", '"PASSWORD"', '"CLIENT-CREDENTIALS"', "update"]]);
    expect(plan.refusals).toEqual([]);
  });

  test("the identity provider is compared with what the stack deploys (declaredPureEngageFields): a second certificate only the org trusts is a difference", () => {
    // given the org's identity provider trusting the tenant's certificate and one more
    const C = testCertificatePem({ commonName: "current" });
    const X = testCertificatePem({ commonName: "extra" });
    const body = (pem: string) => pemBody(pem, "CERTIFICATE", "test");
    const idp = { name: "Genesys Engage", issuerURI: tenant.saml.issuer, ssoTargetURI: "https://apps.mypurecloud.ie", autoProvisionUsers: true, disabled: false, certificate: body(C) };
    const withIdp = (extra: Record<string, unknown>) => ({ ...inventory(86400), identityProvider: { ...idp, ...extra } });
    // then the extra certificate is a difference, the update in place trusting the tenant's alone
    const plan = planAdoption(tenant, { current: body(C) }, withIdp({ certificates: [body(C), body(X)] }), { ...options, allowReplace: false });
    expect(plan.differences.map((d) => [d.field, d.declaredBy, d.effect])).toEqual([["certificates", "saml.certificate, saml.rollover", "update"]]);
    expect(plan.differences[0].note).toMatch(/whoever signs with a key of a certificate only the org lists stops getting tokens/);
    // and the seed's body (no list) or a list of the one certificate is no difference
    expect(planAdoption(tenant, { current: body(C) }, withIdp({}), { ...options, allowReplace: false }).differences).toEqual([]);
    expect(planAdoption(tenant, { current: body(C) }, withIdp({ certificates: [body(C)] }), { ...options, allowReplace: false }).differences).toEqual([]);
  });

  test("a difference Genesys Cloud refused would stop adopt (for a provider or API that refuses an attribute)", () => {
    const effects = { ...ATTRIBUTE_EFFECTS, genesyscloud_oauth_client: { ...ATTRIBUTE_EFFECTS.genesyscloud_oauth_client, authorized_grant_type: "refused" as const } };
    const plan = planAdoption(tenant, { current: "MIIB" }, inventory(86400, "PASSWORD"), { ...options, allowReplace: true, effects });
    expect(plan.refusals).toEqual([
      "genesyscloud_oauth_client.pacing-client authorizedGrantType: refused by Genesys Cloud: needs a new object; leave it out of the adoption (the deploy then creates a new one).",
    ]);
  });

  test("a difference that would replace an adopted client is refused unless --allow-replace", () => {
    // given a provider whose token duration were ForceNew
    const effects = { ...ATTRIBUTE_EFFECTS, genesyscloud_oauth_client: { ...ATTRIBUTE_EFFECTS.genesyscloud_oauth_client, access_token_validity_seconds: "replace" as const } };
    // when planned without and with --allow-replace
    const refused = planAdoption(tenant, { current: "MIIB" }, inventory(3600), { ...options, allowReplace: false, effects });
    const allowed = planAdoption(tenant, { current: "MIIB" }, inventory(3600), { ...options, allowReplace: true, effects });
    // then only the first refuses, naming the field and both ways out
    expect(refused.refusals).toEqual([
      "genesyscloud_oauth_client.pacing-client accessTokenValiditySeconds: the next plan would replace the adopted object (new id and secret); set pacingClient.accessTokenValiditySeconds to the org's value, or pass --allow-replace.",
    ]);
    expect(refused.report.join("\n")).toContain("REPLACED (destroyed and created again)");
    expect(allowed.refusals).toEqual([]);
  });
});
