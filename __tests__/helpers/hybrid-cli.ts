import type { CliContext } from "../../cli/context";
import { run } from "../../cli/program";
import { Redactor } from "../../core/redaction";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd: string;
  /** The command's whole environment. @default {} */
  readonly env?: NodeJS.ProcessEnv;
  /** The command's clock. @default the real time */
  readonly now?: () => Date;
  /** Secrets masked in the captured output (as the CLI masks them), so that an assertion message cannot print them. */
  readonly redact?: readonly string[];
}

/**
 * Runs `hybrid <args>` in-process, as the CLI would in `cwd` with `env`, capturing its
 * output. For finer tests; `installed-cli.ts` runs the compiled CLI as a user does.
 */
export async function runHybrid(args: string[], opts: CliRunOptions): Promise<CliResult> {
  const env = opts.env ?? {};
  let redactor = Redactor.fromEnv(env, opts.redact ?? []);
  let stdout = "";
  let stderr = "";
  const ctx: CliContext = {
    cwd: opts.cwd,
    env,
    now: opts.now ?? (() => new Date()),
    stdout: (text) => void (stdout += redactor.mask(text)),
    stderr: (text) => void (stderr += redactor.mask(text)),
    addSecrets: (values) => void (redactor = redactor.with(values)),
    nextSignal: () => new Promise(() => undefined),
  };
  const code = await run(args, ctx);
  return { code, stdout, stderr };
}
