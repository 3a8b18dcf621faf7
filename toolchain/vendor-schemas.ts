/**
 * `npm run schemas`: asks the real providers in the mirror for their schema
 * (`terraform providers schema -json`) and writes the part this project uses to
 * `schemas/`, one file per provider, keys sorted so a diff shows only real
 * schema changes. The bindings in `.gen/` are generated from these files.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "../core/project";
import { describeRun, projectTerraform, runTerraform } from "../core/terraform/terraform";
import { loadProviderPins, OPENTOFU_REGISTRY_HOST, ProviderPin, REGISTRY_HOST, registryAddress } from "../core/toolchain/providers";
import { loadToolchain } from "../core/toolchain/toolchain-manifest";

/** The vendored schemas of a project. */
export function schemasDir(project: Project): string {
  return join(project.root, "schemas");
}

interface ProviderSchemaEntry {
  provider: unknown;
  resource_schemas?: Record<string, unknown>;
  data_source_schemas?: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, two-space indented, newline-terminated. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + "\n";
}

export function schemaFile(project: Project, pin: ProviderPin): string {
  return join(schemasDir(project), `${pin.namespace}-${pin.type}.json`);
}

/**
 * The vendored schema text of each pinned provider, as the installed providers
 * report it now. Runs `terraform init` (mirror only) in a scratch folder.
 */
export async function extractSchemas(project: Project, pins: readonly ProviderPin[] = loadProviderPins(project.root)): Promise<Map<ProviderPin, string>> {
  const probe = join(project.toolchainDir, "schema-probe");
  rmSync(probe, { recursive: true, force: true });
  mkdirSync(probe, { recursive: true });
  const required = Object.fromEntries(pins.map((p) => [p.type, { source: `${p.namespace}/${p.type}`, version: `= ${p.version}` }]));
  writeFileSync(join(probe, "main.tf.json"), JSON.stringify({ terraform: { required_providers: required } }));
  // The toolchain's Terraform and mirror-only CLI configuration, whatever the caller's environment points at.
  const tc = loadToolchain(project);
  const tf = projectTerraform(project, { ...process.env, TF_CLI_CONFIG_FILE: tc.cliConfigFile, TERRAFORM_BINARY_NAME: tc.terraform.path }, tc);
  const init = await runTerraform(tf, probe, ["init", "-backend=false"]);
  if (init.code !== 0) throw new Error(describeRun(init));
  const shown = await runTerraform(tf, probe, ["providers", "schema", "-json"], { rawStdout: true });
  if (shown.code !== 0) throw new Error(describeRun(shown));
  const all = JSON.parse(shown.stdout) as {
    format_version: string;
    provider_schemas: Record<string, ProviderSchemaEntry>;
  };
  rmSync(probe, { recursive: true, force: true });

  const result = new Map<ProviderPin, string>();
  for (const pin of pins) {
    const address = registryAddress(pin);
    // OpenTofu reports the provider under its own registry host; the vendored file keeps one name.
    const full = all.provider_schemas[address] ?? all.provider_schemas[address.replace(REGISTRY_HOST, OPENTOFU_REGISTRY_HOST)];
    if (!full) throw new Error(`terraform reported no schema for ${address}; is it in the mirror? Run \`npm run toolchain\`.`);
    const pick = (kind: string, names: readonly string[], from: Record<string, unknown> = {}) =>
      Object.fromEntries(
        names.map((name) => {
          if (!(name in from)) throw new Error(`${address} ${pin.version} has no ${kind} "${name}" (listed in core/toolchain/providers.ts).`);
          return [name, from[name]];
        }),
      );
    const subset = {
      format_version: all.format_version,
      provider_schemas: {
        [address]: {
          provider: full.provider,
          resource_schemas: pick("resource", pin.resources, full.resource_schemas),
          data_source_schemas: pick("data source", pin.dataSources, full.data_source_schemas),
        },
      },
      provider_versions: { [address]: pin.version },
    };
    result.set(pin, stableJson(subset));
  }
  return result;
}

async function main(): Promise<void> {
  // npm runs the script in the project's folder.
  const project = Project.require(process.cwd(), "npm run schemas");
  mkdirSync(schemasDir(project), { recursive: true });
  for (const [pin, text] of await extractSchemas(project)) {
    const file = schemaFile(project, pin);
    const old = existsSync(file) ? readFileSync(file, "utf8") : "";
    writeFileSync(file, text);
    console.log(`schemas: ${file}: ${old === text ? "unchanged" : "written"}`);
  }
}

if (require.main === module) {
  main().catch((err: Error & { exitCode?: number }) => {
    console.error(`schemas: ${err.message}`);
    process.exit(err.exitCode ?? 1);
  });
}
