import { createHash, randomBytes, timingSafeEqual } from "crypto";
import type { IncomingHttpHeaders } from "http";
import { apiError, Reply } from "./api-error";
import type { Route, RouteRequest } from "./route";

export const TOKEN_PATH = "/oauth/token";

/** A client with a secret: the org it belongs to and a digest of its secret (never the secret). */
interface RegisteredClient {
  readonly orgId: string;
  secretDigest: Buffer;
}

interface IssuedToken {
  readonly orgId: string;
  readonly clientId: string;
  readonly expiresAt: number;
  /** The user a grant in a user's context (SAML2 Bearer) issued it for. */
  readonly userId?: string;
}

/** What the token endpoint needs to know of a client beyond its secret; read from the org's state at each request. */
export interface ClientProfile {
  readonly authorizedGrantType: string;
  readonly state: string;
  readonly accessTokenValiditySeconds: number;
}

/** A client that presented its id and secret to the token endpoint, with its profile. */
export interface AuthenticatedClient {
  readonly orgId: string;
  readonly clientId: string;
  readonly profile: ClientProfile;
}

/**
 * A grant besides client credentials (`saml2-bearer.ts`): the token endpoint authenticates the
 * client (Basic or body credentials) first, then hands the form to the grant.
 */
export interface ExtensionGrant {
  readonly grantType: string;
  handle(form: URLSearchParams, client: AuthenticatedClient, authority: OAuthAuthority): Reply;
}

/** The OAuth error shape of Genesys Cloud's login service, which also names the text `description`. */
export function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
  return { status, body: { error, description, error_description: description }, headers: { "Cache-Control": "no-store", ...headers } };
}

const digest = (secret: string) => createHash("sha256").update(secret, "utf8").digest();

/** application/x-www-form-urlencoded decoding, as RFC 6749 2.3.1 asks of Basic credentials (golang.org/x/oauth2 escapes them so). */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/**
 * The login service: the clients of every org that have a secret, and the access
 * tokens it issued. A token names the org and client it was issued to; that is how
 * the API knows whose state a request reads and writes, and which grants it holds.
 */
