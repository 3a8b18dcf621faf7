/**
 * The pieces of `hybrid drift` one by one: the identity provider's declared fields taken from
 * the synthesized stack, its comparison with what the org holds (certificates as a set, by
 * fingerprint; a rollover's list), the role check, and drift read from Terraform's plans
 * (restapi's read-backs and empty lists left out, a field reported once, secrets never shown).
 */
import { pemBody } from "../../core/certs/pem";
import { REDACTED } from "../../core/redaction";
import { declaredIdentityProvider } from "../../services/drift/declared-identity-provider";
import { identityProviderDrift } from "../../services/drift/identity-provider-drift";
import { planDrift } from "../../services/drift/plan-drift";
import { roleGrantDrift } from "../../services/drift/role-grant-drift";
import { driftMarkdown, driftSummaryLine } from "../../services/drift/drift-report";
import type { PlanJson } from "../../services/plan/plan-json";
import { planTimeFiles } from "../../services/plan/plan-time-files";
import { testCertificatePem } from "../helpers/test-certificate";

const CERT_A = pemBody(testCertificatePem({ commonName: "a" }), "CERTIFICATE", "a");
const CERT_B = pemBody(testCertificatePem({ commonName: "b" }), "CERTIFICATE", "b");
const DECLARED = { name: "Genesys Engage", autoProvisionUsers: true, certificate: CERT_A, issuerURI: "https://engage.acme.example/pureengage", ssoTargetURI: "https://apps.mypurecloud.ie", disabled: false };

describe("the identity provider's declared fields", () => {
  test("are the body the stack sends: restapi_object.pureengage-idp's data", () => {
    const stack = JSON.stringify({ resource: { restapi_object: { "pureengage-idp": { data: JSON.stringify(DECLARED) }, "journey-role-grant": { data: "{}" } } } });
    expect(declaredIdentityProvider(stack)).toEqual(DECLARED);
    expect(declaredIdentityProvider(JSON.stringify({ resource: {} }))).toBeUndefined();
  });
});

describe("identityProviderDrift", () => {
  const found = { id: "pureengage", selfUri: "/api/v2/identityproviders/pureengage", ...DECLARED, certificate: CERT_A.replace(/(.{64})/g, "$1\n") };

  test("the same provider, fields the server adds and line breaks in the certificate aside, is no drift", () => {
    expect(identityProviderDrift(DECLARED, found)).toEqual([]);
  });

  test("each field that differs, declared against found; certificates by fingerprint, never their base64", () => {
    const drifts = identityProviderDrift(DECLARED, { ...found, issuerURI: "https://x.example/y", autoProvisionUsers: false, certificate: CERT_B });
    expect(drifts.map((d) => [d.field, d.declared, d.found])).toEqual([
      ["data.autoProvisionUsers", "true", "false"],
      ["data.issuerURI", '"https://engage.acme.example/pureengage"', '"https://x.example/y"'],
      ["data.certificate", expect.stringMatching(/^sha256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/), expect.stringMatching(/^sha256 /)],
    ]);
    expect(JSON.stringify(drifts)).not.toContain(CERT_B.slice(0, 40));
  });

  test("a second certificate added by hand is drift; a declared list (a key rollover's stage) is compared as a set", () => {
    expect(identityProviderDrift(DECLARED, { ...found, certificates: [CERT_B] }).map((d) => d.field)).toEqual(["data.certificate"]);
    const rollover = { ...DECLARED, certificate: undefined, certificates: [CERT_A, CERT_B] };
    delete rollover.certificate;
    expect(identityProviderDrift(rollover, { ...found, certificate: undefined, certificates: [CERT_B, CERT_A] })).toEqual([]);
    expect(identityProviderDrift(rollover, { ...found, certificate: undefined, certificates: [CERT_A] }).map((d) => d.field)).toEqual(["data.certificates"]);
  });

  test("a deleted provider is one drift", () => {
    expect(identityProviderDrift(DECLARED, undefined)).toEqual([{ resource: "restapi_object.pureengage-idp", field: "(the identity provider)", declared: "exists", found: "deleted", seenBy: "API" }]);
  });
});

