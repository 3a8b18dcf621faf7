/**
 * `hybrid adopt` against the Genesys Cloud double: what it finds, what it refuses, what it writes.
 * No Terraform here (see adopt.e2e.test.ts for the plan and apply that follow).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { testCertificatePem } from "../helpers/test-certificate";
import { tenantFixture } from "../../testing/tenant-fixture";
import { adoptEnv, adoptionFile, HandProvisioning, hybrid, ISSUER, ORG, tenantsYaml } from "./helpers";

let fake: GenesysCloudDouble;

beforeAll(async () => {
  fake = await GenesysCloudDouble.start();
});

afterAll(async () => {
  await fake?.stop();
});

let orgCounter = 0;
/** A fresh org (the double's orgs are separate) and a tenants folder for it, with the tenant's certificate made. */
function freshTenant(yaml = tenantsYaml()): { creds: OrgCredentials; dir: string; hand: HandProvisioning; orgId: string } {
  // Each test gets its own org id so the double keeps them apart; the tenants file names it.
  const orgId = ORG.replace(/.{4}$/, String(1000 + orgCounter++));
  const creds = fake.addOrg({ id: orgId, shortName: "acme" });
  const { dir } = tenantFixture({ yaml: yaml.replace(ORG, orgId) });
  return { creds, dir, hand: new HandProvisioning(fake, creds, orgId), orgId };
}

