import { ExitCode, UserError } from "../user-error";

/**
 * The one loopback rule: hosts in 127.0.0.0/8, `[::1]` or `localhost`, any port, http
 * or https. The sandbox's URL, the doctor's override and the tests' doubles all pass it,
 * so a credential can never be sent to another machine through them.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(hostname);
}

/** `raw`'s origin when it is a loopback origin (scheme, host, port; no user, path, query or fragment), else undefined. */
export function loopbackOrigin(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const bare = !url.username && !url.password && (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash;
  return ["http:", "https:"].includes(url.protocol) && isLoopbackHost(url.hostname) && bare ? url.origin : undefined;
}

/**
 * The sandbox's hook: where `hybrid doctor` and `hybrid adopt` send the requests meant for
 * a tenant's region, e.g. `http://127.0.0.1:41234` for the Genesys Cloud double (`hybrid
 * sandbox` sets it; tests set it).
 */
export const URL_OVERRIDE_ENV = "HYBRID_GENESYS_URL_OVERRIDE";

/** The override's origin, undefined when unset; a usage error for anything but a loopback origin. */
export function urlOverride(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[URL_OVERRIDE_ENV];
  if (raw === undefined || raw === "") return undefined;
  const origin = loopbackOrigin(raw);
  if (origin === undefined) {
    throw new UserError(
      `${URL_OVERRIDE_ENV}="${raw}" is refused: it may only name a loopback origin (http://127.0.0.1:PORT, http://localhost:PORT, http://[::1]:PORT) ` +
        `with no path, the sandbox's Genesys Cloud double; unset it to reach the tenant's own region.`,
      ExitCode.Usage,
    );
  }
  return origin;
}

/** `url` with its scheme, host and port replaced by `origin` (path kept); `url` itself without an override. */
export function applyOverride(url: string, origin: string | undefined): string {
  if (origin === undefined) return url;
  const u = new URL(url);
  return `${origin}${u.pathname}${u.search}`;
}
