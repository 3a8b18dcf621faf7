import { run } from "../../cli/hybrid";

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
  /** Values replaced by `***` in the captured output, so that an assertion message cannot print them. */
  readonly redact?: readonly string[];
}

/** Runs `hybrid <args>` in-process, as the CLI would in `cwd` with `env`, capturing its output. */
export async function runHybrid(args: string[], opts: CliRunOptions): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    cwd: opts.cwd,
    env: opts.env ?? {},
    now: opts.now ?? (() => new Date()),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  const mask = (text: string) => (opts.redact ?? []).filter((s) => s).reduce((acc, s) => acc.split(s).join("***"), text);
  return { code, stdout: mask(stdout), stderr: mask(stderr) };
}
