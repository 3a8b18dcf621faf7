/**
 * A problem the user can fix (bad input, a failed check): its message is complete
 * (what is wrong, where, what to do), so the CLI prints it without a stack trace and
 * exits with `exitCode`. Anything else that reaches the CLI is a bug and surfaces.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
