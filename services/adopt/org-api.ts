import { clientCredentialsRequest } from "../../core/genesys/client-credentials";
import { UserError } from "../../core/user-error";
import type { ApiEndpoint } from "../../core/genesys/api-endpoint";

/** The org's Terraform admin client, as a deploy uses it (`TF_VAR_<tenant>_admin_client_id/secret`). */
export interface AdminCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Read-only Platform API access for `hybrid adopt`: a client-credentials token for
 * the admin client, then GETs. It never writes to the org. Messages name the tenant,
 * the request and the fix, and never a secret.
 */
export class OrgApi {
  private token?: string;

  constructor(
    private readonly tenant: string,
    private readonly endpoint: ApiEndpoint,
    private readonly creds: AdminCredentials,
    private readonly credentialVariables: { readonly clientId: string; readonly clientSecret: string },
  ) {}

  /** GET `path`; `undefined` for a 404 when `allowNotFound`. */
  async get<T>(path: string, opts: { allowNotFound?: boolean } = {}): Promise<T | undefined> {
    const token = await this.accessToken();
    const url = `${this.endpoint.apiUrl}${path}`;
    const res = await this.send(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    if (res.status === 404 && opts.allowNotFound) return undefined;
    const text = await res.text();
    if (res.status !== 200) {
      const hint =
        res.status === 401 || res.status === 403
          ? `the admin client (${this.credentialVariables.clientId}) lacks the permission; give it the admin role in the home division (README, "Deploying a tenant", step 1)`
          : "try again; if it persists, check the org in Genesys Cloud Admin";
      throw new UserError(`tenant ${this.tenant}: GET ${path} answered ${res.status} ${apiMessage(text)}; ${hint}.`);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new UserError(`tenant ${this.tenant}: GET ${path} did not answer JSON; is ${this.endpoint.apiUrl} a Genesys Cloud API?`);
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await this.send(this.endpoint.tokenUrl, clientCredentialsRequest(this.creds.clientId, this.creds.clientSecret));
    const text = await res.text();
    if (res.status !== 200) {
      throw new UserError(
        `tenant ${this.tenant}: ${this.endpoint.tokenUrl} refused the admin client (${res.status} ${apiMessage(text)}); ` +
          `set TF_VAR_${this.credentialVariables.clientId} and TF_VAR_${this.credentialVariables.clientSecret} to the org's Terraform admin client (Client Credentials), as for a deploy.`,
      );
    }
    const token = (JSON.parse(text) as { access_token?: string }).access_token;
    if (!token) throw new UserError(`tenant ${this.tenant}: ${this.endpoint.tokenUrl} answered no access_token; is it a Genesys Cloud login service?`);
    this.token = token;
    return token;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new UserError(`tenant ${this.tenant}: cannot reach ${new URL(url).origin} (${(err as Error).message}); check the network, the proxy and the tenant's region.`);
    }
  }
}

/** The API's error message (`{"message": ...}`), or the code, short; never the request. */
function apiMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string; error?: string; code?: string };
    return JSON.stringify(body.message ?? body.error ?? body.code ?? "").slice(0, 200);
  } catch {
    return "";
  }
}
