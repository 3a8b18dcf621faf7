import { regionEndpoints } from "./regions";
import { urlOverride } from "./url-override";

export { URL_OVERRIDE_ENV as GENESYS_URL_OVERRIDE_ENV } from "./url-override";

export interface ApiEndpoint {
  /** Platform API base, e.g. https://api.mypurecloud.ie */
  readonly apiUrl: string;
  /** Client-credentials token endpoint, e.g. https://login.mypurecloud.ie/oauth/token */
  readonly tokenUrl: string;
  /** Whether {@link GENESYS_URL_OVERRIDE_ENV} replaced the region's URLs. */
  readonly overridden: boolean;
}

/**
 * The region's API and token URLs (core/genesys/regions.ts), or the loopback override.
 *
 * @throws UserError (exit 2) when the override is set to anything but a loopback origin.
 */
export function apiEndpoint(region: string, env: NodeJS.ProcessEnv): ApiEndpoint {
  // The sandbox's hook, loopback only (see core/genesys/url-override.ts).
  const origin = urlOverride(env);
  if (origin !== undefined) return { apiUrl: origin, tokenUrl: `${origin}/oauth/token`, overridden: true };
  const e = regionEndpoints(region);
  return { apiUrl: e.apiUrl, tokenUrl: e.baseAuthUrl, overridden: false };
}
