import { existsSync } from "node:fs";
import * as path from "node:path";
import { isRolloverStage, type RolloverStage } from "../config/rollover-stage";
import type { Project } from "../project";
import { lastLines, projectTerraform, runTerraform, terraformDataDir } from "../terraform/terraform";
import { loadToolchain } from "../toolchain/toolchain-manifest";
import { ExitCode, UserError } from "../user-error";
import { type ClientSection, OPTION_LAYOUT, optionName, optionValue, type TransactionObjectOptions } from "./option-layout";
import { OUTPUTS } from "./tenant-stack-contract";

/** A host and port the on-premises firewall opens (the procedure's "Opening Your Network"). */
export interface FirewallHost {
  readonly host: string;
  readonly port: number;
  readonly purpose: string;
}

/** What a deployed tenant stack outputs, typed and checked (see {@link parseTenantOutputs}). */
export interface TenantOutputs {
  /** The transaction object, public and secret options together. Never print the secret ones. */
  readonly options: TransactionObjectOptions;
  /**
   * The sections whose OAuth client was adopted by `hybrid adopt`: Terraform has no secret
   * for them (null in `options`); their password is the one the transaction object holds.
   */
  readonly adoptedClients: readonly ClientSection[];
  readonly firewallHosts: readonly FirewallHost[];
  /** The SAML key rollover stage deployed (`saml_rollover_stage`); undefined outside a rollover, or from a deploy older than the output. */
  readonly rolloverStage?: RolloverStage;
}

/** `terraform output -json` as Terraform writes it. */
export type RawOutputs = Readonly<Record<string, { readonly value?: unknown } | undefined>>;

const CLIENT_SECTIONS: readonly ClientSection[] = ["ewt", "saml_auth"];

/**
 * A tenant's outputs from `terraform output -json`, checked against the layout: every option
 * a string (a client's password may be null when adopted).
 *
 * @throws UserError (exit 1) naming the tenant: never deployed, or every option missing from
 * the outputs (an older deploy) and the deploy that brings them up to date.
 */
export function parseTenantOutputs(tenant: string, raw: RawOutputs): TenantOutputs {
  if (raw[OUTPUTS.transactionObject] === undefined) {
    throw new UserError(`tenant ${tenant}: the stack has no applied outputs (never deployed, or its state is elsewhere); run \`npx cdktf deploy ${tenant}\`.`, ExitCode.Failed);
  }
  const options: Record<string, Record<string, string | null>> = {};
  const missing: string[] = [];
  for (const spec of OPTION_LAYOUT) {
    const section = (raw[spec.output]?.value as Record<string, unknown> | undefined)?.[spec.section];
    const value = typeof section === "object" && section !== null ? (section as Record<string, unknown>)[spec.option] : undefined;
    const nullable = spec.secret && spec.option === "password" && (CLIENT_SECTIONS as readonly string[]).includes(spec.section);
    if (typeof value === "string" || (value === null && nullable)) (options[spec.section] ??= {})[spec.option] = value;
    else missing.push(optionName(spec));
  }
  if (missing.length > 0) {
    throw new UserError(
      `tenant ${tenant}: the applied outputs have no ${missing.join(", ")} (deployed by an older version of this project, or the stack's outputs changed since); ` +
        `run \`npx cdktf deploy ${tenant}\` to bring them up to date`,
      ExitCode.Failed,
    );
  }
  const adopted = raw[OUTPUTS.adoptedClients]?.value;
  const firewall = raw[OUTPUTS.firewallHosts]?.value;
  const stage = raw[OUTPUTS.rolloverStage]?.value;
  return {
    options: options as unknown as TransactionObjectOptions,
    adoptedClients: Array.isArray(adopted) ? CLIENT_SECTIONS.filter((s) => adopted.includes(s)) : [],
    firewallHosts: Array.isArray(firewall) ? firewall.filter(isFirewallHost) : [],
    ...(isRolloverStage(stage) ? { rolloverStage: stage } : {}),
  };
}

function isFirewallHost(value: unknown): value is FirewallHost {
  const h = value as Partial<FirewallHost> | null;
  return typeof h?.host === "string" && typeof h.port === "number" && typeof h.purpose === "string";
}

/** Every secret value of the outputs (for the masking policy): never to be printed. */
export function secretValues(outputs: TenantOutputs): string[] {
  return OPTION_LAYOUT.filter((s) => s.secret)
    .map((s) => optionValue(outputs.options, s))
    .filter((v): v is string => typeof v === "string" && v !== "");
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
 * never deployed (no state or no outputs), outputs of an older deploy.
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
  return parseTenantOutputs(tenant, JSON.parse(output.stdout) as RawOutputs);
}
