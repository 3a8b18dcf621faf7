import { Command, CommanderError } from "commander";
import { version } from "../package.json";
import { ExitCode, UserError } from "../core/user-error";
import * as adopt from "./commands/adopt";
import * as certsCreate from "./commands/certs-create";
import * as certsInspect from "./commands/certs-inspect";
import * as certsRotate from "./commands/certs-rotate";
import * as certsStatus from "./commands/certs-status";
import * as demo from "./commands/demo";
import * as doctor from "./commands/doctor";
import * as drift from "./commands/drift";
import * as exportCommand from "./commands/export";
import * as plan from "./commands/plan";
import * as sandbox from "./commands/sandbox";
import * as summary from "./commands/summary";
import type { CliContext } from "./context";
import { addGlobalOptions } from "./global-options";

/** Every command of `hybrid`, each one file of cli/commands/, in the order `hybrid --help` lists them. */
const COMMANDS: readonly { register(program: Command, ctx: CliContext): void }[] = [
  certsCreate,
  certsInspect,
  certsRotate,
  certsStatus,
  sandbox,
  demo,
  exportCommand,
  doctor,
  adopt,
  plan,
  summary,
  drift,
];

/** Set to 1 for the stack trace of an error (users get one line without it). */
const DEBUG_ENV = "HYBRID_DEBUG";

function createProgram(ctx: CliContext): Command {
  const program = addGlobalOptions(
    new Command("hybrid")
      .description("Genesys Engage hybrid integration with Genesys Cloud, declared per tenant")
      .version(version, "-V, --version", "print the version")
      // Inherited by the subcommands added below: commander throws instead of exiting, and writes through the context.
      .exitOverride()
      .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr }),
  );
  program.addHelpText(
    "after",
    `\nExit codes (every command): ${ExitCode.Ok} ok; ${ExitCode.Failed} what the command checked or did failed; ` +
      `${ExitCode.Usage} a usage or setup error; ${ExitCode.Attention} attention needed (a dangerous plan, drift).\n`,
  );
  for (const command of COMMANDS) command.register(program, ctx);
  return program;
}

/** Runs `hybrid <argv>`; resolves to the process exit code (README, "Exit codes"). Never throws. */
export async function run(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    await createProgram(ctx).parseAsync([...argv], { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    // commander already printed its usage message (or the help, or the version).
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    const debug = ctx.env[DEBUG_ENV] === "1";
    const stack = debug && err instanceof Error && err.stack ? `${err.stack}\n` : "";
    if (err instanceof UserError) {
      ctx.stderr(`hybrid: ${err.message}\n${stack}`);
      return err.exitCode;
    }
    // A bug, not bad input: still one line for the user, the stack on request.
    const message = err instanceof Error ? err.message : String(err);
    ctx.stderr(`hybrid: unexpected error: ${message.split("\n")[0]}${debug ? "" : ` (run again with ${DEBUG_ENV}=1 for the stack trace, and report it)`}\n${stack}`);
    return ExitCode.Failed;
  }
}
