import { regionEndpoints } from "../regions";
import { UserError } from "../user-error";

/**
 * Points the CLI's own Genesys Cloud calls at a loopback double instead of the region
 * (tests only; `hybrid doctor` honours the same variable). Only loopback is accepted,
 * so a stray setting can never send an org's admin credentials to another host.
 */
export const GENESYS_URL_OVERRIDE_ENV = "HYBRID_GENESYS_URL_OVERRIDE";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface ApiEndpoint {
  /** Platform API base, e.g. https://api.mypurecloud.ie */
  readonly apiUrl: string;
  /** Client-credentials token endpoint, e.g. https://login.mypurecloud.ie/oauth/token */
  readonly tokenUrl: string;
  /** Whether {@link GENESYS_URL_OVERRIDE_ENV} replaced the region's URLs. */
  readonly overridden: boolean;
}

/**
 * The region's API and token URLs (lib/regions.ts), or the loopback override.
 *
 * @throws UserError when the override is set to anything but an http(s) loopback origin.
 */
export function apiEndpoint(region: string, env: NodeJS.ProcessEnv): ApiEndpoint {
  const override = env[GENESYS_URL_OVERRIDE_ENV];
  if (override !== undefined && override !== "") {
    let url: URL | undefined;
    try {
      url = new URL(override);
    } catch {
      url = undefined;
    }
    const origin = url && (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(url.hostname) && (url.pathname === "/" || url.pathname === "") && !url.search && !url.username;
    if (!url || !origin) {
      throw new UserError(
        `${GENESYS_URL_OVERRIDE_ENV}="${override}" is not a loopback origin; it only points at a local Genesys Cloud double, e.g. http://127.0.0.1:8080. Unset it to reach the region's API.`,
      );
    }
    return { apiUrl: url.origin, tokenUrl: `${url.origin}/oauth/token`, overridden: true };
  }
  const e = regionEndpoints(region);
  return { apiUrl: e.apiUrl, tokenUrl: e.baseAuthUrl, overridden: false };
}
