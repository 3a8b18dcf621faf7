import { Command, CommanderError } from "commander";
import { CertError } from "../lib/certs/errors";
import { registerCertsCreate } from "./certs-create";
import { registerCertsInspect } from "./certs-inspect";
import { registerCertsRotate } from "./certs-rotate";

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

export function createProgram(ctx: CliContext): Command {
  const program = new Command("hybrid")
    .description("Genesys Engage hybrid integration tooling")
    // Both are inherited by the subcommands added below.
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });

  const certs = program
    .command("certs")
    .description("SAML signing key and certificate for a tenant's hybrid_integration transaction object");
  registerCertsCreate(certs, ctx);
  registerCertsInspect(certs, ctx);
  registerCertsRotate(certs, ctx);
  return program;
}

/** Runs `hybrid <argv>`; resolves to the process exit code. */
export async function run(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  try {
    await createProgram(ctx).parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode; // commander already printed it
    if (err instanceof CertError) {
      ctx.stderr(`hybrid: ${err.message}\n`);
      return 1;
    }
    // Anything else is a bug: let it surface with its stack trace.
    throw err;
  }
}

export function main(): void {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
