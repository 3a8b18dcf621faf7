/**
 * The one Genesys Cloud API client (fetch): `hybrid adopt`, `hybrid doctor` and the tests'
 * administrators all talk to an org through it. Every URL must lie under one of the
 * allowed origins (the tenant's login and API hosts, or the loopback override), so no
 * caller can send a credential anywhere else. HTTP and network errors are answers, never
 * exceptions: each caller decides what they mean.
 */

/** What a request answered: the status and the parsed JSON body (or the text), or status 0 and why there was no answer. */
export interface ApiAnswer {
  readonly status: number;
  readonly body?: any;
  readonly networkError?: string;
}

export interface GenesysApiOptions {
  /** The origins requests may go to. */
  readonly allowedOrigins: readonly string[];
  /** @default 30 s */
  readonly timeoutMs?: number;
}

export class GenesysApi {
  private readonly tokens = new Map<string, Promise<ApiAnswer>>();
  private readonly timeoutMs: number;

  constructor(private readonly opts: GenesysApiOptions) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /**
   * A client-credentials token request (RFC 6749 4.4) as Genesys Cloud's login service takes
   * it: the client as HTTP Basic, each part form-encoded first (RFC 6749 2.3.1).
   */
  public clientCredentials(tokenUrl: string, clientId: string, secret: string): Promise<ApiAnswer> {
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64");
    return this.send(tokenUrl, {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: "grant_type=client_credentials",
    });
  }

  /** {@link clientCredentials}, asked once per token URL and client: later calls share the first answer. */
  public cachedClientCredentials(tokenUrl: string, clientId: string, secret: string): Promise<ApiAnswer> {
    const key = `${tokenUrl} ${clientId}`;
    let answer = this.tokens.get(key);
    if (!answer) {
      answer = this.clientCredentials(tokenUrl, clientId, secret);
      this.tokens.set(key, answer);
    }
    return answer;
  }

  public request(method: string, url: string, token: string, body?: unknown): Promise<ApiAnswer> {
    return this.send(url, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }

  public get(url: string, token: string): Promise<ApiAnswer> {
    return this.request("GET", url, token);
  }

  public postJson(url: string, token: string, body: unknown): Promise<ApiAnswer> {
    return this.request("POST", url, token, body);
  }

  private async send(url: string, init: RequestInit): Promise<ApiAnswer> {
    const origin = new URL(url).origin;
    // A bug, not a user error: callers build their URLs from the allowed origins.
    if (!this.opts.allowedOrigins.includes(origin)) throw new Error(`this client may only call ${this.opts.allowedOrigins.join(" and ")}, not ${origin}`);
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

/** The access token of a token answer, or undefined. */
export function accessTokenOf(answer: ApiAnswer): string | undefined {
  const token = answer.status === 200 && answer.body && typeof answer.body === "object" ? (answer.body as { access_token?: unknown }).access_token : undefined;
  return typeof token === "string" && token !== "" ? token : undefined;
}

/** "401 invalid_client: Invalid client credentials." / "404 not.found: ..." / "no answer (ECONNREFUSED)": never a header, a request or a secret. */
export function describeAnswer(answer: ApiAnswer): string {
  if (answer.status === 0) return `no answer (${answer.networkError})`;
  const body = answer.body as { error?: string; description?: string; error_description?: string; code?: string; message?: string } | undefined;
  if (body && typeof body === "object") {
    if (body.error) return `${answer.status} ${body.error}${body.description ?? body.error_description ? `: ${body.description ?? body.error_description}` : ""}`;
    if (body.code) return `${answer.status} ${body.code}${body.message ? `: ${String(body.message).slice(0, 200)}` : ""}`;
  }
  return `${answer.status}`;
}
