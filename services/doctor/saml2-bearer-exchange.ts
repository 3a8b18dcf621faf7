/**
 * The SAML2 Bearer token exchange made with Genesys's own JavaScript SDK
 * (purecloud-platform-client-v2), as Workspace Desktop Edition makes it.
 *
 * What reading the SDK (src/purecloud-platform-client-v2/ApiClient.js, configuration.js) showed:
 * - `ApiClient.loginSaml2BearerGrant(clientId, clientSecret, orgName, assertion)` POSTs
 *   `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer&orgName=...&assertion=...`
 *   (URLSearchParams) to `<login base>/oauth/token`, with `Authorization: Basic
 *   base64(clientId:clientSecret)` (not form-encoded first) and Content-Type
 *   application/x-www-form-urlencoded; the login base is `https://login.<environment>`, or the
 *   configured gateway (`protocol://host[:port][/path_params_login]`), which takes loopback http.
 * - The package module keeps singletons (`ApiClient.instance`, `Configuration.instance`), so this
 *   module makes its own instance (`ApiClientClass`) per exchange and never touches the default one.
 * - Each Configuration reads ~/.genesyscloudjavascript/config at construction (which may set a
 *   gateway, or logging of request bodies, i.e. of the assertion) and watches it: the gateway is
 *   set explicitly afterwards, live reload is switched off (which stops the watch) and the logger
 *   silenced, so nothing outside this call decides where the credentials go or what is logged.
 * So the SDK is used; nothing here needed a reason to fall back to fetch.
 */

/** What the exchange answered: a token, or the OAuth error (or network failure), never a credential. */
export type ExchangeResult =
  | { readonly ok: true; readonly accessToken: string; readonly expiresInSeconds?: number }
  | { readonly ok: false; readonly status?: number; readonly error?: string; readonly description?: string; readonly networkError?: string };

export interface ExchangeRequest {
  /** The token endpoint, ending in /oauth/token (`general/base_auth_url`, or its loopback override). */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `general/organization_sname`. */
  readonly orgName: string;
  /** The signed assertion's XML; sent base64-encoded. */
  readonly assertionXml: string;
  readonly timeoutMs?: number;
}

const TOKEN_SUFFIX = "/oauth/token";

interface SdkApiClient {
  timeout: number;
  config: {
    live_reload_config: boolean;
    logger: { log_level: string; log_to_console: boolean; log_file_path?: string; log_request_body: boolean; setLogger(): void };
  };
  setGateway(gateway: { host: string; protocol: string; port: number; path_params_login?: string }): void;
  loginSaml2BearerGrant(clientId: string, clientSecret: string, orgName: string, assertion: string): Promise<{ accessToken?: string; tokenExpiryTime?: number }>;
}

export async function exchangeSaml2Bearer(req: ExchangeRequest, now: () => number = Date.now): Promise<ExchangeResult> {
  const url = new URL(req.tokenUrl);
  if (!url.pathname.endsWith(TOKEN_SUFFIX)) {
    return { ok: false, networkError: `${req.tokenUrl} does not end in ${TOKEN_SUFFIX}, so the SDK cannot address it` };
  }
  // Loaded on first use: the SDK is a 4 MB bundle that only this check needs.
  const sdk = require("purecloud-platform-client-v2") as { ApiClientClass: new () => SdkApiClient };
  const client = new sdk.ApiClientClass();
  client.config.live_reload_config = false;
  const logger = client.config.logger;
  logger.log_level = "none";
  logger.log_to_console = false;
  logger.log_file_path = undefined;
  logger.log_request_body = false;
  logger.setLogger();
  client.timeout = req.timeoutMs ?? 30_000;
  client.setGateway({
    host: url.hostname,
    protocol: url.protocol.replace(/:$/, ""),
    port: url.port === "" ? -1 : Number(url.port),
    path_params_login: url.pathname.slice(0, -TOKEN_SUFFIX.length),
  });
  const assertion = Buffer.from(req.assertionXml, "utf8").toString("base64");
  try {
    const auth = await client.loginSaml2BearerGrant(req.clientId, req.clientSecret, req.orgName, assertion);
    if (!auth.accessToken) return { ok: false, description: "the answer held no access_token" };
    const expiresInSeconds = auth.tokenExpiryTime !== undefined ? Math.round((auth.tokenExpiryTime - now()) / 1000) : undefined;
    return { ok: true, accessToken: auth.accessToken, expiresInSeconds };
  } catch (err) {
    // An axios error: keep the status and the OAuth error body only (its config holds the Basic header).
    const e = err as { response?: { status?: number; data?: { error?: string; description?: string; error_description?: string } }; code?: string; message?: string };
    if (e.response) {
      const data = e.response.data && typeof e.response.data === "object" ? e.response.data : {};
      return { ok: false, status: e.response.status, error: data.error, description: data.description ?? data.error_description };
    }
    return { ok: false, networkError: e.code ?? "request failed" };
  }
}
