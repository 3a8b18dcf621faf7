import { readFileSync } from "fs";
import { dirname, join } from "path";
import { Testing } from "cdktf";
import { ObjectResource } from "../../.gen/providers/restapi/object-resource";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { tenantFixture, TEST_KEY_PASSWORD } from "../helpers/tenant-fixture";

function synthExample() {
  const { dir, file } = tenantFixture();
  const app = Testing.app({ outdir: join(dir, "cdktf.out") });
  const stacks = addTenantStacks(app, checkTenants(file));
  const byName = Object.fromEntries(stacks.map((s) => [s.node.id, Testing.synth(s)]));
  return { dir, file, byName };
}

describe("TenantStack", () => {
  const { dir, file, byName } = synthExample();
  const acme = JSON.parse(byName.acme);
  const acmeTenant = file.tenants.find((t) => t.name === "acme")!;
  const certDir = dirname(acmeTenant.saml.certificate);

  test("one stack per tenant, named after it", () => {
    // given the example tenants file, when synthesized, then there is a stack for each tenant
    expect(Object.keys(byName)).toEqual(["acme", "globex"]);
  });

  test("outputs the transaction object's sections and options by their Genesys names", () => {
    // then hybrid_integration holds general, annex and saml exactly as the seed names them
    const out = acme.output.hybrid_integration;
    expect(out.sensitive).toBeUndefined();
    expect(out.value).toEqual({
      general: {
        organization_sname: "acme",
        organization_id: acmeTenant.organization.id,
        default_agent_role_name: "employee",
        default_admin_role_name: "admin",
        base_auth_url: "https://login.mypurecloud.ie/oauth/token",
        base_service_url: "https://api.mypurecloud.ie/api/",
      },
      annex: { organization_domain_suffix: "com" },
      saml: {
        issuer: "https://engage.acme.example/pureengage",
        // what `openssl base64 -in cert.pem` writes, i.e. the set's cert.pem.b64
        certificate: readFileSync(join(certDir, "cert.pem.b64"), "utf8"),
        expire_time: "24",
      },
    });
  });

  test("keeps secrets out of the synthesized JSON: Terraform reads them at plan time", () => {
    // then the secret outputs are sensitive references, not values
    const secrets = acme.output.hybrid_integration_secrets;
    expect(secrets.sensitive).toBe(true);
    expect(secrets.value.saml).toEqual({
      pkey: '${file("../../../certs/acme/key.pem.enc.b64")}',
      password: "${var.acme_saml_key_password}",
    });
    expect(acme.variable.acme_saml_key_password.sensitive).toBe(true);
    // and no key material or password is anywhere in it
    for (const json of Object.values(byName)) {
      expect(json).not.toContain("PRIVATE KEY");
      expect(json).not.toContain(readFileSync(join(certDir, "key.pem.enc.b64"), "utf8").split("\n")[1]);
      expect(json).not.toContain(TEST_KEY_PASSWORD);
    }
  });

  test("reads each tenant's admin client from its own variables", () => {
    const globex = JSON.parse(byName.globex);
    expect(acme.provider.restapi[0].oauth_client_credentials.oauth_client_id).toBe("${var.acme_admin_client_id}");
    expect(globex.provider.restapi[0].oauth_client_credentials.oauth_client_id).toBe("${var.globex_admin_client_id}");
    expect(globex.provider.restapi[0].oauth_client_credentials.oauth_token_endpoint).toBe("https://login.mypurecloud.com/oauth/token");
  });

  test("registers the PureEngage identity provider at a fixed address", () => {
    expect(byName.acme).toHaveResourceWithProperties(ObjectResource, { object_id: "pureengage", lifecycle: { prevent_destroy: true } });
    expect(Object.keys(acme.resource.restapi_object)).toEqual(["pureengage-idp"]);
  });

  test("lists the firewall hosts of the tenant's region", () => {
    expect(acme.output.firewall_hosts.value.map((r: { host: string }) => r.host)).toEqual([
      "login.mypurecloud.ie",
      "api.mypurecloud.ie",
      "apps.mypurecloud.ie",
    ]);
  });

  test("keeps state per tenant: a local file, or a PostgreSQL schema whose connection string stays in PG_CONN_STR", () => {
    const globex = JSON.parse(byName.globex);
    expect(acme.terraform.backend).toEqual({ local: { path: "../../../state/acme.tfstate" } });
    expect(globex.terraform.backend).toEqual({ pg: { schema_name: "hybrid_globex" } });
  });

  test("synthesizes byte-identical JSON from the same input", () => {
    // given the same tenants file and certificates, when synthesized twice
    const again = addTenantStacks(Testing.app({ outdir: join(dir, "cdktf.out") }), checkTenants(file)).map((s) => Testing.synth(s));
    // then the output does not change
    expect(again).toEqual([byName.acme, byName.globex]);
  });

  test("whole tenant stack", () => {
    // the certificate is made at test time; everything else is fixed
    const body = acme.resource.restapi_object["pureengage-idp"].data;
    const stable = byName.acme
      .split(JSON.stringify(body).slice(1, -1)).join("<idp data>")
      .split(JSON.stringify(acme.output.hybrid_integration.value.saml.certificate).slice(1, -1)).join("<cert.pem.b64>");
    expect(stable).toMatchSnapshot();
  });
});

describe("tenant certificates", () => {
  test("a missing certificate stops synthesis with the tenant, field and fix", () => {
    // given a tenant whose cert.pem was never made
    const { file } = tenantFixture({ skipCerts: ["globex"] });
    // when / then
    expect(() => checkTenants(file)).toThrow(
      /tenants\.globex\.saml\.certificate: cannot read certificate .*globex\/cert\.pem.*hybrid certs create/,
    );
  });

  test("an expired certificate stops synthesis", () => {
    // given certificates that expired yesterday
    const { file } = tenantFixture({ days: 30, now: new Date(Date.now() - 31 * 86_400_000) });
    // when / then: both tenants are reported at once
    expect(() => checkTenants(file)).toThrow(/2 problem\(s\)[\s\S]*tenants\.acme\.saml\.certificate: .*expired[\s\S]*tenants\.globex/);
  });

  test("a certificate expiring within 30 days is a warning", () => {
    // given certificates valid for 10 more days
    const { file } = tenantFixture({ days: 10 });
    // when
    const { warnings } = checkTenants(file);
    // then
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^tenants\.acme\.saml\.certificate: .*expires on .* in \d days/)]));
  });
});
