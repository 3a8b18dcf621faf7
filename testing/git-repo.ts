import { execFileSync } from "node:child_process";

const AUTHOR = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" };

/** `git <args>` in `dir`, as a user with an author and committer of their own; returns its stdout. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) => execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...AUTHOR } });
}

/** Makes `dir` a git repository whose `main` holds everything in it (but what .gitignore leaves out) in one commit; returns its {@link gitIn}. */
export function initRepository(dir: string, message: string): (...args: string[]) => string {
  const git = gitIn(dir);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", message);
  return git;
}
