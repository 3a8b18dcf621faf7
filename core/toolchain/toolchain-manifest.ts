import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../project";
import { ExitCode, UserError } from "../user-error";

/** What `npm run toolchain` set up in a project's `.toolchain/`, for everything that drives Terraform. */
export interface Toolchain {
  readonly terraform: {
    readonly kind: "terraform" | "opentofu";
    readonly path: string;
    readonly version: string;
    /** True when OpenTofu was built here from its Go module. */
    readonly built: boolean;
  };
  /** A Terraform CLI configuration that installs providers only from the mirror. */
  readonly cliConfigFile: string;
  /** Each pinned provider; `installed` is false where no source had it (see `npm run toolchain`'s MISSING line). */
  readonly providers: readonly { readonly source: string; readonly version: string; readonly installed: boolean }[];
  readonly source: "go" | "registry";
}

/** `<project>/.toolchain/toolchain.json`. */
export function toolchainManifestPath(project: Project): string {
  return join(project.toolchainDir, "toolchain.json");
}

/** The project's toolchain, or undefined where `npm run toolchain` never ran. */
export function findToolchain(project: Project): Toolchain | undefined {
  const manifest = toolchainManifestPath(project);
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as Toolchain) : undefined;
}

/** The project's toolchain, or a setup error (exit 2) saying how to make it. */
export function loadToolchain(project: Project): Toolchain {
  const tc = findToolchain(project);
  if (!tc) throw new UserError(`no toolchain in ${project.toolchainDir}: run \`npm run toolchain\` in ${project.root} first (it also says which providers are missing).`, ExitCode.Usage);
  return tc;
}

/** Whether the toolchain installed a provider (`namespace/type`), e.g. `mypurecloud/genesyscloud`. */
export function providerInstalled(tc: Toolchain, source: string): boolean {
  return tc.providers.some((p) => p.source === source && p.installed);
}
