import type { Command } from "commander";
import { ExitCode, UserError } from "../core/user-error";

/** `--parallel <n>`, as every command that works on several tenants at once takes it. */
export function addParallelOption(command: Command, what: string, byDefault: number): Command {
  return command.option("--parallel <n>", `${what} at once`, String(byDefault));
}

/**
 * The value of `--parallel`.
 *
 * @throws UserError (exit 2) unless it is a whole number from 1 to 64.
 */
export function parallelOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UserError(`--parallel ${value}: give a whole number from 1 to 64`, ExitCode.Usage);
  return n;
}
