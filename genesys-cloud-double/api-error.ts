import { randomUUID } from "crypto";

/**
 * The error body of the Genesys Cloud Platform API (`/api/v2/...`):
 * `{"message": ..., "code": "bad.request", "status": 400, "contextId": ..., "details": [], "errors": []}`.
 * The OAuth endpoint (`/oauth/token`) answers in OAuth's own shape instead, see `oauth.ts`.
 */
export interface ApiErrorBody {
  readonly message: string;
  readonly code: string;
  readonly status: number;
  readonly contextId: string;
  readonly details: readonly unknown[];
  readonly errors: readonly unknown[];
}

/** What a route answers: a status, an optional JSON body and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The org the request acted for, when not known from a bearer token (the token endpoint): for the request log, never sent. */
  readonly orgId?: string;
}

export function apiError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  const body: ApiErrorBody = { message, code, status, contextId: randomUUID(), details: [], errors: [] };
  return { status, body, headers };
}

export const badRequest = (message: string): Reply => apiError(400, "bad.request", message);
export const notFound = (message: string): Reply => apiError(404, "not.found", message);
