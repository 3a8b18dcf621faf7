import { existsSync } from "node:fs";
import * as path from "node:path";
import type { Project } from "../project";
import { lastLines, projectTerraform, runTerraform, terraformDataDir } from "../terraform/terraform";
import { loadToolchain } from "../toolchain/toolchain-manifest";
import { ExitCode, UserError } from "../user-error";

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
  readonly project: Project;
  /** The synthesized app. @default the project's cdktf.out */
  readonly synthDir?: string;
  /** The caller's whole environment (a pg backend's PG_CONN_STR, a sourced sandbox.env, ...). */
  readonly env: NodeJS.ProcessEnv;
}

/** The synthesized stack directory of a tenant. */
export function tenantStackDir(synthDir: string, tenant: string): string {
  return path.join(synthDir, "stacks", tenant);
}

/**
 * Reads a tenant's applied outputs through Terraform (`terraform output -json` in its
 * synthesized stack), so every backend works. Initializes the stack directory first
 * when it never was (providers from the toolchain's mirror).
 *
 * @throws UserError naming the tenant and the command that fixes it: never synthesized,
 * never deployed (no state or no outputs).
 */
export async function readTenantOutputs(tenant: string, opts: ReadOutputsOptions): Promise<TenantOutputs> {
  const dir = tenantStackDir(opts.synthDir ?? opts.project.synthDir(opts.project.root), tenant);
  if (!existsSync(path.join(dir, "cdk.tf.json"))) {
    throw new UserError(`tenant ${tenant}: no synthesized stack at ${dir}; run \`npm run synth\` (or \`npx cdktf synth\`) first, then \`npx cdktf deploy ${tenant}\`.`, ExitCode.Failed);
  }
  const tf = projectTerraform(opts.project, opts.env, loadToolchain(opts.project));
  if (!existsSync(terraformDataDir(tf, dir))) {
    const init = await runTerraform(tf, dir, ["init"]);
    if (init.code !== 0) throw new UserError(`tenant ${tenant}: \`terraform init\` in ${dir} failed: ${lastLines(init.stderr)}`, ExitCode.Failed);
  }
  // stdout as is: it holds the secret outputs this reads.
  const output = await runTerraform(tf, dir, ["output", "-json"], { rawStdout: true });
  if (output.code !== 0) throw new UserError(`tenant ${tenant}: \`terraform output\` in ${dir} failed: ${lastLines(output.stderr)}`, ExitCode.Failed);
  const raw = JSON.parse(output.stdout) as Record<string, { value: unknown }>;
  if (!raw.hybrid_integration) {
    throw new UserError(`tenant ${tenant}: the stack has no applied outputs (never deployed, or its state is elsewhere); run \`npx cdktf deploy ${tenant}\`.`, ExitCode.Failed);
  }
  return {
    hybridIntegration: raw.hybrid_integration.value as TransactionObjectSections,
    secrets: (raw.hybrid_integration_secrets?.value ?? {}) as TenantOutputs["secrets"],
    adoptedClients: (raw.adopted_clients?.value ?? []) as string[],
    firewallHosts: (raw.firewall_hosts?.value ?? []) as TenantOutputs["firewallHosts"],
  };
}
