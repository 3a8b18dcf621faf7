import { ExitCode, UserError } from "../user-error";

/**
 * The one error type of core/certs. Its message is a complete, single-line sentence
 * (file, what is wrong, what to do) so callers can print it as is; `file` lets them
 * point at the offending file without parsing the message.
 */
export class CertError extends UserError {
  readonly file?: string;

  /** Most are bad input (a missing file, a wrong password): a usage error unless `exitCode` says otherwise. */
  constructor(message: string, file?: string, exitCode: ExitCode = ExitCode.Usage) {
    super(message, exitCode);
    this.file = file;
  }
}
