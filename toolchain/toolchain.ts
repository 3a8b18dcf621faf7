/**
 * `npm run toolchain`: Terraform (or OpenTofu) and the pinned providers, laid out
 * as a Terraform filesystem mirror, with a CLI configuration that installs only
 * from it. Idempotent: a second run checks and rebuilds nothing.
 *
 * Each pinned provider comes from the first of:
 *   1. a filesystem mirror the site already has: HYBRID_PROVIDER_MIRROR, then the
 *      implied local mirror directories Terraform reads (~/.terraform.d/plugins, ...);
 *   2. the registry, with `--source=registry` (or HYBRID_PROVIDER_SOURCE=registry):
 *      the official builds, through `terraform providers mirror`;
 *   3. a build from its Go module, where the Go module proxy serves it (restapi).
 * A provider none of them has is reported in one line and left out; the tests that
 * need it skip. Either way the same pinned versions from cdktf.json.
 */
import { execFileSync, ExecFileSyncOptions } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { findInMirror, localMirrors, MIRROR_HOSTS, mirrorFolder, packedFile, PLATFORM } from "./provider-mirrors";
import { Project } from "../core/project";
import { describeRun, projectTerraform, runTerraform } from "../core/terraform/terraform";
import { loadProviderPins, OPENTOFU_REGISTRY_HOST, ProviderPin, REGISTRY_HOST } from "../core/toolchain/providers";
import { Toolchain, toolchainManifestPath } from "../core/toolchain/toolchain-manifest";

// npm runs the script in the project's folder.
const PROJECT = Project.require(process.cwd(), "npm run toolchain");
const TOOLCHAIN_DIR = PROJECT.toolchainDir;
const TOOLCHAIN_MANIFEST = toolchainManifestPath(PROJECT);

// OpenTofu is built only where no Terraform >= 1.5 is on PATH. cdktf drives it
// through TERRAFORM_BINARY_NAME.
const OPENTOFU = {
  module: "github.com/opentofu/opentofu",
  version: "v1.10.6",
  sum: "h1:J57O7HrW7gakftSLFQr+/p7fniZjZ3FQLFyzv4XsSmQ=",
};
const MIN_TERRAFORM = [1, 5];

type Source = "go" | "registry";

