import { App, LocalBackend, TerraformStack } from "cdktf";
import { readFileSync } from "fs";
import { join } from "path";

export interface SynthesizedStack {
  /** The stack's Terraform working directory (`<outdir>/stacks/<name>`), where init/apply run. */
  readonly dir: string;
  /** The synthesized `cdk.tf.json`, as text (for "no secret in it" checks) and parsed. */
  readonly jsonText: string;
  readonly json: Record<string, any>;
}

/**
 * Synthesizes one stack into `outdir` with a fresh App. Synthesizing again into the
 * same `outdir` rewrites `cdk.tf.json` only, so an initialized working directory
 * (`.terraform`, state) stays usable for plans of a changed configuration.
 */
export function synthStack(outdir: string, name: string, build: (stack: TerraformStack) => void): SynthesizedStack {
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, name);
  // cdktf's default local backend writes terraform.<stack>.tfstate into the current
  // directory (the project root under jest); keep test state in the working directory.
  new LocalBackend(stack, { path: "terraform.tfstate" });
  build(stack);
  app.synth();
  const dir = join(outdir, "stacks", name);
  const jsonText = readFileSync(join(dir, "cdk.tf.json"), "utf8");
  return { dir, jsonText, json: JSON.parse(jsonText) };
}
