import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { SANDBOX_STATE_DIR_ENV } from "../../core/contract/deployment-target";
import { BASE_WORKTREES_DIR, DEFAULT_SYNTH_DIR, PROJECT_MARKER, SYNTH_CACHE_ENV, SYNTH_SKIP_FAILED_ENV, TENANTS_FILE_ENV } from "../../core/project";
import { lastLines } from "../../core/terraform/terraform";
import { ExitCode, UserError } from "../../core/user-error";
import { git, type GitBase } from "./git-base";

/** The base of a pull request, synthesized by its own code in a worktree of its commit. */
export interface BaseSynthesis {
  /** The base's synthesis folder (its manifest.json and stacks/). */
  readonly outdir: string;
  /** The worktree's top folder: what the repository's top folder is to the working tree's stacks. */
  readonly worktree: string;
  /** The tenants of the base's tenants file (none when it had none). */
  readonly tenantsInFile: readonly string[];
  /** The stacks the base synthesized, by name; undefined when its synthesis failed (`failure` says why). */
  readonly stacks?: readonly string[];
  readonly failure?: string;
  /** What was done to give the base its dependencies, for the user (e.g. "node_modules shared"). */
  readonly notes: readonly string[];
  /** Removes the worktree. */
  remove(): void;
}

export interface BaseSynthesisOptions {
  readonly base: GitBase;
  /** The working tree's project folder (its cdktf.json). */
  readonly projectDir: string;
  /** The working tree's tenants file (absolute; it must lie in the repository). */
  readonly tenantsFile: string;
  /** The caller's environment: the base is synthesized for the same target. */
  readonly env: NodeJS.ProcessEnv;
  /** The synthesis cache both syntheses share. */
  readonly cacheDir: string;
  /** One line of progress. */
  readonly note?: (line: string) => void;
}

/**
 * Synthesizes the base commit as the working tree would be synthesized, with the base's own
 * code and dependencies: a git worktree of the commit, in which cdktf.json's app runs (as
 * `cdktf synth` runs it), reading the base's tenants file and adoption files.
 *
 * - Dependencies: the working tree's node_modules when the base's package-lock.json is the
 *   same (nearly every pull request), else `npm ci` in the worktree; the working tree's
 *   generated bindings (.gen) when the base's provider schemas are the same, else the base's
 *   `npm run bindings`.
 * - Certificates: git does not hold `certs/`, so the base reads the working tree's (a symbolic
 *   link), unless the base commit has a `certs/` of its own. A certificate therefore changes
 *   only through the tenants file: a new path, or a rollover stage.
 * - Paths in the environment that lie in the repository (the tenants file, a sandbox's state
 *   folder) are given as the same paths in the worktree, so that a stack holds the same
 *   relative paths on both sides.
 * - A tenant whose certificate or adoption file is bad is left out of the base (the base's app
 *   runs with HYBRID_SYNTH_SKIP_FAILED=1), so it counts as new and is planned.
 */
