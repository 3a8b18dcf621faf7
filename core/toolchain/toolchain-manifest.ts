import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { PROJECT_ROOT } from "./providers";

/** Where `npm run toolchain` keeps everything it makes (gitignored). */
export const TOOLCHAIN_DIR = join(PROJECT_ROOT, ".toolchain");
export const TOOLCHAIN_MANIFEST = join(TOOLCHAIN_DIR, "toolchain.json");

/** What `npm run toolchain` set up, for the scripts and tests that drive Terraform. */
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

/** The toolchain, or a clear error telling how to make it. */
export function loadToolchain(): Toolchain {
  if (!existsSync(TOOLCHAIN_MANIFEST)) {
    throw new Error(`no toolchain at ${TOOLCHAIN_DIR}: run \`npm run toolchain\` first.`);
  }
  return JSON.parse(readFileSync(TOOLCHAIN_MANIFEST, "utf8")) as Toolchain;
}

/** Environment for running Terraform with the toolchain's binary and mirror-only CLI configuration. */
export function terraformEnv(tc: Toolchain = loadToolchain()): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: tc.cliConfigFile,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    ...(tc.terraform.kind === "opentofu" ? { TERRAFORM_BINARY_NAME: tc.terraform.path } : {}),
  };
}

/** Whether the toolchain installed a provider (`namespace/type`), e.g. `mypurecloud/genesyscloud`. */
export function providerInstalled(source: string, tc: Toolchain = loadToolchain()): boolean {
  return tc.providers.some((p) => p.source === source && p.installed);
}
