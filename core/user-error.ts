/**
 * The exit codes of every `hybrid` command, one table for all (README, "Exit codes"):
 * pipelines branch on them, so a command never picks its own.
 */
export const ExitCode = {
  /** Everything asked for was done, and every check passed (warnings included). */
  Ok: 0,
  /** What the command checked or did failed: a doctor check, a tenant's plan, an export refused for missing outputs. */
  Failed: 1,
  /** A usage or setup error: an unknown tenant, a missing file, a missing toolchain, a bad option. */
  Usage: 2,
  /** Attention needed: a dangerous plan, drift found, a certificate about to expire. */
  Attention: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A problem the user can fix (bad input, a failed check): its message is complete
 * (what is wrong, for which tenant or file, what to do), so the CLI prints it as one
 * line without a stack trace and exits with `exitCode`. Anything else that reaches the
 * CLI is a bug, and still gets one line (the stack only with HYBRID_DEBUG=1).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
