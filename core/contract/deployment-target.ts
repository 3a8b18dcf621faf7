import { join } from "node:path";
import { UserError } from "../user-error";

/**
 * Where a synthesis deploys to: the tenants' real Genesys Cloud regions, or a local
 * sandbox (`hybrid sandbox`), whose URL and state folder its `sandbox.env` exports.
 */
export type DeploymentTarget = { readonly kind: "genesys-cloud" } | { readonly kind: "sandbox"; readonly url: string; readonly stateDir: string };

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

const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;

/** The target the environment asks for: a sandbox when `HYBRID_SANDBOX_URL` is set. */
export function deploymentTarget(env: NodeJS.ProcessEnv = process.env): DeploymentTarget {
  const url = env[SANDBOX_URL_ENV];
  if (!url) return { kind: "genesys-cloud" };
  if (!LOOPBACK_URL.test(url)) {
    throw new UserError(`${SANDBOX_URL_ENV} is "${url}", but a sandbox listens on loopback only (http://127.0.0.1:PORT); source the sandbox.env that \`hybrid sandbox\` wrote, or unset ${SANDBOX_URL_ENV} to synthesize for Genesys Cloud.`);
  }
  const stateDir = env[SANDBOX_STATE_DIR_ENV];
  if (!stateDir) {
    throw new UserError(`${SANDBOX_URL_ENV} is set but ${SANDBOX_STATE_DIR_ENV} is not; source the whole sandbox.env that \`hybrid sandbox\` wrote.`);
  }
  return { kind: "sandbox", url, stateDir };
}

/** Where a sandbox keeps a tenant's state. */
export function sandboxStatePath(target: Extract<DeploymentTarget, { kind: "sandbox" }>, tenant: string): string {
  return join(target.stateDir, `${tenant}.tfstate`);
}
