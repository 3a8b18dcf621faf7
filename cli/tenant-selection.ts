import * as path from "node:path";
import type { TenantConfig } from "../core/config/tenant-config";
import { loadTenantsFile, tenantsFilePath, type TenantsFile } from "../core/config/tenants-file";
import { UserError } from "../core/user-error";
import { displayPath, type CliContext } from "./context";

/** `--tenant`, `--all` and `--config`, as the per-tenant commands take them. */
export interface TenantSelectionFlags {
  tenant?: string;
  all?: boolean;
  config?: string;
}

/**
 * The tenants a command acts on: the one `--tenant` names or, with `--all`, every
 * tenant of the tenants file (`--config`, else HYBRID_CONFIG, else tenants.yaml).
 *
 * @throws UserError (with `exitCode`) when neither is given or the tenant is not in the
 * file; `what` says what the command does ("export", "check"), `fix` ends the message.
 */
export function selectTenants(
  ctx: CliContext,
  flags: TenantSelectionFlags,
  opts: { readonly what: string; readonly fix: string; readonly exitCode?: number },
): { readonly file: TenantsFile; readonly tenants: TenantConfig[] } {
  if (flags.tenant === undefined && flags.all !== true) {
    throw new UserError(`name the tenant to ${opts.what} with --tenant <name>, or ${opts.what} every tenant of the tenants file with --all`, opts.exitCode);
  }
  const where = flags.config !== undefined ? path.resolve(ctx.cwd, flags.config) : tenantsFilePath(ctx.env, ctx.cwd);
  const file = loadTenantsFile(where);
  const known = file.tenants.map((t) => t.name);
  if (flags.tenant !== undefined && !known.includes(flags.tenant)) {
    throw new UserError(
      `tenant ${flags.tenant} is not in the tenants file ${displayPath(ctx, where)}` +
        (known.length > 0 ? ` (its tenants: ${known.join(", ")})` : " (it has no tenants)") +
        `; ${opts.fix}`,
      opts.exitCode,
    );
  }
  return { file, tenants: file.tenants.filter((t) => flags.tenant === undefined || t.name === flags.tenant) };
}
