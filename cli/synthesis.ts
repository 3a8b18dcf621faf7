import type { TenantsFile } from "../core/config/tenants-file";
import { deploymentTarget } from "../core/contract/deployment-target";
import type { Project } from "../core/project";
import type { TenantFailure } from "../stacks/hybrid-app";
import type { SynthesisSummary } from "../stacks/synthesize";
import { displayPath, type CliContext } from "./context";

export type { TenantFailure };

/**
 * The synthesis `hybrid plan` and `hybrid drift` start with: every tenant of the tenants file,
 * for the target of this environment (a sandbox once its sandbox.env is sourced, as `cdktf
 * synth` would), from the project's synthesis cache, sharing the cores. A tenant whose
 * certificate or adoption file is bad is left out and listed in `failed`, so that it fails
 * alone. Says what it did through `say`.
 */
export async function synthesizeForCli(ctx: CliContext, project: Project, file: TenantsFile, synthDir: string, say: (text: string) => void): Promise<SynthesisSummary> {
  // Loaded here: synthesis brings cdktf and the provider bindings, which no other command needs at start.
  const { synthesize } = await import("../stacks/synthesize");
  const { SYNTHESIS_WORKER_ENTRY } = await import("../stacks/parallel-synthesis");
  const summary = await synthesize(file, deploymentTarget(ctx.env), {
    outdir: synthDir,
    env: ctx.env,
    workerEntry: SYNTHESIS_WORKER_ENTRY,
    cacheDir: project.synthesisCacheDir(ctx.cwd, ctx.env),
    skipFailedTenants: true,
  });
  for (const w of summary.warnings) ctx.stderr(`warning: ${w}\n`);
  const n = summary.tenants.length;
  const cached = summary.fromCache > 0 ? ` (${summary.fromCache} unchanged, from the synthesis cache)` : "";
  const failed = summary.failed.length > 0 ? `; ${summary.failed.length} could not be: ${summary.failed.map((f) => f.tenant).join(", ")}` : "";
  say(`synthesized ${n} tenant${n === 1 ? "" : "s"} into ${displayPath(ctx, synthDir)}${cached}${failed}\n`);
  return summary;
}
