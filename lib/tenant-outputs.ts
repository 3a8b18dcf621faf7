import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { loadToolchain, terraformEnv } from "../toolchain/toolchain-manifest";
import { UserError } from "./user-error";

const run = promisify(execFile);

/** The transaction object's options by section, as the tenant stack outputs them (all strings). */
export type TransactionObjectSections = Record<string, Record<string, string>>;

/** What a deployed tenant stack outputs (see stacks/tenant-stack.ts). */
export interface TenantOutputs {
  /** `hybrid_integration`: general, annex, saml, saml_auth, ewt. */
  readonly hybridIntegration: TransactionObjectSections;
  /** `hybrid_integration_secrets`: saml {pkey, password}, saml_auth {password}, ewt {password}; null for an adopted client. Never print these. */
  readonly secrets: Record<string, Record<string, string | null>>;
  /**
   * `adopted_clients`: sections (`ewt`, `saml_auth`) whose OAuth client was imported by
   * `hybrid adopt`. Terraform has no secret for them (null in `secrets`): their password
   * is the one the transaction object already holds.
   */
  readonly adoptedClients: readonly string[];
  /** `firewall_hosts`. */
  readonly firewallHosts: readonly { readonly host: string; readonly port: number; readonly purpose: string }[];
}

export interface ReadOutputsOptions {
  /** The synthesized app, `cdktf.out` by default (relative to `cwd`). */
  readonly outdir?: string;
  readonly cwd?: string;
  /** Environment for Terraform (a pg backend's PG_CONN_STR, ...); the toolchain's CLI configuration is added. */
  readonly env?: NodeJS.ProcessEnv;
}

/** The synthesized stack directory of a tenant. */
export function tenantStackDir(tenant: string, opts: Pick<ReadOutputsOptions, "outdir" | "cwd"> = {}): string {
  return path.resolve(opts.cwd ?? process.cwd(), opts.outdir ?? "cdktf.out", "stacks", tenant);
}

/**
 * Reads a tenant's applied outputs through Terraform (`terraform output -json` in its
 * synthesized stack), so every backend works. Initializes the stack directory first
 * when it never was (providers from the toolchain's mirror).
 *
 * @throws UserError naming the tenant and the command that fixes it: never synthesized,
 * never deployed (no state or no outputs).
 */
export async function readTenantOutputs(tenant: string, opts: ReadOutputsOptions = {}): Promise<TenantOutputs> {
  const dir = tenantStackDir(tenant, opts);
  if (!existsSync(path.join(dir, "cdk.tf.json"))) {
    throw new UserError(`tenant ${tenant}: no synthesized stack at ${dir}; run \`npm run synth\` (or \`npx cdktf synth\`) first, then \`npx cdktf deploy ${tenant}\`.`);
  }
  const tc = loadToolchain();
  const env = { ...terraformEnv(tc), ...opts.env, TF_CLI_CONFIG_FILE: tc.cliConfigFile };
  const terraform = (args: string[]) => run(tc.terraform.path, args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
  if (!existsSync(path.join(dir, ".terraform"))) {
    try {
      await terraform(["init", "-input=false", "-no-color"]);
    } catch (err) {
      throw new UserError(`tenant ${tenant}: \`terraform init\` in ${dir} failed: ${lastLines((err as { stderr?: string }).stderr)}`);
    }
  }
  let raw: Record<string, { value: unknown }>;
  try {
    raw = JSON.parse((await terraform(["output", "-json", "-no-color"])).stdout) as Record<string, { value: unknown }>;
  } catch (err) {
    throw new UserError(`tenant ${tenant}: \`terraform output\` in ${dir} failed: ${lastLines((err as { stderr?: string }).stderr)}`);
  }
  if (!raw.hybrid_integration) {
    throw new UserError(`tenant ${tenant}: the stack has no applied outputs (never deployed, or its state is elsewhere); run \`npx cdktf deploy ${tenant}\`.`);
  }
  return {
    hybridIntegration: raw.hybrid_integration.value as TransactionObjectSections,
    secrets: (raw.hybrid_integration_secrets?.value ?? {}) as TenantOutputs["secrets"],
    adoptedClients: (raw.adopted_clients?.value ?? []) as string[],
    firewallHosts: (raw.firewall_hosts?.value ?? []) as TenantOutputs["firewallHosts"],
  };
}

function lastLines(text: string | undefined): string {
  return (text ?? "").trim().split("\n").slice(-5).join(" ").trim() || "no output";
}