export class OAuthAuthority {
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly opts: {
      readonly now: () => number;
      /** The client's grant type, state and token lifetime, from its org's state. */
      readonly profile: (orgId: string, clientId: string) => ClientProfile | undefined;
      /** Grants other than client credentials, by `grant_type`. */
      readonly extensionGrants?: readonly ExtensionGrant[];
    },
  ) {}

  registerClient(orgId: string, clientId: string, secret: string): void {
    if (this.clients.has(clientId)) throw new Error(`OAuth client ${clientId} already exists`);
    this.clients.set(clientId, { orgId, secretDigest: digest(secret) });
  }

  /** Replaces a client's secret (`POST /api/v2/oauth/clients/{id}/secret`); the old one stops working. */
  replaceSecret(clientId: string, secret: string): void {
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`OAuth client ${clientId} has no secret registered`);
    client.secretDigest = digest(secret);
  }

  /** Forgets a deleted client and revokes its tokens. */
  unregisterClient(clientId: string): void {
    this.clients.delete(clientId);
    for (const [token, issued] of this.tokens) if (issued.clientId === clientId) this.tokens.delete(token);
  }

  /** Whether the client has a secret registered (every client but an implicit-grant `TOKEN` client). */
  hasSecret(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  /** Whether `secret` is the client's current secret. */
  secretMatches(clientId: string, secret: string): boolean {
    const client = this.clients.get(clientId);
    return client !== undefined && timingSafeEqual(client.secretDigest, digest(secret));
  }

  /** The org whose client this is, when id and secret match. */
  authenticateClient(clientId: string, secret: string): string | undefined {
    return this.secretMatches(clientId, secret) ? this.clients.get(clientId)!.orgId : undefined;
  }

  issueToken(orgId: string, clientId: string, lifetimeSeconds: number, userId?: string): { token: string; expiresIn: number } {
    const now = this.opts.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
    const token = randomBytes(48).toString("base64url");
    this.tokens.set(token, { orgId, clientId, expiresAt: now + lifetimeSeconds * 1000, ...(userId !== undefined ? { userId } : {}) });
    return { token, expiresIn: lifetimeSeconds };
  }

  /**
   * The org and client of the request's bearer token, or the 401 Genesys Cloud answers:
   * `authentication.required` without a token, `bad.credentials` for an unknown, expired or revoked one.
   */
  authenticateBearer(headers: IncomingHttpHeaders): { orgId: string; clientId: string; userId?: string } | { error: Reply } {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
    if (!match) {
      return { error: apiError(401, "authentication.required", "No authentication bearer token specified in authorization header.") };
    }
    const issued = this.tokens.get(match[1]);
    if (!issued || issued.expiresAt <= this.opts.now()) {
      return { error: apiError(401, "bad.credentials", "Invalid login credentials.") };
    }
    return { orgId: issued.orgId, clientId: issued.clientId, ...(issued.userId !== undefined ? { userId: issued.userId } : {}) };
  }

  /** The clock tokens expire by (epoch ms), for grants that check time conditions. */
  now(): number {
    return this.opts.now();
  }

  /** `POST /oauth/token`: the client credentials grant, and the extension grants (SAML2 Bearer). */
  handleTokenRequest(req: RouteRequest): Reply {
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      return oauthError(400, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(req.body);
    const grantType = form.get("grant_type");
    const extension = this.opts.extensionGrants?.find((g) => g.grantType === grantType);
    if (grantType !== "client_credentials" && !extension) {
      const supported = ["client_credentials", ...(this.opts.extensionGrants ?? []).map((g) => g.grantType)].join(", ");
      return oauthError(400, "unsupported_grant_type", grantType ? `Grant type ${grantType} is not supported here; use one of ${supported}.` : "grant_type is required.");
    }
    const basic = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    const inBody = form.has("client_id") || form.has("client_secret");
    if (basic && inBody) {
      return oauthError(400, "invalid_request", "Client credentials were sent both in the Authorization header and in the body; use one.");
    }
    let clientId: string | undefined;
    let secret: string | undefined;
    if (basic) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon >= 0) {
        clientId = formDecode(decoded.slice(0, colon));
        secret = formDecode(decoded.slice(colon + 1));
      }
    } else if (inBody) {
      clientId = form.get("client_id") ?? undefined;
      secret = form.get("client_secret") ?? undefined;
    }
    const orgId = clientId !== undefined && secret !== undefined ? this.authenticateClient(clientId, secret) : undefined;
    const profile = orgId !== undefined && clientId !== undefined ? this.opts.profile(orgId, clientId) : undefined;
    if (orgId === undefined || clientId === undefined || profile === undefined) {
      return oauthError(401, "invalid_client", "Invalid client credentials.", basic ? { "WWW-Authenticate": 'Basic realm="oauth"' } : undefined);
    }
    if (profile.state !== "active") {
      return { ...oauthError(401, "invalid_client", `The client is ${profile.state}.`), orgId };
    }
    if (extension) return { ...extension.handle(form, { orgId, clientId, profile }, this), orgId };
    if (profile.authorizedGrantType !== "CLIENT-CREDENTIALS") {
      return { ...oauthError(400, "unauthorized_client", "The client is not authorized to use the client_credentials grant."), orgId };
    }
    const { token, expiresIn } = this.issueToken(orgId, clientId, profile.accessTokenValiditySeconds);
    return {
      status: 200,
      body: { access_token: token, token_type: "bearer", expires_in: expiresIn },
      headers: { "Cache-Control": "no-store" },
      orgId,
    };
  }

  routes(): readonly Route[] {
    return [{ method: "POST", path: TOKEN_PATH, auth: "none", handle: (req) => this.handleTokenRequest(req) }];
  }
}
