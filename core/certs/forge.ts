import type * as Forge from "node-forge";

let loaded: typeof Forge | undefined;

/**
 * node-forge takes ~50 ms to load; only create and rotate need it, so `inspect` and the
 * synthesis code that reads cert.pem do not pay for it.
 */
export function forge(): typeof Forge {
  loaded ??= require("node-forge") as typeof Forge;
  return loaded;
}
