// The end-to-end tests' way to the one Terraform runner (core/terraform): the repository's
// toolchain, a user's environment plus the test's variables, its secrets masked.
import { describeRun, projectTerraform, runTerraform as run, type TerraformResult } from "../../core/terraform/terraform";
import { REPO_PROJECT } from "../repo";
import { userEnv } from "../user-env";

export { describeRun, type TerraformResult };

export interface TerraformOptions {
  /** The test's variables (TF_VAR_... credentials, a sandbox's), on top of a user's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Values known to be secret, masked in the output (TF_VAR_ values are masked anyway). */
  readonly redact?: readonly string[];
  /** @default 120000 */
  readonly timeoutMs?: number;
}

/**
 * Runs the repository toolchain's Terraform in `dir` with the mirror-only CLI configuration.
 * Its output is masked (core/redaction), but for the JSON a test reads as data (`output -json`,
 * `show -json`), whose stdout comes back as is for the test to compare.
 */
export function runTerraform(dir: string, args: readonly string[], opts: TerraformOptions = {}): Promise<TerraformResult> {
  const tf = projectTerraform(REPO_PROJECT, userEnv(opts.env));
  const jsonRead = (args[0] === "output" || args[0] === "show") && args.includes("-json");
  return run(tf, dir, args, { secrets: opts.redact, timeoutMs: opts.timeoutMs ?? 120_000, rawStdout: jsonRead });
}

/** Like {@link runTerraform}, but fails with the run's output unless it exits with one of `okCodes`. */
export async function terraformOk(dir: string, args: readonly string[], opts: TerraformOptions & { okCodes?: readonly number[] } = {}): Promise<TerraformResult> {
  const result = await runTerraform(dir, args, opts);
  if (!(opts.okCodes ?? [0]).includes(result.code)) throw new Error(`Terraform failed:\n${describeRun(result)}`);
  return result;
}

/** Actions per resource address of a saved plan (`terraform show -json <planfile>`), e.g. `{"restapi_object.x": ["update"]}`. */
export async function planActions(dir: string, planFile: string, opts: TerraformOptions = {}): Promise<Record<string, string[]>> {
  const shown = await terraformOk(dir, ["show", "-json", planFile], opts);
  const plan = JSON.parse(shown.stdout) as { resource_changes?: { address: string; change: { actions: string[] } }[] };
  return Object.fromEntries((plan.resource_changes ?? []).map((rc) => [rc.address, rc.change.actions]));
}
