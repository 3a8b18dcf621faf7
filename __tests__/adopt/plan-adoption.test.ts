/** planAdoption on a given inventory: what it refuses, independently of the API. */
import { ATTRIBUTE_EFFECTS } from "../../services/adopt/differences";
import type { OrgInventory } from "../../services/adopt/org-inventory";
import { planAdoption } from "../../services/adopt/plan-adoption";
import { parseTenants } from "../../core/config/tenants-file";
import { ORG, tenantsYaml } from "./helpers";

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
    const plan = planAdoption(tenant, "MIIB", inventory(3600), { ...options, allowReplace: false });
    expect(plan.differences.map((d) => [d.field, d.org, d.declared, d.effect])).toEqual([["accessTokenValiditySeconds", "3600", "86400", "update"]]);
    expect(plan.refusals).toEqual([]);
    expect(plan.adoption.pacingClient?.id).toBe("0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90");
  });

  test("no difference: nothing to report but the adoption", () => {
    const plan = planAdoption(tenant, "MIIB", inventory(86400), { ...options, allowReplace: false });
    expect(plan.differences).toEqual([]);
    expect(plan.report).toContain("no differences: the next plan imports without changing anything in the org.");
  });

  test("a client of another grant type is adopted: the grant type is a difference updated in place, not a refusal", () => {
    const plan = planAdoption(tenant, "MIIB", inventory(86400, "PASSWORD"), { ...options, allowReplace: false });
    expect(plan.adoption.pacingClient?.id).toBe("0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90");
    expect(plan.differences.map((d) => [d.field, d.org, d.declared, d.effect])).toEqual([["authorizedGrantType", '"PASSWORD"', '"CLIENT-CREDENTIALS"', "update"]]);
    expect(plan.refusals).toEqual([]);
  });

  test("a difference Genesys Cloud refused would stop adopt (for a provider or API that refuses an attribute)", () => {
    const effects = { ...ATTRIBUTE_EFFECTS, genesyscloud_oauth_client: { ...ATTRIBUTE_EFFECTS.genesyscloud_oauth_client, authorized_grant_type: "refused" as const } };
    const plan = planAdoption(tenant, "MIIB", inventory(86400, "PASSWORD"), { ...options, allowReplace: true, effects });
    expect(plan.refusals).toEqual([
      "genesyscloud_oauth_client.pacing-client authorizedGrantType: refused by Genesys Cloud: needs a new object; leave it out of the adoption (the deploy then creates a new one).",
    ]);
  });

  test("a difference that would replace an adopted client is refused unless --allow-replace", () => {
    // given a provider whose token duration were ForceNew
    const effects = { ...ATTRIBUTE_EFFECTS, genesyscloud_oauth_client: { ...ATTRIBUTE_EFFECTS.genesyscloud_oauth_client, access_token_validity_seconds: "replace" as const } };
    // when planned without and with --allow-replace
    const refused = planAdoption(tenant, "MIIB", inventory(3600), { ...options, allowReplace: false, effects });
    const allowed = planAdoption(tenant, "MIIB", inventory(3600), { ...options, allowReplace: true, effects });
    // then only the first refuses, naming the field and both ways out
    expect(refused.refusals).toEqual([
      "genesyscloud_oauth_client.pacing-client accessTokenValiditySeconds: the next plan would replace the adopted object (new id and secret); set pacingClient.accessTokenValiditySeconds to the org's value, or pass --allow-replace.",
    ]);
    expect(refused.report.join("\n")).toContain("REPLACED (destroyed and created again)");
    expect(allowed.refusals).toEqual([]);
  });
});
