import * as path from "node:path";
import { Project } from "../core/project";
import { Redactor } from "../core/redaction";

/**
 * Everything a command touches of the outside world: its input (working directory,
 * environment, clock, signals), and its output, which passes through the one masking
 * policy (core/redaction). Tests run the CLI in-process with their own.
 */
export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  now(): Date;
  /** Text for stdout and stderr; every secret known to the context is masked first. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** The terminal a live display may redraw, when stdout is one and this is not CI; undefined for plain lines. */
  readonly terminal?: NodeJS.WriteStream;
  /** Secrets a command came to hold (outputs it read): masked in everything printed from now on. */
  addSecrets(values: Iterable<string>): void;
  /** Resolves with the first SIGINT or SIGTERM (Ctrl-C) from now on. */
  nextSignal(): Promise<NodeJS.Signals>;
}

/** The context of the running process: its cwd, environment, terminal and signals. */
export function processContext(): CliContext {
  let redactor = Redactor.fromEnv(process.env);
  return {
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    stdout: (text) => void process.stdout.write(redactor.mask(text)),
    stderr: (text) => void process.stderr.write(redactor.mask(text)),
    terminal: process.stdout.isTTY === true && !process.env.CI ? process.stdout : undefined,
    addSecrets: (values) => void (redactor = redactor.with(values)),
    nextSignal: () =>
      new Promise((resolve) => {
        const on = (signal: NodeJS.Signals) => {
          process.off("SIGINT", on);
          process.off("SIGTERM", on);
          resolve(signal);
        };
        process.on("SIGINT", on);
        process.on("SIGTERM", on);
      }),
  };
}

/** The project a command runs in (the nearest folder upward holding cdktf.json), or a usage error naming the command. */
export function projectOf(ctx: CliContext, command: string): Project {
  return Project.require(ctx.cwd, command);
}

/** `file` relative to the working directory when it lies below it, else absolute. */
export function displayPath(ctx: CliContext, file: string): string {
  const relative = path.relative(ctx.cwd, file);
  return relative === "" ? "." : relative.startsWith("..") ? file : relative;
}
