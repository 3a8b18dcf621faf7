/**
 * `npm run bindings`: cdktf bindings for the pinned providers, generated into
 * `.gen/` from the vendored schemas with @cdktf/provider-generator, the library
 * behind `cdktf get`, and the same cdktf.json constraints, so `cdktf get` on a
 * machine that reaches the registry writes code that compiles the same.
 * Skipped when neither the schemas nor the generator changed.
 */
import type { ProviderSchema } from "@cdktf/commons";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "../core/project";
import { loadProviderPins } from "../core/toolchain/providers";
import { schemaFile } from "./vendor-schemas";

async function main(): Promise<void> {
  const started = Date.now();
  // npm runs the script in the project's folder.
  const project = Project.require(process.cwd(), "npm run bindings");
  const GEN_DIR = join(project.root, ".gen");
  const STAMP = join(GEN_DIR, ".schemas.sha256");
  const pins = loadProviderPins(project.root);
  const generatorVersion = (require("@cdktf/provider-generator/package.json") as { version: string }).version;
  const hash = createHash("sha256").update(generatorVersion);
  const schemas = pins.map((pin) => {
    const file = schemaFile(project, pin);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run schemas\` with the toolchain installed.`);
    const text = readFileSync(file, "utf8");
    hash.update(`${pin.namespace}/${pin.type}@${pin.version}\n`).update(text);
    return { pin, schema: JSON.parse(text) as ProviderSchema };
  });
  const digest = hash.digest("hex");
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === digest) {
    console.log("bindings: .gen/ is up to date");
    return;
  }
  // @cdktf/commons runs `terraform version` as it loads; generating needs no
  // Terraform, so give it an empty CLI configuration rather than whatever the
  // environment points at (a missing file makes Terraform warn on every run).
  process.env.TF_CLI_CONFIG_FILE = "/dev/null";
  // and it reports usage to HashiCorp's checkpoint service unless told not to.
  process.env.CHECKPOINT_DISABLE = "1";
  const { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } = await import("@cdktf/commons");
  const { CodeMaker, TerraformProviderGenerator } = await import("@cdktf/provider-generator");
  rmSync(join(GEN_DIR, "providers"), { recursive: true, force: true });
  for (const { pin, schema } of schemas) {
    const code = new CodeMaker();
    const constraint = new TerraformProviderConstraint(`${pin.namespace}/${pin.type}@= ${pin.version}`);
    new TerraformProviderGenerator(code, schema).generate(new ConstructsMakerProviderTarget(constraint, LANGUAGES[0]));
    await code.save(GEN_DIR);
  }
  writeFileSync(STAMP, digest);
  console.log(`bindings: generated ${pins.map((p) => p.type).join(", ")} into .gen/ in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

main().catch((err: Error) => {
  console.error(`bindings: ${err.message}`);
  process.exit(1);
});
