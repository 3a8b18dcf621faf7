import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FakeGenesysCloud } from "../../genesys-cloud-double";
import { loadToolchain, TOOLCHAIN_MANIFEST } from "../../core/toolchain/toolchain-manifest";
import type { TenantsFile } from "../../core/config/tenants-file";
import { renderSandboxEnv } from "./sandbox-env";

/** A running sandbox: the Genesys Cloud double with one org per tenant. */
export interface RunningSandbox {
  readonly url: string;
  /** `<dir>/sandbox.env`. */
  readonly envFile: string;
  readonly stateDir: string;
  /** The double itself (in-process users such as the demo inspect it). */
  readonly cloud: FakeGenesysCloud;
  stop(): Promise<void>;
}

export interface StartSandboxOptions {
  /** Folder for sandbox.env and the sandbox's state (made 0700). */
  readonly dir: string;
  /** @default 0: a free port */
  readonly port?: number;
}

/**
 * Starts a local Genesys Cloud on 127.0.0.1 for the tenants of `file`: each tenant's
 * org (its id and short name, the factory admin and employee roles, the Journey
 * product, a home division) with a Terraform admin client of generated credentials,
 * and writes `<dir>/sandbox.env` (mode 0600) that points Terraform, cdktf and `hybrid`
 * at it. Nothing of it persists: a new sandbox starts clean.
 */
export async function startSandbox(file: TenantsFile, opts: StartSandboxOptions): Promise<RunningSandbox> {
  const dir = path.resolve(opts.dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stateDir = path.join(dir, "state");
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const cloud = await FakeGenesysCloud.start({ port: opts.port ?? 0 });
  const tenants = file.tenants.map((t) => ({ name: t.name, ...cloud.addOrg({ id: t.organization.id, shortName: t.organization.shortName }) }));
  const envFile = path.join(dir, "sandbox.env");
  const text = renderSandboxEnv({
    url: cloud.url,
    stateDir,
    cliConfigFile: existsSync(TOOLCHAIN_MANIFEST) ? loadToolchain().cliConfigFile : undefined,
    tenants,
  });
  const tmp = `${envFile}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, envFile);
  return { url: cloud.url, envFile, stateDir, cloud, stop: () => cloud.stop() };
}
