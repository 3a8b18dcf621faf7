import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { TenantsFile } from "../../core/config/tenants-file";
import type { Project } from "../../core/project";
import { loadToolchain } from "../../core/toolchain/toolchain-manifest";
import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { renderSandboxEnv } from "./sandbox-env";

/** A running sandbox: the Genesys Cloud double with one org per tenant. */
export interface RunningSandbox {
  readonly url: string;
  /** `<dir>/sandbox.env`. */
  readonly envFile: string;
  readonly stateDir: string;
  /** The double itself (in-process users such as the demo inspect it). */
  readonly cloud: GenesysCloudDouble;
  stop(): Promise<void>;
}

export interface StartSandboxOptions {
  /** Folder for sandbox.env and the sandbox's state (made 0700). */
  readonly dir: string;
  /** @default 0: a free port */
  readonly port?: number;
  /** Products of each tenant's org, by tenant (e.g. an org without Journey). @default the double's default set */
  readonly products?: Readonly<Record<string, readonly string[]>>;
  /** Where the double reports what it does not know (an unknown request). @default stderr */
  readonly report?: (line: string) => void;
}

/**
 * Starts a local Genesys Cloud on 127.0.0.1 for the tenants of `file`: each tenant's
 * org (its id and short name, the factory roles, its products, a home division) with a
 * Terraform admin client of generated credentials, and writes `<dir>/sandbox.env` (mode
 * 0600) that points Terraform, cdktf and `hybrid` at it. The double holds everything in
 * memory, so the state of an earlier sandbox in the same folder describes objects that no
 * longer exist: it is removed, and a new sandbox starts clean.
 *
 * @throws UserError (exit 2) when the project has no toolchain: sandbox.env could not work.
 */
export async function startSandbox(project: Project, file: TenantsFile, opts: StartSandboxOptions): Promise<RunningSandbox> {
  const toolchain = loadToolchain(project);
  const dir = path.resolve(opts.dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stateDir = path.join(dir, "state");
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const cloud = await GenesysCloudDouble.start({ port: opts.port ?? 0, report: opts.report });
  const tenants = file.tenants.map((t) => ({
    name: t.name,
    ...cloud.addOrg({ id: t.organization.id, shortName: t.organization.shortName, products: opts.products?.[t.name] }),
  }));
  const envFile = path.join(dir, "sandbox.env");
  const text = renderSandboxEnv({ dir, url: cloud.url, stateDir, cliConfigFile: toolchain.cliConfigFile, tenants });
  const tmp = `${envFile}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, envFile);
  return { url: cloud.url, envFile, stateDir, cloud, stop: () => cloud.stop() };
}
