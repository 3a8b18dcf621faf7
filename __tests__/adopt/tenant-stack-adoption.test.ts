/** The synthesis side of adoption: import blocks from adopted/<tenant>.yaml, nothing else changed. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { IDENTITY_PROVIDER_IMPORT_ID, writeAdoption } from "../../core/config/adoption-file";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { tenantFixture } from "../../testing/tenant-fixture";
import { ORG, tenantsYaml } from "./helpers";

const PACING_ID = "0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90";

function synth(dir: string): Record<string, any> {
  const app = new App({ outdir: join(dir, "cdktf.out"), stackTraces: false });
  addTenantStacks(app, checkTenants(loadTenantsFile(join(dir, "tenants.yaml"))));
  app.synth();
  return JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "acme", "cdk.tf.json"), "utf8"));
}

describe("a tenant stack with an adoption file", () => {
  test("imports exactly the adopted objects, at their fixed addresses, and keeps every resource and output", () => {
    // given two synthesized copies of one tenant, one with the pacing client and identity provider adopted
    const plain = synth(tenantFixture({ yaml: tenantsYaml() }).dir);
    const { dir } = tenantFixture({ yaml: tenantsYaml() });
    writeAdoption(join(dir, "tenants.yaml"), { tenant: "acme", organizationId: ORG, pacingClient: { id: PACING_ID, name: "p" }, identityProvider: { id: "pureengage" } }, new Date());

    // when synthesized
    const adopted = synth(dir);

    // then it has one import block per adopted object
    expect(adopted.import).toEqual(
      expect.arrayContaining([
        { id: PACING_ID, to: "genesyscloud_oauth_client.pacing-client" },
        { id: IDENTITY_PROVIDER_IMPORT_ID, to: "restapi_object.pureengage-idp" },
      ]),
    );
    expect(adopted.import).toHaveLength(2);
    expect(plain.import).toBeUndefined();
    // and the same resources, addresses and outputs as without it
    const addresses = (j: Record<string, any>) => Object.entries(j.resource).flatMap(([type, byName]) => Object.keys(byName as object).map((n) => `${type}.${n}`)).sort();
    expect(addresses(adopted)).toEqual(addresses(plain));
    expect(Object.keys(adopted.output).sort()).toEqual(Object.keys(plain.output).sort());
  });

  test("outputs null for a client without a secret in state, and lists those sections in adopted_clients", () => {
    const json = synth(tenantFixture({ yaml: tenantsYaml() }).dir);
    const secret = (a: string) => `genesyscloud_oauth_client.${a}.client_secret`;
    expect(json.output.hybrid_integration_secrets.value.ewt.password).toBe(`\${(${secret("pacing-client")} == null || ${secret("pacing-client")} == "") ? null : ${secret("pacing-client")}}`);
    expect(json.output.hybrid_integration_secrets.value.saml_auth.password).toContain(`? null : ${secret("saml2-bearer-client")}}`);
    expect(json.output.adopted_clients.sensitive).toBeUndefined();
    expect(json.output.adopted_clients.value).toBe(
      `\${concat(nonsensitive((${secret("pacing-client")} == null || ${secret("pacing-client")} == "")) ? ["ewt"] : [], ` +
        `nonsensitive((${secret("saml2-bearer-client")} == null || ${secret("saml2-bearer-client")} == "")) ? ["saml_auth"] : [])}`,
    );
  });

  test("a bad adoption file stops the synthesis before anything is written", () => {
    // given an adoption file of another org
    const { dir } = tenantFixture({ yaml: tenantsYaml() });
    writeAdoption(join(dir, "tenants.yaml"), { tenant: "acme", organizationId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b" }, new Date());
    // when checked, then it fails naming the tenant and the field, and no output folder exists
    expect(() => checkTenants(loadTenantsFile(join(dir, "tenants.yaml")))).toThrow(/tenant acme: adoption file [^\n]*acme.yaml has 1 problem[\s\S]*organizationId: "9c1b7e42/);
    expect(existsSync(join(dir, "cdktf.out"))).toBe(false);
  });
});
