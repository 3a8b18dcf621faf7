import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { UserError } from "../../core/user-error";
import type { DeploymentTarget } from "../../core/contract/deployment-target";
import { addTenantStacks, checkTenants, type CheckedTenants } from "../../stacks/hybrid-app";

/** Adds the tenant stacks to the app: main.ts's `addTenantStacks`, or a test's variant of it. */
export type AddStacks = (app: App, checked: CheckedTenants, target: DeploymentTarget) => void;

/**
 * One synthesis of every tenant of a tenants file into `outdir` for `target` (main.ts
 * takes it from the environment: a sandbox once sandbox.env is sourced), exactly as
 * main.ts does it (checked first, so bad input writes nothing). Resolves to the tenant names
 * and the file's warnings.
 */
export function synthesizeTenants(
  tenantsFile: string,
  outdir: string,
  target: DeploymentTarget,
  addStacks: AddStacks = addTenantStacks,
): { tenants: string[]; warnings: readonly string[] } {
  const checked = checkTenants(loadTenantsFile(tenantsFile));
  const app = new App({ outdir });
  addStacks(app, checked, target);
  app.synth();
  return { tenants: checked.tenants.map((t) => t.tenant.name), warnings: checked.warnings };
}

/** The stacks of an earlier synthesis (`<dir>/manifest.json`, as cdktf writes it). */
export function synthesizedTenants(synthDir: string): string[] {
  const manifest = path.join(synthDir, "manifest.json");
  let stacks: unknown;
  try {
    stacks = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { stacks?: unknown }).stacks;
  } catch {
    throw new UserError(`${manifest}: no synthesized stacks there; run \`npx cdktf synth\` first, or leave out --no-synth so that hybrid plan synthesizes`);
  }
  if (typeof stacks !== "object" || stacks === null) throw new UserError(`${manifest}: has no "stacks"; synthesize again with \`npx cdktf synth\``);
  return Object.keys(stacks).sort();
}
