import { existsSync } from "node:fs";
import * as path from "node:path";
import { ExitCode, UserError } from "./user-error";

/** The file that marks a project's root, as cdktf finds its own. */
export const PROJECT_MARKER = "cdktf.json";
/** The environment variable that points at a tenants file other than the project's tenants.yaml. */
export const TENANTS_FILE_ENV = "HYBRID_CONFIG";
export const DEFAULT_TENANTS_FILE = "tenants.yaml";
/** cdktf's synthesis folder, below the project root. */
export const DEFAULT_SYNTH_DIR = "cdktf.out";
/** Names the synthesis cache's folder instead of the project's (stacks/synthesis-cache). */
export const SYNTH_CACHE_ENV = "HYBRID_SYNTH_CACHE";
/**
 * Set to 1, cdktf.json's app leaves out a tenant whose certificate or adoption file is bad
 * (naming it, exit 1 once the others are written) instead of writing nothing: how `hybrid plan
 * --changed` synthesizes a pull request's base, so that one tenant's problem fails that tenant only.
 */
export const SYNTH_SKIP_FAILED_ENV = "HYBRID_SYNTH_SKIP_FAILED";
/** The synthesis cache's folder below the project root (gitignored). */
export const DEFAULT_SYNTH_CACHE_DIR = ".hybrid-cache/synthesis";
/** Where `hybrid plan --changed` checks out the base commit, below the project root, while it runs (gitignored). */
export const BASE_WORKTREES_DIR = ".hybrid-cache/worktrees";

/**
 * A project: the nearest folder upward from the working directory that holds
 * `cdktf.json` (as cdktf and git find theirs). Its toolchain, its tenants file and its
 * synthesis folder are taken from there, never from where the code is installed.
 */
export class Project {
  /** The project of `cwd` or of the nearest folder above it, or undefined outside any project. */
  public static find(cwd: string): Project | undefined {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, PROJECT_MARKER))) return new Project(dir);
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /** {@link find}, or a usage error naming the command that needs a project. */
  public static require(cwd: string, command: string): Project {
    const project = Project.find(cwd);
    if (!project) {
      throw new UserError(
        `${command} needs a project, but neither ${path.resolve(cwd)} nor a folder above it holds ${PROJECT_MARKER}; run it inside the project (the folder of ${PROJECT_MARKER}, or below it).`,
        ExitCode.Usage,
      );
    }
    return project;
  }

  /** `.toolchain/`: what `npm run toolchain` made (gitignored). */
  public readonly toolchainDir: string;

  private constructor(public readonly root: string) {
    this.toolchainDir = path.join(root, ".toolchain");
  }

  /**
   * The tenants file: `flag` (`--config`, relative to `cwd`), else $HYBRID_CONFIG (relative to
   * `cwd`), else the project's `tenants.yaml`.
   */
  public tenantsFile(cwd: string, env: NodeJS.ProcessEnv, flag?: string): string {
    return tenantsFileFor(cwd, env, flag) ?? path.join(this.root, DEFAULT_TENANTS_FILE);
  }

  /** Where stacks synthesized before are kept: $HYBRID_SYNTH_CACHE (relative to `cwd`), else the project's `.hybrid-cache/synthesis`. */
  public synthesisCacheDir(cwd: string, env: NodeJS.ProcessEnv): string {
    const named = env[SYNTH_CACHE_ENV];
    return named ? path.resolve(cwd, named) : path.join(this.root, DEFAULT_SYNTH_CACHE_DIR);
  }

  /** The synthesis folder: `flag` (`--synth-dir`, relative to `cwd`), else the project's `cdktf.out`. */
  public synthDir(cwd: string, flag?: string): string {
    return flag !== undefined ? path.resolve(cwd, flag) : path.join(this.root, DEFAULT_SYNTH_DIR);
  }
}

/** The tenants file a flag or $HYBRID_CONFIG names (relative to `cwd`), or undefined when neither does. */
function tenantsFileFor(cwd: string, env: NodeJS.ProcessEnv, flag?: string): string | undefined {
  const named = flag ?? (env[TENANTS_FILE_ENV] || undefined);
  return named === undefined ? undefined : path.resolve(cwd, named);
}
