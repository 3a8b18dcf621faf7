import { readFileSync, renameSync, statSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { TerraformStack, Testing } from "cdktf";
import { ObjectResource } from "../../.gen/providers/restapi/object-resource";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { EXAMPLE_TENANTS_FILE, tenantFixture, TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { createCertSet, defaultSubject, readCertificate } from "../../core/certs";
import { generateRsaKeyPair } from "../../core/certs/key-pair";
import { createSelfSignedCertificate } from "../../core/certs/self-signed-certificate";
import { loadTenantsFile, type TenantsFile } from "../../core/config/tenants-file";
import type { RolloverStage } from "../../core/config/rollover-stage";
import { declaredPureEngageFields } from "../../core/contract/pureengage-fields";

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
      saml_auth: { client_id: "${genesyscloud_oauth_client.saml2-bearer-client.id}" },
      ewt: { client_id: "${genesyscloud_oauth_client.pacing-client.id}" },
    });
  });

  test("keeps secrets out of the synthesized JSON: Terraform reads them at plan time", () => {
    // then the secret outputs are sensitive references, not values
    const secrets = acme.output.hybrid_integration_secrets;
    expect(secrets.sensitive).toBe(true);
    expect(secrets.value).toEqual({
      saml: { pkey: '${file("../../../certs/acme/key.pem.enc.b64")}', password: "${var.acme_saml_key_password}" },
      // null after an import: Genesys Cloud shows a secret only when the client is created (see adopted_clients)
      saml_auth: { password: '${(genesyscloud_oauth_client.saml2-bearer-client.client_secret == null || genesyscloud_oauth_client.saml2-bearer-client.client_secret == "") ? null : genesyscloud_oauth_client.saml2-bearer-client.client_secret}' },
      ewt: { password: '${(genesyscloud_oauth_client.pacing-client.client_secret == null || genesyscloud_oauth_client.pacing-client.client_secret == "") ? null : genesyscloud_oauth_client.pacing-client.client_secret}' },
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
    expect(acme.provider.genesyscloud[0]).toEqual({
      // the region, once the deployment-target guard passed (see below)
      aws_region: '${var.hybrid_sandbox == "" ? "eu-west-1" : "eu-west-1"}',
      oauthclient_id: "${var.acme_admin_client_id}",
      oauthclient_secret: "${var.acme_admin_client_secret}",
    });
    expect(globex.provider.genesyscloud[0].oauthclient_id).toBe("${var.globex_admin_client_id}");
  });

  test("creates both OAuth clients from the tenant's settings, protected, at fixed addresses", () => {
    const globex = JSON.parse(byName.globex);
    expect(Object.keys(acme.resource.genesyscloud_oauth_client).sort()).toEqual(["pacing-client", "saml2-bearer-client"]);
    const pacing = acme.resource.genesyscloud_oauth_client["pacing-client"];
    const saml = globex.resource.genesyscloud_oauth_client["saml2-bearer-client"];
    expect(pacing).toEqual(expect.objectContaining({ name: "PureEngage Client Credentials", authorized_grant_type: "CLIENT-CREDENTIALS", lifecycle: { prevent_destroy: true } }));
    // globex sets 43200 s for its SAML2 Bearer client; the redirect URI is its region's apps URL
    expect(saml).toEqual(expect.objectContaining({ access_token_validity_seconds: 43200, registered_redirect_uris: ["https://apps.mypurecloud.com"], lifecycle: { prevent_destroy: true } }));
  });

  test("grants the Predictive Engagement permissions to the employee role, without protecting it from destroy", () => {
    const grant = acme.resource.restapi_object["journey-role-grant"];
    expect(grant.lifecycle).toBeUndefined();
    const [roleLookup] = Object.values(acme.data.restapi_object) as { search_value: string }[];
    expect(roleLookup.search_value).toBe("employee");
  });

  test("lets a tenant opt out of destroy protection for the clients and the identity provider alike", () => {
    const yaml = readFileSync(EXAMPLE_TENANTS_FILE, "utf8");
    expect(yaml).toContain("preventDestroy: true");
    const { file: optedOut } = tenantFixture({ yaml: yaml.replace("preventDestroy: true", "preventDestroy: false") });
    const [stack] = addTenantStacks(Testing.app({ outdir: join(dir, "cdktf.out") }), checkTenants(optedOut));
    const parsed = JSON.parse(Testing.synth(stack));
    expect(parsed.resource.genesyscloud_oauth_client["pacing-client"].lifecycle).toEqual({ prevent_destroy: false });
    expect(parsed.resource.genesyscloud_oauth_client["saml2-bearer-client"].lifecycle).toEqual({ prevent_destroy: false });
    expect(parsed.resource.restapi_object["pureengage-idp"].lifecycle).toEqual({ prevent_destroy: false });
  });

  test("registers the PureEngage identity provider at a fixed address", () => {
    expect(byName.acme).toHaveResourceWithProperties(ObjectResource, { object_id: "pureengage", lifecycle: { prevent_destroy: true } });
    expect(Object.keys(acme.resource.restapi_object).sort()).toEqual(["journey-role-grant", "pureengage-idp"]);
  });

  test("refuses at plan time to run from a sandbox's environment, before any provider is configured", () => {
    // a stack for Genesys Cloud wants TF_VAR_hybrid_sandbox empty; sandbox.env sets it
    expect(acme.variable.hybrid_sandbox).toEqual(expect.objectContaining({ default: "", validation: [expect.objectContaining({ condition: '${var.hybrid_sandbox == ""}' })] }));
    // and both providers' settings refer to it, so Terraform configures them only after the check
    expect(acme.provider.restapi[0].uri).toBe('${var.hybrid_sandbox == "" ? "https://api.mypurecloud.ie" : "https://api.mypurecloud.ie"}');
  });

  test("a sandbox stack's providers also wait for the guard, pointed at the sandbox", () => {
    // given the example tenants synthesized for a sandbox
    const target = { kind: "sandbox", url: "http://127.0.0.1:9", stateDir: join(dir, "sandbox-state") } as const;
    const [stack, pgStack] = addTenantStacks(Testing.app({ outdir: join(dir, "cdktf.out") }), checkTenants(file), target);
    const synthesized = JSON.parse(Testing.synth(stack));
    // then the sandbox stack wants TF_VAR_hybrid_sandbox to be the sandbox's URL
    expect(synthesized.variable.hybrid_sandbox.validation).toEqual([expect.objectContaining({ condition: '${var.hybrid_sandbox == "http://127.0.0.1:9"}' })]);
    // and both providers' settings refer to it, so no provider is configured before the check
    expect(synthesized.provider.restapi[0].uri).toBe('${var.hybrid_sandbox == "" ? "http://127.0.0.1:9" : "http://127.0.0.1:9"}');
    expect(synthesized.provider.genesyscloud[0].aws_region).toBe('${var.hybrid_sandbox == "" ? "eu-west-1" : "eu-west-1"}');
    // and its state is a local file of the sandbox, even for a tenant whose real state is in PostgreSQL
    expect(JSON.parse(Testing.synth(pgStack)).terraform.backend).toEqual({ local: { path: "../../../sandbox-state/globex.tfstate" } });
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

  test("makes a local state file owner-only before Terraform writes secrets to it", () => {
    // the state will hold the OAuth clients' secrets
    const state = join(dir, "state", "acme.tfstate");
    expect(statSync(join(dir, "state")).mode & 0o777).toBe(0o700);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    expect(statSync(state).size).toBe(0);
  });

  test("synthesizes byte-identical JSON from the same input", () => {
    // given the same tenants file and certificates, when synthesized twice
    const again = addTenantStacks(Testing.app({ outdir: join(dir, "cdktf.out") }), checkTenants(file)).map((s) => Testing.synth(s));
    // then the output does not change
    expect(again).toEqual([byName.acme, byName.globex]);
  });

  test("needs none of cdktf's preparing resolve, for Genesys Cloud or a sandbox", () => {
    for (const target of [{ kind: "genesys-cloud" } as const, { kind: "sandbox", url: "http://127.0.0.1:9", stateDir: join(dir, "sandbox-state") } as const]) {
      // given the example tenants as two identical apps
      const stacks = () => addTenantStacks(Testing.app({ outdir: join(dir, "cdktf.out") }), checkTenants(file), target);
      const [ours, cdktfs] = [stacks(), stacks()];
      // when one is prepared as TenantStack does and the other by cdktf's own preparation
      ours.forEach((s) => s.prepareStack());
      cdktfs.forEach((s) => TerraformStack.prototype.prepareStack.call(s));
      // then both synthesize the same JSON
      expect(ours.map((s) => Testing.synth(s))).toEqual(cdktfs.map((s) => Testing.synth(s)));
    }
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

describe("a SAML key rollover", () => {
  const NEXT_PASSWORD = "test-only-next-key-password";
  const ORG = "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f";

  /** acme with its current set, a next set in certs/acme/next, and `saml.rollover` at `stage` (or none). */
  function rolloverFixture(opts: { currentDays?: number; now?: Date } = {}) {
    const { dir } = tenantFixture({ yaml: tenantsYaml([{ name: "acme", orgId: ORG }]), days: opts.currentDays, now: opts.now });
    createCertSet(join(dir, "certs", "acme", "next"), {
      subject: defaultSubject("acme"),
      days: 730,
      keyBits: 2048,
      format: "traditional",
      password: NEXT_PASSWORD,
      now: new Date(),
      force: false,
    });
    const at = (stage?: RolloverStage, certificate = "certs/acme/next/cert.pem") => {
      const file = join(dir, "tenants.yaml");
      writeFileSync(file, tenantsYaml([{ name: "acme", orgId: ORG, rollover: stage && { certificate, stage } }]));
      return loadTenantsFile(file);
    };
    return { dir, at };
  }
  const synth = (dir: string, file: TenantsFile) => JSON.parse(Testing.synth(addTenantStacks(Testing.app({ outdir: join(dir, "cdktf.out") }), checkTenants(file))[0]));
  const b64 = (dir: string, set: string) => readFileSync(join(dir, "certs", ...(set === "next" ? ["acme", "next"] : ["acme"]), "cert.pem.b64"), "utf8");

  test.each([
    ["none", "current"],
    ["publish", "current"],
    ["switch", "next"],
    ["retire", "next"],
  ] as const)("at stage %s the transaction object carries the %s key set, and saml_rollover_stage says so", (output, set) => {
    const stage = output === "none" ? undefined : output;
    // given acme rolling over to certs/acme/next at `stage`
    const { dir, at } = rolloverFixture();
    const stack = synth(dir, at(stage));
    // then saml/certificate, saml/pkey and saml/password are those of the stage's signing set
    const folder = set === "next" ? "certs/acme/next" : "certs/acme";
    const variable = set === "next" ? "acme_saml_next_key_password" : "acme_saml_key_password";
    expect(stack.output.hybrid_integration.value.saml.certificate).toBe(b64(dir, set));
    expect(stack.output.hybrid_integration_secrets.value.saml).toEqual({ pkey: `\${file("../../../${folder}/key.pem.enc.b64")}`, password: `\${var.${variable}}` });
    expect(stack.output.saml_rollover_stage.value).toBe(output);
    // and the next key's password is a variable of its own only while a rollover is declared
    expect(Object.keys(stack.variable).filter((v) => v.includes("key_password")).sort()).toEqual(
      stage === undefined ? ["acme_saml_key_password"] : ["acme_saml_key_password", "acme_saml_next_key_password"],
    );
    if (stage !== undefined) expect(stack.variable.acme_saml_next_key_password.sensitive).toBe(true);
  });

  test("the identity provider's data is what declaredPureEngageFields says for the tenant, at every stage", () => {
    const { dir, at } = rolloverFixture();
    const bodies = {
      current: readCertificate(join(dir, "certs", "acme", "cert.pem")).pemBody,
      next: readCertificate(join(dir, "certs", "acme", "next", "cert.pem")).pemBody,
    };
    for (const stage of [undefined, "publish", "switch", "retire"] as const) {
      const file = at(stage);
      const data = JSON.parse(synth(dir, file).resource.restapi_object["pureengage-idp"].data);
      expect({ stage, data }).toEqual({ stage, data: declaredPureEngageFields(file.tenants[0], bodies) });
    }
  });

  test("retire, then the next set moved into place and rollover removed: the same identity provider and transaction object", () => {
    // given acme at the retire stage
    const { dir, at } = rolloverFixture();
    const retire = synth(dir, at("retire"));
    // when the next set becomes the current one (as docs/certs.md moves it) and rollover goes
    const acme = join(dir, "certs", "acme");
    for (const f of ["cert.pem", "key.pem", "key.pem.enc", "cert.pem.b64", "key.pem.enc.b64"]) renameSync(join(acme, "next", f), join(acme, f));
    const done = synth(dir, at(undefined));
    // then the identity provider's data and the public options are unchanged, and the pkey file holds the same key
    expect(done.resource.restapi_object["pureengage-idp"].data).toBe(retire.resource.restapi_object["pureengage-idp"].data);
    expect(done.output.hybrid_integration.value).toEqual(retire.output.hybrid_integration.value);
    expect(done.output.saml_rollover_stage.value).toBe("none");
  });

  test("a next certificate that is the current one, missing or expired stops synthesis naming saml.rollover.certificate", () => {
    const { at } = rolloverFixture();
    expect(() => checkTenants(at("publish", "certs/acme/cert.pem"))).toThrow(
      /tenants\.acme\.saml\.rollover\.certificate: .*certs\/acme\/cert\.pem is the same certificate as saml\.certificate; make a next key set with `hybrid certs rotate --tenant acme --next`/,
    );
    expect(() => checkTenants(at("publish", "certs/acme/nope/cert.pem"))).toThrow(/tenants\.acme\.saml\.rollover\.certificate: cannot read certificate .*nope\/cert\.pem/);
    const expired = rolloverFixture();
    writeFileSync(join(expired.dir, "certs", "acme", "next", "cert.pem"), createSelfSignedCertificate({ keys: generateRsaKeyPair(2048), subject: defaultSubject("acme"), days: 1, now: new Date(Date.now() - 3 * 86_400_000) }));
    expect(() => checkTenants(expired.at("switch"))).toThrow(/tenants\.acme\.saml\.rollover\.certificate: .*expired/);
  });

  test("once the next key signs, an expired current certificate no longer stops synthesis: a warning at switch, nothing at retire", () => {
    // given a current certificate that expired yesterday, being rolled over
    const { at } = rolloverFixture({ currentDays: 30, now: new Date(Date.now() - 31 * 86_400_000) });
    // then publish still stops (agents sign with it), switch warns, retire says nothing
    expect(() => checkTenants(at("publish"))).toThrow(/tenants\.acme\.saml\.certificate: .*expired/);
    expect(checkTenants(at("switch")).warnings).toEqual([expect.stringMatching(/^tenants\.acme\.saml\.certificate: expired on .*; the identity provider still lists it until the retire stage/)]);
    expect(checkTenants(at("retire")).warnings).toEqual([]);
  });
});