async function step<T>(title: string, fn: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  process.stdout.write(`toolchain: ${title} ...\n`);
  const result = await fn();
  process.stdout.write(`toolchain: ${title}: done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  return result;
}

function run(cmd: string, args: string[], opts: ExecFileSyncOptions = {}): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024, ...opts }) as string;
}

/** The version a Terraform (or OpenTofu) binary reports, or undefined when it is none. */
async function versionOf(binary: string): Promise<string | undefined> {
  let answer;
  try {
    answer = await runTerraform(projectTerraform(undefined, { ...process.env, TERRAFORM_BINARY_NAME: binary }), TOOLCHAIN_DIR, ["version", "-json"], { timeoutMs: 60_000 });
  } catch {
    return undefined; // not there, or not executable
  }
  if (answer.code !== 0) return undefined;
  try {
    return (JSON.parse(answer.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

function atLeast(version: string, min: number[]): boolean {
  const parts = version.split(".").map((p) => parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i];
  }
  return true;
}

function which(name: string): string | undefined {
  try {
    return run("sh", ["-c", `command -v ${name}`]).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Downloads a Go module at a pinned version and checks its hash; returns its source folder. */
function goModule(module: string, version: string, sum: string): string {
  const info = JSON.parse(run("go", ["mod", "download", "-json", `${module}@${version}`], { cwd: TOOLCHAIN_DIR })) as {
    Dir?: string;
    Sum?: string;
    Error?: string;
  };
  if (info.Error || !info.Dir) {
    throw new Error(`go mod download ${module}@${version} failed: ${info.Error ?? "no source folder"}`);
  }
  if (info.Sum !== sum) {
    throw new Error(`${module}@${version} has hash ${info.Sum}, but the pin says ${sum}; refusing to build it.`);
  }
  return info.Dir;
}

/** `go build` inside the module's own folder, so its own go.mod and go.sum decide every dependency. */
function goBuild(dir: string, pkg: string, out: string, ldflags = ""): void {
  const tmp = `${out}.partial`;
  run("go", ["build", "-trimpath", "-mod=readonly", `-ldflags=-s -w ${ldflags}`.trim(), "-o", tmp, pkg], {
    cwd: dir,
    env: { ...process.env, CGO_ENABLED: "0" },
  });
  renameSync(tmp, out);
}

async function terraform(): Promise<Toolchain["terraform"]> {
  const wanted = process.env.TERRAFORM_BINARY_NAME;
  const candidates = wanted ? [wanted] : ["terraform", "tofu"];
  for (const name of candidates) {
    const path = which(name) ?? (existsSync(name) ? name : undefined);
    const version = path && (await versionOf(path));
    if (path && version && atLeast(version, MIN_TERRAFORM)) {
      return { kind: name.endsWith("tofu") ? "opentofu" : "terraform", path, version, built: false };
    }
  }
  const out = join(TOOLCHAIN_DIR, "bin", "tofu");
  const existing = existsSync(out) && (await versionOf(out));
  if (existing) return { kind: "opentofu", path: out, version: existing, built: true };
  mkdirSync(join(TOOLCHAIN_DIR, "bin"), { recursive: true });
  const dir = goModule(OPENTOFU.module, OPENTOFU.version, OPENTOFU.sum);
  // As OpenTofu's release builds do; otherwise it calls itself a -dev prerelease.
  goBuild(dir, "./cmd/tofu", out, "-X github.com/opentofu/opentofu/version.dev=no");
  return { kind: "opentofu", path: out, version: (await versionOf(out)) ?? OPENTOFU.version, built: true };
}

const PROJECT_MIRROR = join(TOOLCHAIN_DIR, "mirror");

function mirrored(pin: ProviderPin): boolean {
  return findInMirror(pin, PROJECT_MIRROR) !== undefined;
}

/** Hard links (or, across file systems, copies) `from` into the project's mirror at `to`. */
function linkOrCopy(from: string, to: string): void {
  if (existsSync(to)) return;
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, `${to}.partial`);
    chmodSync(`${to}.partial`, statSync(from).mode);
    renameSync(`${to}.partial`, to);
  }
}

/** Takes the provider from a site mirror into the project's own; false when that mirror lacks it. */
function fromLocalMirror(pin: ProviderPin, root: string): boolean {
  const found = findInMirror(pin, root);
  if (!found) return false;
  if (found.kind === "packed") {
    mkdirSync(dirname(packedFile(pin, PROJECT_MIRROR)), { recursive: true });
    linkOrCopy(found.path, packedFile(pin, PROJECT_MIRROR));
  } else {
    const folder = mirrorFolder(pin, PROJECT_MIRROR);
    mkdirSync(folder, { recursive: true });
    for (const f of readdirSync(found.path)) linkOrCopy(join(found.path, f), join(folder, f));
  }
  return true;
}

function buildProvider(pin: ProviderPin, module: { path: string; sum: string }): void {
  const dir = goModule(module.path, `v${pin.version}`, module.sum);
  mkdirSync(mirrorFolder(pin, PROJECT_MIRROR), { recursive: true });
  const out = join(mirrorFolder(pin, PROJECT_MIRROR), `terraform-provider-${pin.type}_v${pin.version}`);
  goBuild(dir, ".", out);
  chmodSync(out, 0o755);
}

async function mirrorFromRegistry(tf: Toolchain["terraform"], pins: ProviderPin[]): Promise<void> {
  const work = mkdtempSync(join(TOOLCHAIN_DIR, "registry-"));
  try {
    const required = Object.fromEntries(pins.map((p) => [p.type, { source: `${p.namespace}/${p.type}`, version: `= ${p.version}` }]));
    writeFileSync(join(work, "main.tf.json"), JSON.stringify({ terraform: { required_providers: required } }));
    const mirrored = await runTerraform(projectTerraform(undefined, { ...process.env, TERRAFORM_BINARY_NAME: tf.path }, { terraform: tf }), work, ["providers", "mirror", `-platform=${PLATFORM}`, PROJECT_MIRROR]);
    if (mirrored.code !== 0) throw new Error(describeRun(mirrored));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Puts one pinned provider into the project's mirror from the first source that has
 * it; returns where it came from, or the one line that says it is missing and why.
 */
async function installProvider(tf: Toolchain["terraform"], pin: ProviderPin, source: Source): Promise<{ from: string } | { missing: string }> {
  const name = `${pin.namespace}/${pin.type} ${pin.version}`;
  const tried: string[] = [];
  if (!process.env.HYBRID_PROVIDER_MIRROR) tried.push("HYBRID_PROVIDER_MIRROR (unset)");
  for (const mirror of localMirrors()) {
    if (fromLocalMirror(pin, mirror.dir)) {
      console.log(`toolchain: provider ${name}: taken from ${mirror.name} (${mirror.dir})`);
      return { from: mirror.name };
    }
    tried.push(`${mirror.name} (${mirror.dir})`);
  }
  if (source === "registry") {
    await step(`provider ${name} from the registry`, () => mirrorFromRegistry(tf, [pin]));
    return { from: "registry" };
  }
  tried.push("the registry (not asked: --source=registry asks it)");
  if (pin.goModule) {
    const module = pin.goModule;
    await step(`provider ${name} from ${module.path}`, () => buildProvider(pin, module));
    return { from: `Go module ${module.path}` };
  }
  tried.push("a Go module (the Go module proxy does not serve this provider)");
  return {
    missing:
      `provider ${pin.namespace}/${pin.type} ${pin.version} is MISSING; tried ${tried.join(", ")}. ` +
      `Install it: on a machine that reaches the registry run \`terraform providers mirror -platform=${PLATFORM} DIR\` in a folder whose ` +
      `configuration requires ${pin.namespace}/${pin.type} = ${pin.version}, bring DIR here and set HYBRID_PROVIDER_MIRROR=DIR ` +
      `(or put the provider under ~/.terraform.d/plugins), then run \`npm run toolchain\` again; the tests that need it skip until then.`,
  };
}

