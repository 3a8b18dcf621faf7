import type { IncomingHttpHeaders } from "http";
import type { Reply } from "./api-error";
import type { OrgState } from "./org-state";

/** A request as a route sees it: the body already read, the caller's org resolved. */
export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A request to an `/api/v2` route, made with a valid bearer token of `org`. */
export interface AuthenticatedRequest extends RouteRequest {
  readonly org: OrgState;
}

/** One endpoint of the double. `auth: "bearer"` routes only run with a valid access token. */
export type Route =
  | { readonly method: string; readonly path: string; readonly auth: "none"; readonly handle: (req: RouteRequest) => Reply }
  | { readonly method: string; readonly path: string; readonly auth: "bearer"; readonly handle: (req: AuthenticatedRequest) => Reply };

export function findRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  return routes.find((r) => r.method === method && r.path === path);
}
