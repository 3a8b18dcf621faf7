import { clientCredentialsRequest } from "../../core/genesys/client-credentials";

/** What a request answered: the status and the parsed JSON body, or status 0 and why there was no answer. */
export interface HttpResult {
  readonly status: number;
  readonly body?: any;
  readonly networkError?: string;
}

/**
 * The doctor's own HTTP calls (fetch). Every URL must lie under one of `allowedOrigins`, the
 * origins of the tenant's `base_auth_url` and `base_service_url` (or their loopback override), so
 * the doctor cannot talk to any other host. Answers never throw for HTTP or network errors.
 */
export class DoctorHttp {
  constructor(
    private readonly allowedOrigins: readonly string[],
    private readonly timeoutMs = 30_000,
  ) {}

  assertAllowed(url: string): void {
    const origin = new URL(url).origin;
    if (!this.allowedOrigins.includes(origin)) {
      throw new Error(`hybrid doctor may only call ${this.allowedOrigins.join(" and ")}, not ${origin}`);
    }
  }

  /** A client-credentials token request (see core/genesys/client-credentials.ts). */
  clientCredentialsToken(tokenUrl: string, clientId: string, secret: string): Promise<HttpResult> {
    return this.send(tokenUrl, clientCredentialsRequest(clientId, secret));
  }

  get(url: string, token: string): Promise<HttpResult> {
    return this.send(url, { method: "GET", headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
  }

  postJson(url: string, token: string, body: unknown): Promise<HttpResult> {
    return this.send(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  }

  private async send(url: string, init: RequestInit): Promise<HttpResult> {
    this.assertAllowed(url);
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { status: 0, networkError: cause?.code ?? cause?.message ?? (err as Error).message };
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  }
}

/** "401 invalid_client: Invalid client credentials." / "404 not.found: ..." / "no answer (ECONNREFUSED)": never a header or secret. */
export function describeAnswer(res: HttpResult): string {
  if (res.status === 0) return `no answer (${res.networkError})`;
  const body = res.body as { error?: string; description?: string; error_description?: string; code?: string; message?: string } | undefined;
  if (body && typeof body === "object") {
    if (body.error) return `${res.status} ${body.error}${body.description ?? body.error_description ? `: ${body.description ?? body.error_description}` : ""}`;
    if (body.code) return `${res.status} ${body.code}${body.message ? `: ${body.message}` : ""}`;
  }
  return `${res.status}`;
}
