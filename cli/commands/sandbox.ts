import * as path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { loadTenantsFile, tenantsFilePath } from "../../core/config/tenants-file";
import { displayPath, type CliContext } from "../context";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port from 0 (any free one) to 65535");
  return n;
}

/** `hybrid sandbox`: a local Genesys Cloud for the tenants file, in the foreground. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command("sandbox")
    .description("run a local Genesys Cloud (on 127.0.0.1) with one org per tenant, to deploy and rehearse against; stops on Ctrl-C")
    .option("--config <file>", "the tenants file (default: HYBRID_CONFIG, else tenants.yaml)")
    .requiredOption("--dir <dir>", "folder for sandbox.env and the sandbox's Terraform state")
    .option("--port <n>", "port to listen on (default: a free one)", port)
    .action(async (flags: { config?: string; dir: string; port?: number }) => {
      const file = loadTenantsFile(flags.config ? path.resolve(ctx.cwd, flags.config) : tenantsFilePath(ctx.env, ctx.cwd));
      // Loaded here: the sandbox brings cdktf and the provider bindings, which no other command needs at start.
      const { startSandbox } = await import("../../services/sandbox/sandbox");
      const sandbox = await startSandbox(file, { dir: path.resolve(ctx.cwd, flags.dir), port: flags.port });
      const envFile = displayPath(ctx, sandbox.envFile);
      ctx.stdout(`sandbox: ${file.tenants.length} org(s): ${file.tenants.map((t) => `${t.name} (${t.organization.id})`).join(", ")}\n`);
      ctx.stdout(`sandbox: state in ${displayPath(ctx, sandbox.stateDir)}; deploy with: source ${envFile} && npx cdktf deploy <tenant> --skip-provider-lock\n`);
      ctx.stdout(`ready ${sandbox.url} ${envFile}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          ctx.stdout(`sandbox: ${signal}, stopping\n`);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await sandbox.stop();
      ctx.stdout("sandbox: stopped\n");
    });
}
