import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ExitCode, UserError } from "../../core/user-error";

/** The git repository a project lies in, and the commit `hybrid plan --changed` compares with. */
export interface GitBase {
  /** The repository's top folder. */
  readonly root: string;
  /** What the base was asked as (`--base`, or the default branch it was found from). */
  readonly ref: string;
  /** The merge base of HEAD and `ref`: the commit compared with. */
  readonly commit: string;
}

/** Runs git in `cwd`; never throws (a missing git is a status of -1). */
export function git(cwd: string, args: readonly string[]): { readonly code: number; readonly stdout: string; readonly stderr: string } {
  const r = spawnSync("git", [...args], { cwd, encoding: "utf8", env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } });
  return { code: r.error ? -1 : (r.status ?? 1), stdout: (r.stdout ?? "").trim(), stderr: (r.stderr ?? (r.error?.message || "")).trim() };
}

/** What to fetch when a shallow clone lacks the base, for the one line that says so. */
const FETCH_DEPTH_FIX =
  "fetch the history down to it: the whole history (`git fetch --unshallow`; actions/checkout `fetch-depth: 0`; GitLab `GIT_DEPTH: 0`), " +
  "or, on a pull request's merge commit, a depth of 2 with `--base HEAD^1` (its first parent is the target branch's tip)";

/**
 * The base of `hybrid plan --changed` for the project in `projectDir`: the merge base of HEAD
 * and `baseRef`, or of HEAD and the default branch (origin's HEAD, else a local main or master).
 *
 * @throws UserError (exit 2), one line: not a git repository, an unknown ref, no default branch,
 * or a shallow clone that does not reach the base (saying which fetch depth is needed).
 */
export function resolveGitBase(projectDir: string, baseRef: string | undefined): GitBase {
  const top = git(projectDir, ["rev-parse", "--show-toplevel"]);
  if (top.code !== 0) {
    throw new UserError(
      top.code === -1
        ? `hybrid plan --changed needs git, which is not on PATH; install it, or plan with --all`
        : `hybrid plan --changed compares with a git commit, but ${projectDir} is not in a git repository; run it in a clone of the project's repository, or plan with --all`,
      ExitCode.Usage,
    );
  }
  const root = fs.realpathSync(path.resolve(top.stdout));
  const shallow = git(root, ["rev-parse", "--is-shallow-repository"]).stdout === "true";
  const depth = () => git(root, ["rev-list", "--count", "HEAD"]).stdout;
  const ref = baseRef ?? defaultBranch(root);
  const resolved = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (resolved.code !== 0) {
    if (shallow) {
      throw new UserError(`--base ${ref}: not in this shallow clone (${depth()} commits of history); ${FETCH_DEPTH_FIX}`, ExitCode.Usage);
    }
    throw new UserError(`--base ${ref}: unknown to git in ${root} (no such branch, tag or commit); name one that exists, or fetch it first (e.g. git fetch origin ${ref.replace(/^origin\//, "")})`, ExitCode.Usage);
  }
  const mergeBase = git(root, ["merge-base", "HEAD", resolved.stdout]);
  if (mergeBase.code !== 0) {
    if (shallow) {
      throw new UserError(`the merge base of HEAD and ${ref} is not in this shallow clone (${depth()} commits of history); ${FETCH_DEPTH_FIX}`, ExitCode.Usage);
    }
    throw new UserError(`HEAD and ${ref} have no common history in ${root}; name a base of this branch with --base`, ExitCode.Usage);
  }
  return { root, ref, commit: mergeBase.stdout };
}

/** The default branch: what origin's HEAD points at, else a local main, else master. */
function defaultBranch(root: string): string {
  const remoteHead = git(root, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (remoteHead.code === 0 && remoteHead.stdout !== "") return remoteHead.stdout;
  for (const candidate of ["origin/main", "origin/master", "main", "master"]) {
    if (git(root, ["rev-parse", "--verify", "--quiet", `${candidate}^{commit}`]).code === 0) return candidate;
  }
  throw new UserError(`hybrid plan --changed: cannot tell this repository's default branch (no origin/HEAD, main or master); name the base with --base REF, e.g. --base origin/main`, ExitCode.Usage);
}
