import { Option, type Command } from "commander";
import { loadTenantsFile, type TenantsFile } from "../core/config/tenants-file";
import type { TenantConfig } from "../core/config/tenant-config";
import type { Project } from "../core/project";
import { ExitCode, UserError } from "../core/user-error";
import { displayPath, type CliContext } from "./context";
import { globalOptions } from "./global-options";

/** `--tenant` (repeatable), `--all` and `--shard`, as every per-tenant command takes them. */
export interface SelectionFlags {
  readonly tenant?: readonly string[];
  readonly all?: boolean;
  readonly shard?: string;
}

/** Adds the one tenant selector to a command; `verb` says what it does to a tenant ("export", "check"). */
export function addTenantSelector(command: Command, verb: string): Command {
  return command
    .addOption(
      new Option("--tenant <name>", `the tenant to ${verb}; repeat it for several`)
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .conflicts("all"),
    )
    .option("--all", `${verb} every tenant`)
    .option("--shard <i/n>", "of the selected tenants, only every n-th from the i-th (1-based), e.g. one CI job's share");
}

/**
 * The names a command acts on, out of `known` (the tenants of `source`): the ones `--tenant`
 * names, or all with `--all`, then `--shard`'s share.
 *
 * @throws UserError (exit 2) when neither is given or a name is unknown, naming `source` and its tenants.
 */
export function selectNames(known: readonly string[], flags: SelectionFlags, opts: { readonly verb: string; readonly source: string }): string[] {
  const named = flags.tenant ?? [];
  if (named.length === 0 && flags.all !== true) {
    throw new UserError(`name the tenant to ${opts.verb} with --tenant <name>, or ${opts.verb} every tenant with --all`, ExitCode.Usage);
  }
  const unknown = named.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new UserError(
      `tenant ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not in ${opts.source}` +
        (known.length > 0 ? ` (its tenants: ${known.join(", ")})` : " (it has no tenants)") +
        "; add it there, or name another tenant",
      ExitCode.Usage,
    );
  }
  return shardNames(flags.all === true ? [...known] : [...new Set(named)], flags.shard);
}

/** The tenants of the project's tenants file that a command acts on (see {@link selectNames}). */
export function selectTenants(ctx: CliContext, project: Project, command: Command, verb: string): { readonly file: TenantsFile; readonly tenants: TenantConfig[] } {
  const where = project.tenantsFile(ctx.cwd, ctx.env, globalOptions(command).config);
  const file = loadTenantsFile(where);
  const names = selectNames(
    file.tenants.map((t) => t.name),
    command.opts<SelectionFlags>(),
    { verb, source: `the tenants file ${displayPath(ctx, where)}` },
  );
  return { file, tenants: file.tenants.filter((t) => names.includes(t.name)) };
}

/** The tenants of shard `i/n` (`--shard`): positions i-1, i-1+n, ... of `tenants`; all of them without a shard. */
export function shardNames(tenants: readonly string[], spec: string | undefined): string[] {
  if (spec === undefined) return [...tenants];
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const i = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || i < 1 || i > n) throw new UserError(`--shard ${spec}: give <i>/<n> with 1 <= i <= n, e.g. --shard 2/4`, ExitCode.Usage);
  return tenants.filter((_, k) => k % n === i - 1);
}
