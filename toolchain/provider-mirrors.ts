import { existsSync, readdirSync } from "fs";
import { homedir } from "os";
import { join, resolve } from "path";
import { OPENTOFU_REGISTRY_HOST, ProviderPin, REGISTRY_HOST } from "../core/toolchain/providers";

/** Terraform's name for this machine's platform, e.g. `linux_amd64`. */
export const PLATFORM = `${process.platform === "win32" ? "windows" : process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;

// OpenTofu resolves a bare `namespace/type` source (as cdktf writes it) against its
// own registry host, so a mirror may hold a provider under either host name.
export const MIRROR_HOSTS = [REGISTRY_HOST, OPENTOFU_REGISTRY_HOST];

/** A filesystem mirror folder Terraform reads, and the name messages give it. */
export interface MirrorDir {
  readonly name: string;
  readonly dir: string;
}

/** `<root>/<host>/<namespace>/<type>/<version>/<platform>`: the unpacked layout. */
export function mirrorFolder(pin: ProviderPin, root: string, host = REGISTRY_HOST): string {
  return join(root, host, pin.namespace, pin.type, pin.version, PLATFORM);
}

/** The zip of the packed layout that `terraform providers mirror` writes. */
export function packedFile(pin: ProviderPin, root: string, host = REGISTRY_HOST): string {
  return join(root, host, pin.namespace, pin.type, `terraform-provider-${pin.type}_${pin.version}_${PLATFORM}.zip`);
}

/** Where the mirror at `root` holds the pinned provider for this platform, in either layout, under either host. */
export function findInMirror(pin: ProviderPin, root: string): { readonly kind: "unpacked" | "packed"; readonly path: string } | undefined {
  for (const host of MIRROR_HOSTS) {
    const folder = mirrorFolder(pin, root, host);
    if (existsSync(folder) && readdirSync(folder).some((f) => f.startsWith(`terraform-provider-${pin.type}`))) {
      return { kind: "unpacked", path: folder };
    }
    const zip = packedFile(pin, root, host);
    if (existsSync(zip)) return { kind: "packed", path: zip };
  }
  return undefined;
}

/**
 * The filesystem mirrors a site may already hold providers in, in the order they
 * are tried: the one the user names (`HYBRID_PROVIDER_MIRROR`), then the implied
 * local mirror directories Terraform itself reads on Unix (its CLI configuration
 * docs): `~/.terraform.d/plugins` and `terraform/plugins` under the XDG data folders.
 */
export function localMirrors(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): MirrorDir[] {
  const mirrors: MirrorDir[] = [];
  if (env.HYBRID_PROVIDER_MIRROR) mirrors.push({ name: "HYBRID_PROVIDER_MIRROR", dir: resolve(env.HYBRID_PROVIDER_MIRROR) });
  mirrors.push({ name: "~/.terraform.d/plugins", dir: join(home, ".terraform.d", "plugins") });
  const dataHome = env.XDG_DATA_HOME || join(home, ".local", "share");
  mirrors.push({ name: "$XDG_DATA_HOME/terraform/plugins", dir: join(dataHome, "terraform", "plugins") });
  for (const dataDir of (env.XDG_DATA_DIRS || "/usr/local/share:/usr/share").split(":").filter(Boolean)) {
    mirrors.push({ name: `${dataDir}/terraform/plugins`, dir: join(dataDir, "terraform", "plugins") });
  }
  return mirrors;
}
