import { UserError } from "../user-error";

/**
 * The sandbox's hook: where `hybrid doctor` sends the requests meant for a tenant's
 * `base_auth_url` and `base_service_url`, e.g. `http://127.0.0.1:41234` for the Genesys Cloud
 * double (`hybrid sandbox` sets it; tests set it). Honoured only for loopback addresses, so it
 * can never send a tenant's credentials to another machine.
 */
export const URL_OVERRIDE_ENV = "HYBRID_GENESYS_URL_OVERRIDE";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The override's origin (`http://127.0.0.1:PORT`), undefined when unset; a usage error (exit 2) for anything but a loopback origin. */
export function urlOverride(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[URL_OVERRIDE_ENV];
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`${URL_OVERRIDE_ENV}="${raw}" is not a URL; set it to a loopback origin such as http://127.0.0.1:8080, or unset it.`, 2);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (!loopback || !["http:", "https:"].includes(url.protocol) || url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new UserError(
      `${URL_OVERRIDE_ENV}="${raw}" is refused: it may only name a loopback origin (http://127.0.0.1:PORT, http://localhost:PORT, http://[::1]:PORT) ` +
        `with no path, the sandbox's Genesys Cloud double; unset it to reach the tenant's own region.`,
      2,
    );
  }
  return url.origin;
}

/** `url` with its scheme, host and port replaced by `origin` (path kept); `url` itself without an override. */
export function applyOverride(url: string, origin: string | undefined): string {
  if (origin === undefined) return url;
  const u = new URL(url);
  return `${origin}${u.pathname}${u.search}`;
}
