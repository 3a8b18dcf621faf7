import { readFileSync } from "fs";
import { join } from "path";

/**
 * What the toolchain needs to know about one Terraform provider beyond its
 * registry address: where its Go module lives and which part of its schema
 * this project uses.
 */
export interface ProviderPin {
  /** Registry namespace, lowercase, e.g. `mastercard`. */
  readonly namespace: string;
  /** Provider type, e.g. `restapi`. */
  readonly type: string;
  /** Exact version, taken from cdktf.json so `cdktf get` sees the same pin. */
  readonly version: string;
  /**
   * Where the Go module proxy serves the provider: its module path and the module's
   * own `h1:` hash of that version (as in a go.sum line), checked after download so
   * a proxy cannot swap the source under the pin. Absent for a provider the proxy
   * does not serve: it then comes only from a filesystem mirror or the registry.
   */
  readonly goModule?: { readonly path: string; readonly sum: string };
  /** Resources the project uses; the vendored schema keeps only these. */
  readonly resources: readonly string[];
  /** Data sources the project uses; the vendored schema keeps only these. */
  readonly dataSources: readonly string[];
}

/** The registry host every provider of this project is addressed under. */
export const REGISTRY_HOST = "registry.terraform.io";
/** Where OpenTofu looks up a provider whose source names no host. */
export const OPENTOFU_REGISTRY_HOST = "registry.opentofu.org";

// Build facts that cdktf.json has no place for. Keyed by `namespace/type`, the
// form cdktf.json uses, so the two cannot silently disagree on which providers exist.
const BUILD_FACTS: Record<string, Omit<ProviderPin, "namespace" | "type" | "version">> = {
  "mastercard/restapi": {
    // The v2/v3 tags of this repository declare no /v2 or /v3 module path, so the
    // Go module proxy serves only the v1 line; v1.20.0 is the newest it resolves.
    goModule: { path: "github.com/Mastercard/terraform-provider-restapi", sum: "h1:z4kPtDZgG1HmLsawE4SzP1PxPyz2hAHxwkrHMuRvFrA=" },
    resources: ["restapi_object"],
    // Reads the role the Predictive Engagement permissions are granted to.
    dataSources: ["restapi_object"],
  },
  "mypurecloud/genesyscloud": {
    // No goModule: the Go module proxy refuses every release newer than v1.11.1, which
    // predates `client_secret` and `gateway`. Air-gapped sites mirror the registry build.
    resources: ["genesyscloud_oauth_client"],
    dataSources: ["genesyscloud_auth_division_home", "genesyscloud_auth_role", "genesyscloud_authorization_product"],
  },
};

const CONSTRAINT = /^([a-z0-9-]+)\/([a-z0-9-]+)@\s*=\s*(\d+\.\d+\.\d+)$/;

/**
 * The providers named in cdktf.json, each pinned to one exact version.
 *
 * A range (`~> 1.2`) is refused: the filesystem mirror, the vendored schema and
 * the generated bindings must all describe the very same build.
 */
export function loadProviderPins(root: string): ProviderPin[] {
  const cdktf = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as { terraformProviders?: string[] };
  return (cdktf.terraformProviders ?? []).map((entry) => {
    const m = CONSTRAINT.exec(entry.trim().toLowerCase());
    if (!m) {
      throw new Error(
        `cdktf.json: terraformProviders entry "${entry}" is not an exact pin; write it as "namespace/type@= X.Y.Z".`,
      );
    }
    const [, namespace, type, version] = m;
    const facts = BUILD_FACTS[`${namespace}/${type}`];
    if (!facts) {
      throw new Error(
        `cdktf.json: provider "${namespace}/${type}" has no build facts; add it (resources, data sources, Go module if any) to toolchain/providers.ts.`,
      );
    }
    return { namespace, type, version, ...facts };
  });
}

/** `registry.terraform.io/mastercard/restapi`, the key Terraform uses in its schema output. */
export function registryAddress(pin: ProviderPin): string {
  return `${REGISTRY_HOST}/${pin.namespace}/${pin.type}`;
}
