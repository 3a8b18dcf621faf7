/**
 * `npm run schemas`: asks the real providers in the mirror for their schema
 * (`terraform providers schema -json`) and writes the part this project uses to
 * `schemas/`, one file per provider, keys sorted so a diff shows only real
 * schema changes. The bindings in `.gen/` are generated from these files.
 */
import { execFileSync, ExecFileSyncOptionsWithStringEncoding } from "child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { loadProviderPins, OPENTOFU_REGISTRY_HOST, ProviderPin, PROJECT_ROOT, REGISTRY_HOST, registryAddress } from "../core/toolchain/providers";
import { loadToolchain, terraformEnv, Toolchain, TOOLCHAIN_DIR } from "../core/toolchain/toolchain-manifest";

export const SCHEMAS_DIR = join(PROJECT_ROOT, "schemas");

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

export function schemaFile(pin: ProviderPin): string {
  return join(SCHEMAS_DIR, `${pin.namespace}-${pin.type}.json`);
}

/**
 * The vendored schema text of each pinned provider, as the installed providers
 * report it now. Runs `terraform init` (mirror only) in a scratch folder.
 */
export function extractSchemas(tc: Toolchain = loadToolchain(), pins = loadProviderPins()): Map<ProviderPin, string> {
  const probe = join(TOOLCHAIN_DIR, "schema-probe");
  rmSync(probe, { recursive: true, force: true });
  mkdirSync(probe, { recursive: true });
  const required = Object.fromEntries(pins.map((p) => [p.type, { source: `${p.namespace}/${p.type}`, version: `= ${p.version}` }]));
  writeFileSync(join(probe, "main.tf.json"), JSON.stringify({ terraform: { required_providers: required } }));
  const env = terraformEnv(tc);
  const opts: ExecFileSyncOptionsWithStringEncoding = { cwd: probe, env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] };
  execFileSync(tc.terraform.path, ["init", "-input=false", "-backend=false", "-no-color"], opts);
  const all = JSON.parse(execFileSync(tc.terraform.path, ["providers", "schema", "-json"], opts)) as {
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
          if (!(name in from)) throw new Error(`${address} ${pin.version} has no ${kind} "${name}" (listed in toolchain/providers.ts).`);
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

function main(): void {
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const [pin, text] of extractSchemas()) {
    const file = schemaFile(pin);
    const old = existsSync(file) ? readFileSync(file, "utf8") : "";
    writeFileSync(file, text);
    console.log(`schemas: ${file}: ${old === text ? "unchanged" : "written"}`);
  }
}

if (require.main === module) main();
