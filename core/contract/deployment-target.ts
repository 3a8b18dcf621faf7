import { join } from "node:path";
import { loopbackOrigin } from "../genesys/loopback";
import { ExitCode, UserError } from "../user-error";

/**
 * Where a synthesis deploys to: the tenants' real Genesys Cloud regions; a local sandbox
 * (`hybrid sandbox`), whose URL and state folder its `sandbox.env` exports; or, for the
 * end-to-end tests, the Genesys Cloud API at a loopback origin (a double) with the tenants'
 * own backends, planned as for Genesys Cloud. Only the first two come from the environment.
 */
export type DeploymentTarget =
  | { readonly kind: "genesys-cloud" }
  | { readonly kind: "sandbox"; readonly url: string; readonly stateDir: string }
  | { readonly kind: "double"; readonly url: string };

/** Set by `sandbox.env`: the sandbox's base URL, which makes a synthesis target it. */
export const SANDBOX_URL_ENV = "HYBRID_SANDBOX_URL";
/** Set by `sandbox.env`: where sandbox stacks keep their state, apart from real state. */
export const SANDBOX_STATE_DIR_ENV = "HYBRID_SANDBOX_STATE_DIR";
/**
 * The Terraform variable every tenant stack checks at plan time: empty for a stack
 * made for Genesys Cloud, the sandbox's URL for a sandbox stack. `sandbox.env` sets it
 * (TF_VAR_hybrid_sandbox), so a shell pointed at a sandbox cannot plan a real stack,
 * and a sandbox stack cannot be planned from a shell that is not.
 */
export const SANDBOX_VARIABLE = "hybrid_sandbox";

/** The target the environment asks for: a sandbox when `HYBRID_SANDBOX_URL` is set. */
export function deploymentTarget(env: NodeJS.ProcessEnv = process.env): DeploymentTarget {
  const raw = env[SANDBOX_URL_ENV];
  if (!raw) return { kind: "genesys-cloud" };
  const url = loopbackOrigin(raw);
  if (url === undefined) {
    throw new UserError(`${SANDBOX_URL_ENV} is "${raw}", but a sandbox listens on loopback only (http://127.0.0.1:PORT); source the sandbox.env that \`hybrid sandbox\` wrote, or unset ${SANDBOX_URL_ENV} to synthesize for Genesys Cloud.`, ExitCode.Usage);
  }
  const stateDir = env[SANDBOX_STATE_DIR_ENV];
  if (!stateDir) {
    throw new UserError(`${SANDBOX_URL_ENV} is set but ${SANDBOX_STATE_DIR_ENV} is not; source the whole sandbox.env that \`hybrid sandbox\` wrote.`, ExitCode.Usage);
  }
  return { kind: "sandbox", url, stateDir };
}

/** Where a sandbox keeps a tenant's state. */
export function sandboxStatePath(target: Extract<DeploymentTarget, { kind: "sandbox" }>, tenant: string): string {
  return join(target.stateDir, `${tenant}.tfstate`);
}
