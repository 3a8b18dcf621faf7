import { createHash } from "node:crypto";
import { SANDBOX_STATE_DIR_ENV, SANDBOX_URL_ENV, SANDBOX_VARIABLE } from "../../core/contract/deployment-target";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import { URL_OVERRIDE_ENV } from "../../core/genesys/loopback";

/** What `sandbox.env` is written from. */
export interface SandboxEnvInput {
  /** The sandbox's folder (absolute): names its Terraform data directories. */
  readonly dir: string;
  /** The sandbox's base URL, http://127.0.0.1:PORT. */
  readonly url: string;
  /** Where sandbox stacks keep their state. */
  readonly stateDir: string;
  /** The project toolchain's Terraform CLI configuration (mirror-only). */
  readonly cliConfigFile: string;
  /** Each tenant's Terraform admin client in the sandbox. */
  readonly tenants: readonly { readonly name: string; readonly adminClientId: string; readonly adminClientSecret: string }[];
}

/** Single-quotes a value for POSIX shells. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The Terraform data directory of a sandbox's stacks, relative (so each stack folder gets its
 * own) and named after the sandbox's folder: a stack deployed into one sandbox and then into
 * a sandbox in another folder gets a fresh `terraform init` there instead of "Backend
 * configuration changed", and never touches the backend settings of a real deploy in `.terraform`.
 */
export function sandboxDataDir(sandboxDir: string): string {
  return `.terraform-sandbox/${createHash("sha256").update(sandboxDir).digest("hex").slice(0, 12)}`;
}

/**
 * The text of `sandbox.env`: `export` lines that point Terraform, cdktf and every
 * `hybrid` command at the sandbox, complete for an air-gapped machine (the toolchain's
 * mirror-only CLI configuration, no checkpoint calls).
 */
export function renderSandboxEnv(input: SandboxEnvInput): string {
  const lines = [
    "# Written by `hybrid sandbox`: `source` it to deploy to the local sandbox instead of Genesys Cloud.",
    "# It holds the sandbox's generated admin credentials (not real ones); the file is readable by you only.",
    "# Key passwords are not here: export TF_VAR_<tenant>_saml_key_password, and during a key rollover",
    "# (saml.rollover in the tenants file) TF_VAR_<tenant>_saml_next_key_password, as for a real deploy.",
    `export ${SANDBOX_URL_ENV}=${shellQuote(input.url)}`,
    `export ${SANDBOX_STATE_DIR_ENV}=${shellQuote(input.stateDir)}`,
    `export TF_VAR_${SANDBOX_VARIABLE}=${shellQuote(input.url)}`,
    `export TF_DATA_DIR=${shellQuote(sandboxDataDir(input.dir))}`,
    `export ${URL_OVERRIDE_ENV}=${shellQuote(input.url)}`,
    `export TF_CLI_CONFIG_FILE=${shellQuote(input.cliConfigFile)}`,
    "export CHECKPOINT_DISABLE=1",
  ];
  for (const t of input.tenants) {
    const names = tenantVariableNames(t.name);
    lines.push(`export TF_VAR_${names.adminClientId}=${shellQuote(t.adminClientId)}`, `export TF_VAR_${names.adminClientSecret}=${shellQuote(t.adminClientSecret)}`);
  }
  return lines.join("\n") + "\n";
}

/** Reads the `export NAME='value'` lines of a sandbox.env back (for tools and tests that do not run a shell). */
export function parseSandboxEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const raw = m[2];
    env[m[1]] = raw.startsWith("'") ? raw.slice(1, -1).replace(/'\\''/g, "'") : raw;
  }
  return env;
}
