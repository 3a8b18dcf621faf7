import * as path from "node:path";
import type { Command } from "commander";

/**
 * Everything a command touches of the outside world, so tests run the CLI in-process
 * with their own environment, working directory, clock and output.
 */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function processContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

/**
 * A command module under cli/commands/: `register` adds its command to the program
 * (inside its group, see {@link commandGroup}). The CLI finds every such file itself,
 * so a new command is one new file.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** The subcommand group `name` of the program (e.g. `certs`), made on first use. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

/** `file` relative to the working directory when it lies below it, else absolute. */
export function displayPath(ctx: CliContext, file: string): string {
  const relative = path.relative(ctx.cwd, file);
  return relative === "" ? "." : relative.startsWith("..") ? file : relative;
}
