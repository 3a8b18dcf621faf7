import { writeFileSync } from "fs";
import { join } from "path";
import { type CliResult, runHybrid } from "../helpers/hybrid-cli";
import { GenesysCloudDouble, OrgCredentials } from "../../genesys-cloud-double";
import { describeRun, runTerraform, TerraformResult } from "../../testing/e2e";
import { synthTenantsAtFake, tenantTerraformEnv } from "../../testing/e2e/tenant-stacks-at-fake";
import { TEST_KEY_PASSWORD } from "../../testing/tenant-fixture";
import { tenantsYaml as yamlOf } from "../../testing/tenants-yaml";

/** Runs `hybrid <args>` in-process in `cwd` with `env`. */
export function hybrid(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runHybrid(args, { cwd, env });
}

export interface TestTenant {
  readonly name: string;
  readonly orgId: string;
  readonly tokenSeconds?: number;
  readonly issuer?: string;
}

/** A tenants file for `tenants` against the double: local state, destroy allowed. */
export function tenantsYaml(tenants: readonly TestTenant[]): string {
  return yamlOf(
    tenants.map((t) => ({
      name: t.name,
      orgId: t.orgId,
      issuer: t.issuer,
      extra: [`pacingClient: { accessTokenValiditySeconds: ${t.tokenSeconds ?? 86400} }`, "preventDestroy: false"],
    })),
  );
}

/** Writes `yaml` as the fixture's tenants file and synthesizes it into `<dir>/cdktf.out`, pointed at the double. */
export async function synthAtFake(dir: string, yaml: string, fake: GenesysCloudDouble): Promise<void> {
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, yaml);
  await synthTenantsAtFake(dir, fake.url, file);
}

/** TF_VAR_ credentials of a tenant's org, and its key password. */
export function tenantEnv(name: string, creds: OrgCredentials): Record<string, string> {
  return tenantTerraformEnv(name, creds, TEST_KEY_PASSWORD);
}

/** Terraform in `dir`; fails the test with the (redacted) run unless it exits 0. */
export async function terraformOkIn(dir: string, args: string[], env: Record<string, string>): Promise<TerraformResult> {
  const r = await runTerraform(dir, args, { env, redact: Object.values(env), timeoutMs: 300_000 });
  expect({ code: r.code, run: r.code === 0 ? "" : describeRun(r) }).toEqual({ code: 0, run: "" });
  return r;
}