// The project's mirror holds every provider under both registry host names (see
// MIRROR_HOSTS). Hard links, not a symlinked folder: OpenTofu does not follow a
// symlinked host folder.

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (!existsSync(target)) linkSync(source, target);
  }
}

function cliConfig(): string {
  mkdirSync(join(PROJECT_MIRROR, REGISTRY_HOST), { recursive: true });
  const alias = join(PROJECT_MIRROR, OPENTOFU_REGISTRY_HOST);
  if (lstatSync(alias, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(alias);
  linkTree(join(PROJECT_MIRROR, REGISTRY_HOST), alias);
  const path = join(TOOLCHAIN_DIR, "terraformrc");
  const text = [
    "# Written by `npm run toolchain`. Providers come only from the filesystem mirror;",
    "# the plugin cache lets every tenant stack share one copy of each provider.",
    `plugin_cache_dir = ${JSON.stringify(join(TOOLCHAIN_DIR, "plugin-cache"))}`,
    "# The toolchain fills the cache once; stacks initialized side by side (cdktf deploy a b,",
    "# hybrid plan --all) then only link from it instead of racing to write it. The lock files",
    "# record this platform's hash only: providers come from the mirror, never the registry.",
    "plugin_cache_may_break_dependency_lock_file = true",
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(PROJECT_MIRROR)}`,
    `    include = [${MIRROR_HOSTS.map((h) => `"${h}/*/*"`).join(", ")}]`,
    "  }",
    "}",
    "",
  ].join("\n");
  mkdirSync(join(TOOLCHAIN_DIR, "plugin-cache"), { recursive: true });
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  return path;
}

function cached(pin: ProviderPin): boolean {
  return existsSync(mirrorFolder(pin, join(TOOLCHAIN_DIR, "plugin-cache")));
}

/** One `terraform init` that needs every installed provider, so the shared plugin cache holds them all. */
async function fillPluginCache(tf: Toolchain["terraform"], cliConfigFile: string, pins: ProviderPin[]): Promise<void> {
  const work = mkdtempSync(join(TOOLCHAIN_DIR, "cache-"));
  try {
    const required = Object.fromEntries(pins.map((p) => [p.type, { source: `${p.namespace}/${p.type}`, version: `= ${p.version}` }]));
    writeFileSync(join(work, "main.tf.json"), JSON.stringify({ terraform: { required_providers: required } }));
    // The toolchain's own CLI configuration, whatever TF_CLI_CONFIG_FILE the caller has.
    const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfigFile, TERRAFORM_BINARY_NAME: tf.path };
    const init = await runTerraform(projectTerraform(undefined, env, { terraform: tf }), work, ["init", "-backend=false"]);
    if (init.code !== 0) throw new Error(describeRun(init));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argSource = process.argv.find((a) => a.startsWith("--source="))?.slice("--source=".length);
  const source = (argSource ?? process.env.HYBRID_PROVIDER_SOURCE ?? "go") as Source;
  if (source !== "go" && source !== "registry") {
    throw new Error(`unknown provider source "${source}": use --source=go (build from Go modules) or --source=registry.`);
  }
  const started = Date.now();
  mkdirSync(TOOLCHAIN_DIR, { recursive: true });
  const pins = loadProviderPins(PROJECT.root);

  const tf = await step("terraform", terraform);
  console.log(`toolchain: using ${tf.kind} ${tf.version} at ${tf.path}${tf.built ? " (built from its Go module)" : ""}`);

  const installed = new Map<ProviderPin, boolean>();
  for (const pin of pins) {
    if (mirrored(pin)) {
      console.log(`toolchain: provider ${pin.namespace}/${pin.type} ${pin.version}: already in the mirror`);
      installed.set(pin, true);
      continue;
    }
    const result = await installProvider(tf, pin, source);
    if ("missing" in result) console.log(`toolchain: ${result.missing}`);
    installed.set(pin, "from" in result);
  }

  const cliConfigFile = await step("terraform CLI configuration", cliConfig);
  const available = pins.filter((p) => installed.get(p) === true);
  if (available.some((p) => !cached(p))) await step("plugin cache", () => fillPluginCache(tf, cliConfigFile, available));

  const manifest: Toolchain = {
    terraform: tf,
    cliConfigFile,
    providers: pins.map((p) => ({ source: `${p.namespace}/${p.type}`, version: p.version, installed: installed.get(p) === true })),
    source,
  };
  const text = JSON.stringify(manifest, null, 2) + "\n";
  if (!existsSync(TOOLCHAIN_MANIFEST) || readFileSync(TOOLCHAIN_MANIFEST, "utf8") !== text) writeFileSync(TOOLCHAIN_MANIFEST, text);
  console.log(`toolchain: ready in ${((Date.now() - started) / 1000).toFixed(1)}s; use it with`);
  console.log(`  export TF_CLI_CONFIG_FILE=${manifest.cliConfigFile}${tf.kind === "opentofu" ? ` TERRAFORM_BINARY_NAME=${tf.path}` : ""}`);
}

main().catch((err: Error & { stderr?: string; exitCode?: number }) => {
  console.error(`toolchain: ${err.message}${err.stderr ? `\n${err.stderr}` : ""}`);
  process.exit(err.exitCode ?? 1);
});