export async function synthesizeBase(opts: BaseSynthesisOptions): Promise<BaseSynthesis> {
  const { root, commit } = opts.base;
  const inRepo = (file: string) => {
    const rel = path.relative(root, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? undefined : rel;
  };
  const projectRel = inRepo(opts.projectDir);
  const tenantsRel = inRepo(opts.tenantsFile);
  if (projectRel === undefined || tenantsRel === undefined) {
    throw new UserError(`hybrid plan --changed: the tenants file ${opts.tenantsFile} is not in the git repository ${root}, so it has no base version; keep it in the repository, or plan with --all`, ExitCode.Usage);
  }
  git(root, ["worktree", "prune"]);
  // Beside the synthesis cache, on the project's file system (a temporary folder may be far slower to fill).
  const parent = path.join(opts.projectDir, BASE_WORKTREES_DIR);
  fs.mkdirSync(parent, { recursive: true });
  const worktree = fs.realpathSync(fs.mkdtempSync(path.join(parent, "base-")));
  const added = git(root, ["worktree", "add", "--detach", "--quiet", worktree, commit]);
  const remove = () => {
    git(root, ["worktree", "remove", "--force", worktree]);
    fs.rmSync(worktree, { recursive: true, force: true });
    git(root, ["worktree", "prune"]);
  };
  if (added.code !== 0) {
    remove();
    throw new UserError(`hybrid plan --changed: git could not check out the base ${commit.slice(0, 12)} into a worktree (${lastLines(added.stderr, 2)}); fix the repository, or plan with --all`, ExitCode.Usage);
  }
  const baseProject = path.join(worktree, projectRel);
  const baseTenantsFile = path.join(worktree, tenantsRel);
  const outdir = path.join(baseProject, DEFAULT_SYNTH_DIR);
  const notes: string[] = [];
  const result = (rest: Partial<BaseSynthesis>): BaseSynthesis => ({ outdir, worktree, tenantsInFile: tenantNames(baseTenantsFile), notes, remove, ...rest });
  try {
    if (!fs.existsSync(path.join(baseProject, PROJECT_MARKER))) return result({ stacks: [] });
    linkCertificates(path.dirname(opts.tenantsFile), path.dirname(baseTenantsFile));
    await giveDependencies(opts.projectDir, baseProject, notes, opts.note);
    const app = (JSON.parse(fs.readFileSync(path.join(baseProject, PROJECT_MARKER), "utf8")) as { app?: string }).app;
    if (!app) return result({ failure: `the base's ${PROJECT_MARKER} has no app command` });
    const stateDir = opts.env[SANDBOX_STATE_DIR_ENV];
    const stateRel = stateDir ? inRepo(path.resolve(stateDir)) : undefined;
    const env: NodeJS.ProcessEnv = {
      ...opts.env,
      CDKTF_OUTDIR: outdir,
      [TENANTS_FILE_ENV]: baseTenantsFile,
      [SYNTH_CACHE_ENV]: opts.cacheDir,
      [SYNTH_SKIP_FAILED_ENV]: "1",
      ...(stateRel !== undefined ? { [SANDBOX_STATE_DIR_ENV]: path.join(worktree, stateRel) } : {}),
    };
    const run = await runShell(app, baseProject, env);
    const manifest = path.join(outdir, "manifest.json");
    if ((run.code === 0 || run.code === 1) && fs.existsSync(manifest)) {
      const stacks = Object.keys((JSON.parse(fs.readFileSync(manifest, "utf8")) as { stacks: object }).stacks).sort();
      return result({ stacks });
    }
    return result({ failure: `its app exited ${run.code}: ${lastLines(run.output, 3)}` });
  } catch (err) {
    remove();
    throw err;
  }
}

/** The tenant names of a tenants file, read as YAML only (the base's own code validates it). */
function tenantNames(file: string): string[] {
  try {
    const tenants = (parseDocument(fs.readFileSync(file, "utf8")).toJS() as { tenants?: unknown } | null)?.tenants;
    return tenants && typeof tenants === "object" && !Array.isArray(tenants) ? Object.keys(tenants).sort() : [];
  } catch {
    return [];
  }
}

/** The base reads the working tree's certs/ when git gives it none. */
function linkCertificates(headDir: string, baseDir: string): void {
  const head = path.join(headDir, "certs");
  const base = path.join(baseDir, "certs");
  if (fs.existsSync(head) && !fs.existsSync(base)) fs.symlinkSync(head, base);
}

/** node_modules and the generated bindings for the base's own code: shared when the same, made otherwise. */
async function giveDependencies(headProject: string, baseProject: string, notes: string[], note?: (line: string) => void): Promise<void> {
  if (!fs.existsSync(path.join(baseProject, "package.json"))) return;
  const lock = (dir: string) => readOrUndefined(path.join(dir, "package-lock.json"));
  const headModules = path.join(headProject, "node_modules");
  if (!fs.existsSync(path.join(baseProject, "node_modules"))) {
    const headLock = lock(headProject);
    if (fs.existsSync(headModules) && headLock !== undefined && headLock === lock(baseProject)) {
      fs.symlinkSync(headModules, path.join(baseProject, "node_modules"));
      notes.push("its package-lock.json is the working tree's: node_modules shared");
    } else {
      note?.("the base's package-lock.json differs: npm ci in its worktree");
      const ci = await runShell("npm ci --no-audit --no-fund", baseProject, process.env);
      if (ci.code !== 0) throw new UserError(`hybrid plan --changed: npm ci of the base failed: ${lastLines(ci.output, 3)}; fix the base's dependencies, or plan with --all`, ExitCode.Failed);
      notes.push("its package-lock.json differs: npm ci in its worktree");
    }
  }
  const headGen = path.join(headProject, ".gen");
  if (fs.existsSync(headGen) && !fs.existsSync(path.join(baseProject, ".gen"))) {
    if (sameFiles(path.join(headProject, "schemas"), path.join(baseProject, "schemas"))) {
      fs.symlinkSync(headGen, path.join(baseProject, ".gen"));
    } else {
      const bindings = await runShell("npm run --silent bindings", baseProject, process.env);
      if (bindings.code !== 0) throw new UserError(`hybrid plan --changed: the base's bindings could not be generated: ${lastLines(bindings.output, 3)}; or plan with --all`, ExitCode.Failed);
      notes.push("its provider schemas differ: its bindings generated");
    }
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Whether two folders hold the same files with the same contents (both missing counts as the same). */
function sameFiles(a: string, b: string): boolean {
  const list = (dir: string) => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : []);
  const files = list(a);
  const other = list(b);
  return files.length === other.length && files.every((f, i) => f === other[i] && fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
}

function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.on("error", (e) => resolve({ code: 127, output: e.message }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}
