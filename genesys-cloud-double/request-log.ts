import type { FaultKind } from "./faults";

/** One request the double answered. Holds no header, body or query string, so never a secret. */
export interface RequestRecord {
  /** 1, 2, ... in the order the requests arrived. */
  readonly seq: number;
  readonly method: string;
  /** The path without query string. */
  readonly path: string;
  readonly status: number;
  /** The org the request acted for (bearer token's org, or the token endpoint's client's org). */
  readonly orgId?: string;
  /** Names of the request's headers as sent (e.g. `Authorization`, `Content-Type`), never their values. */
  readonly headerNames: readonly string[];
  /** Set when an injected fault answered instead of the endpoint. */
  readonly fault?: FaultKind;
  /** Server-side time from the request's headers to the end of the response, injected latency included. */
  readonly durationMs: number;
}

/** A request to a method and path the double does not implement (answered 404). */
export interface UnknownRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
}

/** Sum of the server-side handling time of `records`, in milliseconds. */
export function totalHandlingMs(records: readonly RequestRecord[]): number {
  return records.reduce((sum, r) => sum + r.durationMs, 0);
}