describe("roleGrantDrift", () => {
  const all = ["actionmap", "actiontarget", "event", "outcome", "segment", "session"].map((e) => ({ domain: "journey", entityName: e, actionSet: ["view"] }));
  test("every Journey permission held (a * grants all) is no drift; each missing one is", () => {
    expect(roleGrantDrift("employee", all)).toEqual([]);
    expect(roleGrantDrift("employee", [{ domain: "journey", entityName: "*", actionSet: ["*"] }])).toEqual([]);
    expect(roleGrantDrift("employee", all.slice(0, 4)).map((d) => [d.field, d.declared, d.found])).toEqual([
      ["role employee: journey:segment:view", "granted", "missing"],
      ["role employee: journey:session:view", "granted", "missing"],
    ]);
    expect(roleGrantDrift("employee", undefined).map((d) => d.found)).toEqual(["no such role"]);
  });
});

describe("planDrift", () => {
  const plan = (extra: object): PlanJson => ({ format_version: "1.2", ...extra }) as PlanJson;
  const change = (address: string, actions: string[], before: object | null, after: object | null, more: object = {}) => {
    const [type, name] = address.split(".");
    return { address, mode: "managed", type, name, change: { actions, before, after, ...more } };
  };

  test("a refresh-only plan's drift: declared is the state's, found the org's; empty lists read back as [] are not drift", () => {
    const refresh = plan({
      resource_drift: [
        change("genesyscloud_oauth_client.pacing-client", ["update"], { access_token_validity_seconds: 86400, scopes: null }, { access_token_validity_seconds: 3600, scopes: [] }),
        change("restapi_object.pureengage-idp", ["update"], { api_data: { issuerURI: "a" }, data: "{}" }, { api_data: { issuerURI: "b" }, data: "{}" }),
      ],
    });
    const plan2 = plan({ resource_changes: [change("genesyscloud_oauth_client.pacing-client", ["update"], { access_token_validity_seconds: 3600 }, { access_token_validity_seconds: 86400 })] });
    expect(planDrift(refresh, plan2)).toEqual([
      { resource: "genesyscloud_oauth_client.pacing-client", field: "access_token_validity_seconds", declared: "86400", found: "3600", seenBy: "refresh-only plan" },
    ]);
  });

  test("a plan's change: declared is the configuration's; a deleted resource, a role grant rewritten, and secrets", () => {
    const p = plan({
      resource_changes: [
        change("genesyscloud_oauth_client.saml2-bearer-client", ["create"], null, { name: "x" }),
        change("restapi_object.journey-role-grant", ["update"], { data: '{"a":1}' }, { data: '{"a":2}' }),
        change("restapi_object.pureengage-idp", ["update"], { data: '{"issuerURI":"old"}' }, { data: '{"issuerURI":"new"}' }),
        change("genesyscloud_oauth_client.pacing-client", ["update"], { client_secret: "s3cr3t-value-0123456789" }, { client_secret: "other-value-0123456789" }, { before_sensitive: { client_secret: true }, after_sensitive: { client_secret: true } }),
      ],
    });
    expect(planDrift(undefined, p).map((d) => [d.resource, d.field, d.declared, d.found, d.seenBy])).toEqual([
      ["genesyscloud_oauth_client.saml2-bearer-client", "(the whole resource)", "exists", "absent", "plan"],
      ["restapi_object.pureengage-idp", "data.issuerURI", '"new"', '"old"', "plan"],
      ["genesyscloud_oauth_client.pacing-client", "client_secret", REDACTED, REDACTED, "plan"],
    ]);
  });
});

describe("the report", () => {
  test("a summary line and Markdown with one row per drift", () => {
    const results = [
      { tenant: "a", status: "clean" as const, drifts: [], seconds: 1 },
      { tenant: "b", status: "drifted" as const, drifts: [{ resource: "r", field: "f|g", declared: "1", found: "2", seenBy: "API" as const }], seconds: 1 },
      { tenant: "c", status: "failed" as const, drifts: [], error: "no\nway", seconds: 0 },
    ];
    expect(driftSummaryLine(results)).toBe("drift: 3 tenants checked: 1 clean, 1 drifted (b), 1 not checked (c)");
    const md = driftMarkdown(results);
    expect(md).toContain("| b | `r` | `f\\|g` | 1 | 2 | API |");
    expect(md).toContain("- **c**: no way");
  });
});

describe("planTimeFiles", () => {
  test("the files a stack's expressions read with file(), as it names them", () => {
    const stack = JSON.stringify({ output: { x: { value: { pkey: '${file("../../../certs/acme/key.pem.enc.b64")}', other: "${var.a}" } } } });
    expect(planTimeFiles(stack)).toEqual(["../../../certs/acme/key.pem.enc.b64"]);
  });
});
