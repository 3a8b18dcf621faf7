import * as path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import { ExitCode, UserError } from "../../core/user-error";
import { displayPath, projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port from 0 (any free one) to 65535");
  return n;
}

/** `--products acme=journey,botFlows`, repeatable: each tenant's org products. */
function products(value: string, previous: Record<string, string[]> = {}): Record<string, string[]> {
  const m = /^([a-z][a-z0-9-]*)=([A-Za-z0-9,]*)$/.exec(value);
  if (!m) throw new InvalidArgumentError("<tenant>=<product>,<product>... e.g. acme=botFlows (an org without journey)");
  return { ...previous, [m[1]]: m[2] === "" ? [] : m[2].split(",") };
}

/** `hybrid sandbox`: a local Genesys Cloud for the tenants file, in the foreground. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command("sandbox")
    .description("run a local Genesys Cloud (on 127.0.0.1) with one org per tenant, to deploy and rehearse against; stops on Ctrl-C")
    .requiredOption("--dir <dir>", "folder for sandbox.env and the sandbox's Terraform state (an earlier sandbox's state there is removed)")
    .option("--port <n>", "port to listen on (default: a free one)", port)
    .option("--products <tenant=products>", "the products of a tenant's org, comma-separated (default: a set with journey); repeat for several tenants", products)
    .action(async (flags: { dir: string; port?: number; products?: Record<string, string[]> }, command: Command) => {
      const project = projectOf(ctx, "sandbox");
      const file = loadTenantsFile(project.tenantsFile(ctx.cwd, ctx.env, globalOptions(command).config));
      const unknown = Object.keys(flags.products ?? {}).filter((t) => !file.tenants.some((x) => x.name === t));
      if (unknown.length > 0) throw new UserError(`--products names tenant ${unknown.join(", ")}, which is not in the tenants file ${displayPath(ctx, file.path)}; name one of ${file.tenants.map((t) => t.name).join(", ")}`, ExitCode.Usage);
      // Loaded here: the double is only needed once a sandbox runs.
      const { startSandbox } = await import("../../services/sandbox/sandbox");
      const sandbox = await startSandbox(project, file, { dir: path.resolve(ctx.cwd, flags.dir), port: flags.port, products: flags.products, report: (line) => ctx.stderr(line) });
      const envFile = displayPath(ctx, sandbox.envFile);
      ctx.stdout(`sandbox: ${file.tenants.length} org(s): ${file.tenants.map((t) => `${t.name} (${t.organization.id})`).join(", ")}\n`);
      ctx.stdout(`sandbox: state in ${displayPath(ctx, sandbox.stateDir)}; deploy with: source ${envFile} && npx cdktf deploy <tenant> --skip-provider-lock\n`);
      const rolling = file.tenants.filter((t) => t.saml.rollover);
      ctx.stdout(
        `sandbox: key passwords as for a real deploy: TF_VAR_<tenant>_saml_key_password` +
          (rolling.length > 0 ? `, and for the key rollover of ${rolling.map((t) => t.name).join(", ")} ${rolling.map((t) => `TF_VAR_${tenantVariableNames(t.name).samlNextKeyPassword}`).join(", ")}` : "") +
          "\n",
      );
      ctx.stdout(`ready ${sandbox.url} ${envFile}\n`);
      const signal = await ctx.nextSignal();
      ctx.stdout(`sandbox: ${signal}, stopping\n`);
      await sandbox.stop();
      ctx.stdout("sandbox: stopped\n");
    });
}
