import { type InstalledRun, runInstalled, STACK_FRAME } from "../../testing/installed-cli";

/** Whether any 8-character piece of any of `secrets` occurs in `text` (a boolean, so a failure prints no secret). */
export function leaksAnyPiece(text: string, secrets: readonly string[], piece = 8): boolean {
  return secrets.some((s) => {
    for (let i = 0; i + piece <= s.length; i++) if (text.includes(s.slice(i, i + piece))) return true;
    return false;
  });
}

/** The secrets of a shell that sourced sandbox.env: its admin client secrets. */
export function shellSecrets(shell: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(shell ?? {})
    .filter(([name]) => name.endsWith("_secret"))
    .map(([, value]) => value);
}

/**
 * {@link runInstalled} in `cwd` with `env`, failing the test when the run printed a piece of
 * any of `secrets` or a stack frame.
 */
export async function runInstalledChecked(args: readonly string[], opts: { readonly cwd: string; readonly env: Readonly<Record<string, string>>; readonly secrets: readonly string[] }): Promise<InstalledRun> {
  const r = await runInstalled(args, { cwd: opts.cwd, env: opts.env, timeoutMs: 900_000 });
  // No run may print a secret, not even a piece of one (a boolean, so that a failure cannot print one either).
  expect({ leaked: leaksAnyPiece(r.stdout + r.stderr, opts.secrets) }).toEqual({ leaked: false });
  expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  return r;
}
