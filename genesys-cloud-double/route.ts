import type { IncomingHttpHeaders } from "http";
import type { Reply } from "./api-error";
import type { OrgState } from "./org-state";

/** A request as a route sees it: the body already read, path parameters decoded. */
export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Path parameters by name, e.g. `{ clientId: "..." }` for `/api/v2/oauth/clients/{clientId}`. */
  readonly params: Readonly<Record<string, string>>;
}

/** A request to an `/api/v2` route, made with a valid bearer token of `org`, issued to client `clientId`. */
export interface AuthenticatedRequest extends RouteRequest {
  readonly org: OrgState;
  /** The OAuth client the bearer token was issued to (the caller). */
  readonly clientId: string;
}

/**
 * One endpoint of the double. `path` may hold parameters in braces (`/api/v2/authorization/roles/{roleId}`),
 * each matching one non-empty path segment. `auth: "bearer"` routes only run with a valid access token.
 */
export type Route =
  | { readonly method: string; readonly path: string; readonly auth: "none"; readonly handle: (req: RouteRequest) => Reply }
  | { readonly method: string; readonly path: string; readonly auth: "bearer"; readonly handle: (req: AuthenticatedRequest) => Reply };

/** The parameters of `path` when it matches `pattern`, else undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const param = /^\{(\w+)\}$/.exec(want[i]);
    if (param) {
      if (got[i] === "") return undefined;
      try {
        params[param[1]] = decodeURIComponent(got[i]);
      } catch {
        return undefined;
      }
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

/** The route for `method` and `path`, literal paths before parameterised ones, with its path parameters. */
export function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const candidates = routes.filter((r) => r.method === method);
  const literal = candidates.find((r) => !r.path.includes("{") && r.path === path);
  if (literal) return { route: literal, params: {} };
  for (const route of candidates) {
    const params = route.path.includes("{") ? matchPath(route.path, path) : undefined;
    if (params) return { route, params };
  }
  return undefined;
}
