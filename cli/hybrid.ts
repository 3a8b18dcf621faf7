import { readdirSync } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError } from "commander";
import { UserError } from "../core/user-error";
import { CliContext, processContext, RegisterCommand } from "./context";

const COMMANDS_DIR = path.join(__dirname, "commands");

/** Every module of cli/commands/ (TypeScript under ts-node and jest, JavaScript once built), in name order. */
function commandModules(): RegisterCommand[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => /^[a-z0-9-]+\.(ts|js)$/.test(f) && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => {
      const mod = require(path.join(COMMANDS_DIR, f)) as { register?: RegisterCommand };
      if (typeof mod.register !== "function") throw new Error(`cli/commands/${f} exports no register(program, ctx)`);
      return mod.register;
    });
}

export function createProgram(ctx: CliContext): Command {
  const program = new Command("hybrid")
    .description("Genesys Engage hybrid integration tooling")
    // Both are inherited by the subcommands added below.
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });
  for (const register of commandModules()) register(program, ctx);
  return program;
}

/** Runs `hybrid <argv>`; resolves to the process exit code. */
export async function run(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  try {
    await createProgram(ctx).parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode; // commander already printed it
    if (err instanceof UserError) {
      ctx.stderr(`hybrid: ${err.message}\n`);
      return err.exitCode;
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
