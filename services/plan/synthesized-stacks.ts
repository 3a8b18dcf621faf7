import * as fs from "node:fs";
import * as path from "node:path";
import { ExitCode, UserError } from "../../core/user-error";

/** The stacks of an earlier synthesis (`<dir>/manifest.json`, as cdktf writes it), by name. */
export function synthesizedStacks(synthDir: string): string[] {
  const manifest = path.join(synthDir, "manifest.json");
  let stacks: unknown;
  try {
    stacks = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { stacks?: unknown }).stacks;
  } catch {
    throw new UserError(`${manifest}: no synthesized stacks there; run \`npx cdktf synth\` first, or leave out --no-synth so that hybrid plan synthesizes`, ExitCode.Usage);
  }
  if (typeof stacks !== "object" || stacks === null) throw new UserError(`${manifest}: has no "stacks"; synthesize again with \`npx cdktf synth\``, ExitCode.Usage);
  return Object.keys(stacks).sort();
}
