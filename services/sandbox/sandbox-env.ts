import { SANDBOX_STATE_DIR_ENV, SANDBOX_URL_ENV, SANDBOX_VARIABLE } from "../../core/contract/deployment-target";
import { URL_OVERRIDE_ENV } from "../../core/genesys/url-override";
import { tenantVariableNames } from "../../core/contract/tenant-variables";

/** What `sandbox.env` is written from. */
export interface SandboxEnvInput {
  /** The sandbox's base URL, http://127.0.0.1:PORT. */
  readonly url: string;
  /** Where sandbox stacks keep their state. */
  readonly stateDir: string;
  /** The toolchain's Terraform CLI configuration (mirror-only), when there is one. */
  readonly cliConfigFile?: string;
  /** Each tenant's Terraform admin client in the sandbox. */
  readonly tenants: readonly { readonly name: string; readonly adminClientId: string; readonly adminClientSecret: string }[];
}

/** Single-quotes a value for POSIX shells. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The text of `sandbox.env`: `export` lines that point Terraform, cdktf and every
 * `hybrid` command at the sandbox. `TF_DATA_DIR` is relative, so each stack folder gets
 * a `.terraform-sandbox` of its own and a sandbox `terraform init` never touches the
 * backend settings of the real one in `.terraform`.
 */
export function renderSandboxEnv(input: SandboxEnvInput): string {
  const lines = [
    "# Written by `hybrid sandbox`: `source` it to deploy to the local sandbox instead of Genesys Cloud.",
    "# It holds the sandbox's generated admin credentials (not real ones); the file is readable by you only.",
    `export ${SANDBOX_URL_ENV}=${shellQuote(input.url)}`,
    `export ${SANDBOX_STATE_DIR_ENV}=${shellQuote(input.stateDir)}`,
    `export TF_VAR_${SANDBOX_VARIABLE}=${shellQuote(input.url)}`,
    "export TF_DATA_DIR=.terraform-sandbox",
    `export ${URL_OVERRIDE_ENV}=${shellQuote(input.url)}`,
    ...(input.cliConfigFile ? [`export TF_CLI_CONFIG_FILE=${shellQuote(input.cliConfigFile)}`] : []),
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