const adopt = (dir: string, creds: OrgCredentials, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  hybrid(["adopt", "--tenant", "acme", ...args], { cwd: dir, env: { ...adoptEnv(fake, creds), ...env }, redact: [creds.adminClientSecret] });

describe("hybrid adopt", () => {
  test("two candidate clients: stops, lists both with the flag that picks one, and writes nothing", async () => {
    // given two Client Credentials clients with the seeds' name
    const { creds, dir, hand } = freshTenant();
    const first = await hand.pacingClient();
    const second = await hand.pacingClient();

    // when adopted
    const result = await adopt(dir, creds);

    // then it refuses, listing each candidate (id, name, grant type, created date) and the flag
    expect(result.code).toBe(1);
    for (const c of [first, second]) expect(result.stderr).toMatch(new RegExp(`${c.id}  "PureEngage Client Credentials"  CLIENT-CREDENTIALS  created \\d{4}-\\d\\d-\\d\\dT`));
    expect(result.stderr).toContain("2 CLIENT-CREDENTIALS clients are named");
    expect(result.stderr).toContain("pick one with --client-id-pacing <id>");
    expect(result.stderr).toContain("nothing was written");
    expect(existsSync(adoptionFile(dir))).toBe(false);

    // when one is picked by id
    const picked = await adopt(dir, creds, ["--client-id-pacing", second.id]);

    // then that one is adopted
    expect({ code: picked.code, stderr: picked.stderr }).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(adoptionFile(dir), "utf8")).toContain(`id: ${second.id}`);
    expect(readFileSync(adoptionFile(dir), "utf8")).not.toContain(first.id);
  });

  test("no candidate: says the deploy will create each, and writes no adoption file", async () => {
    // given an org where nothing was made by hand
    const { creds, dir } = freshTenant();

    // when adopted
    const result = await adopt(dir, creds);

    // then it says what the deploy will create, and writes nothing
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`ewt: no CLIENT-CREDENTIALS client named "PureEngage Client Credentials" or "PureEnagage Client Credentials": the deploy will create one`);
    expect(result.stdout).toContain(`saml_auth: no SAML2-BEARER client named "PureEngage SAML2 Bearer": the deploy will create one`);
    expect(result.stdout).toContain("the org has no PureEngage identity provider: the deploy will create it.");
    expect(result.stdout).toContain("nothing to adopt; no adoption file written");
    expect(existsSync(adoptionFile(dir))).toBe(false);
  });

  test("an identity provider with another issuer and certificate: each difference is shown before the file is written", async () => {
    // given an identity provider registered by hand with another issuer and another certificate
    const { creds, dir, hand } = freshTenant();
    const otherPem = testCertificatePem({ commonName: "old signing" });
    const otherFile = join(dir, "old-cert.pem");
    writeFileSync(otherFile, otherPem);
    await hand.identityProvider(otherFile, { issuerURI: "https://old.acme.example/saml" });

    // when adopted
    const result = await adopt(dir, creds);

    // then the issuer and certificate differences are printed with what the next plan does about them
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(
      `restapi_object.pureengage-idp issuerURI: org "https://old.acme.example/saml", tenants file (saml.issuer) "${ISSUER}": updated in place; agents' SAML assertions carry saml/issuer`,
    );
    const oldFingerprint = new X509Certificate(otherPem).fingerprint256;
    const tenantFingerprint = new X509Certificate(readFileSync(join(dir, "certs", "acme", "cert.pem"))).fingerprint256;
    expect(result.stdout).toContain(`restapi_object.pureengage-idp certificate: org sha256 ${oldFingerprint}, tenants file (saml.certificate) sha256 ${tenantFingerprint}: updated in place`);
    // and the report comes before the line saying the file was written
    expect(result.stdout.indexOf("issuerURI:")).toBeLessThan(result.stdout.indexOf("wrote adopted/acme.yaml"));
    expect(readFileSync(adoptionFile(dir), "utf8")).toMatch(/identityProvider:\n {2}id: pureengage/);
  });

  test("a client named otherwise is adopted by --client-name-pacing, its name shown as a difference", async () => {
    const { creds, dir, hand } = freshTenant();
    const ewt = await hand.pacingClient("Pacing ewt");
    const result = await adopt(dir, creds, ["--client-name-pacing", "Pacing ewt"]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`ewt: adopting ${ewt.id}  "Pacing ewt"  CLIENT-CREDENTIALS`);
    expect(result.stdout).toContain(`genesyscloud_oauth_client.pacing-client name: org "Pacing ewt", tenants file (pacingClient.name) "PureEngage Client Credentials": updated in place; to keep the org's name, set pacingClient.name: "Pacing ewt"`);
  });

  test("a --client-name that matches nothing stops and lists the clients of that grant type", async () => {
    const { creds, dir, hand } = freshTenant();
    const ewt = await hand.pacingClient("Pacing ewt");
    const result = await adopt(dir, creds, ["--client-name-pacing", "Pacing"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`--client-name-pacing "Pacing": the org has no CLIENT-CREDENTIALS client of that name.`);
    expect(result.stderr).toContain(`${ewt.id}  "Pacing ewt"`);
    expect(existsSync(adoptionFile(dir))).toBe(false);
  });

  test("the Terraform admin client itself is never a candidate, by name or by id", async () => {
    // given an org whose only Client Credentials client is the Terraform admin client ("Terraform admin" in the double)
    const { creds, dir } = freshTenant();

    // when it is named as the pacing client
    const byName = await adopt(dir, creds, ["--client-name-pacing", "Terraform admin"]);
    // then it is not adopted: the report says why, and adopt stops
    expect(byName.code).toBe(1);
    expect(byName.stdout).toContain(`"Terraform admin" (${creds.adminClientId}) is the Terraform admin client itself`);
    expect(byName.stderr).toContain(`--client-name-pacing "Terraform admin": the org has no CLIENT-CREDENTIALS client of that name.`);

    // when it is picked by id
    const byId = await adopt(dir, creds, ["--client-id-pacing", creds.adminClientId]);
    // then too
    expect(byId.code).toBe(1);
    expect(byId.stderr).toContain("that is the Terraform admin client itself, which the stack never manages");
    expect(existsSync(adoptionFile(dir))).toBe(false);
  });

  test("a client of the seeds' name but another grant type is adopted; its grant type is an in-place update", async () => {
    // given the seeds' SAML2 Bearer client made as a CODE client
    const { creds, dir, hand } = freshTenant();
    const code = await hand.client({ name: "PureEngage SAML2 Bearer", authorizedGrantType: "CODE", registeredRedirectUri: ["https://apps.mypurecloud.ie"], scope: ["journey"] });

    // when adopted
    const result = await adopt(dir, creds);

    // then it is adopted, and the report says the deploy changes its grant type in place and on what that rests
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`saml_auth: adopting ${code.id}  "PureEngage SAML2 Bearer"  CODE`);
    expect(result.stdout).toContain(`saml_auth: client ${code.id} "PureEngage SAML2 Bearer" is CODE; the deploy changes its grant type to SAML2-BEARER in place (same id and secret).`);
    expect(result.stdout).toContain(
      `genesyscloud_oauth_client.saml2-bearer-client authorizedGrantType: org "CODE", tenants file (always SAML2-BEARER) "SAML2-BEARER": updated in place; ` +
        "the client keeps its id and secret; that Genesys Cloud changes a grant type in place rests on the genesyscloud provider's acceptance test (TestAccResourceOAuthClient), no Genesys statement was found",
    );
    expect(result.stdout).not.toContain("needs a new");
    expect(readFileSync(adoptionFile(dir), "utf8")).toMatch(new RegExp(`saml2BearerClient:\n {2}id: ${code.id}`));
  });

  test("a client of another grant type picked by id is adopted too", async () => {
    const { creds, dir, hand } = freshTenant();
    const saml = await hand.saml2Client("Pacing by mistake");
    const result = await adopt(dir, creds, ["--client-id-pacing", saml.id]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`ewt: client ${saml.id} "Pacing by mistake" is SAML2-BEARER; the deploy changes its grant type to CLIENT-CREDENTIALS in place`);
    expect(result.stdout).toContain(`genesyscloud_oauth_client.pacing-client authorizedGrantType: org "SAML2-BEARER", tenants file (always CLIENT-CREDENTIALS) "CLIENT-CREDENTIALS": updated in place`);
    expect(result.stdout).toContain(`genesyscloud_oauth_client.pacing-client roles: org [], tenants file (pacingClient.roles) [admin]: updated in place`);
    expect(readFileSync(adoptionFile(dir), "utf8")).toMatch(new RegExp(`pacingClient:\n {2}id: ${saml.id}`));
  });

  test("of two namesakes, the one of the slot's grant type is adopted, and the other is named as passed over", async () => {
    // given the seeds' SAML2 Bearer client, and a CODE client of the same name
    const { creds, dir, hand } = freshTenant();
    const code = await hand.client({ name: "PureEngage SAML2 Bearer", authorizedGrantType: "CODE", registeredRedirectUri: ["https://apps.mypurecloud.ie"], scope: ["journey"] });
    const saml = await hand.saml2Client();

    // when adopted
    const result = await adopt(dir, creds);

    // then the SAML2-BEARER one is adopted: a CODE client cannot do the agents' token exchange the transaction object is for
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`saml_auth: adopting ${saml.id}`);
    expect(result.stdout).toContain(`saml_auth: not adopted: client ${code.id} "PureEngage SAML2 Bearer" is CODE, and a SAML2-BEARER client of that name is the one adopted.`);
    expect(result.stdout).not.toContain("authorizedGrantType");
  });

  test("two namesakes of another grant type: stops and lists both", async () => {
    const { creds, dir, hand } = freshTenant();
    const body = { name: "PureEngage SAML2 Bearer", authorizedGrantType: "CODE", registeredRedirectUri: ["https://apps.mypurecloud.ie"], scope: ["journey"] };
    const [a, b] = [await hand.client(body), await hand.client(body)];
    const result = await adopt(dir, creds);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`saml_auth: 2 clients are named "PureEngage SAML2 Bearer"; adopt does not guess`);
    for (const c of [a, b]) expect(result.stderr).toContain(`${c.id}  "PureEngage SAML2 Bearer"  CODE`);
    expect(existsSync(adoptionFile(dir))).toBe(false);
  });

  test("credentials of another org are refused before anything is written", async () => {
    const { dir } = freshTenant();
    const other = fake.addOrg({ id: "8c0c3e1f-2b4d-4f6a-8c9e-1d3f5b7a9c0e", shortName: "other" });
    const result = await adopt(dir, other);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the admin client belongs to org 8c0c3e1f-2b4d-4f6a-8c9e-1d3f5b7a9c0e");
    expect(existsSync(adoptionFile(dir))).toBe(false);
  });

  test("missing admin credentials name the variables to set", async () => {
    const { creds, dir } = freshTenant();
    const result = await adopt(dir, creds, [], { TF_VAR_acme_admin_client_secret: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("tenant acme: TF_VAR_acme_admin_client_secret is not set");
  });

  test("a wrong admin secret is reported by the token endpoint, without the secret", async () => {
    const { creds, dir } = freshTenant();
    const result = await adopt(dir, creds, [], { TF_VAR_acme_admin_client_secret: "not-the-secret" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tenant acme: http:\/\/127\.0\.0\.1:\d+\/oauth\/token refused the admin client \(401/);
    expect(result.stderr).not.toContain("not-the-secret");
  });

  test.each(["https://api.example.com", "http://10.0.0.1:8080", "http://127.0.0.1:1/api", "not a url"])("refuses the override %s: loopback only", async (value) => {
    const { creds, dir } = freshTenant();
    const result = await adopt(dir, creds, [], { HYBRID_GENESYS_URL_OVERRIDE: value });
    // a usage error, as for `hybrid doctor`: the same check serves both
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`HYBRID_GENESYS_URL_OVERRIDE="${value.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}" (is refused|is not a URL)`));
  });

  test("an unknown tenant names the tenants in the file", async () => {
    const { creds, dir } = freshTenant();
    const result = await hybrid(["adopt", "--tenant", "globex"], { cwd: dir, env: adoptEnv(fake, creds) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("tenant globex is not in the tenants file tenants.yaml (its tenants: acme)");
  });

  test("--tenant and --all together are refused", async () => {
    const { creds, dir } = freshTenant();
    const result = await hybrid(["adopt", "--tenant", "acme", "--all"], { cwd: dir, env: adoptEnv(fake, creds) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--tenant <name>' cannot be used with option '--all'");
  });
});
