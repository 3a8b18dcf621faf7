import { clientCredentialsRequest } from "../../core/genesys/client-credentials";

/** What a test needs to act in an org outside Terraform, as an admin in the UI would. */
export interface ClientCredentials {
  readonly adminClientId: string;
  readonly adminClientSecret: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A minimal Platform API client (client credentials, Basic auth) for changing an
 * org behind Terraform's back: drift and out-of-band deletes in end-to-end tests.
 */
export class GenesysApiClient {
  private token?: string;

  constructor(private readonly baseUrl: string, private readonly creds: ClientCredentials) {}

  async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const token = await this.accessToken();
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const res = await fetch(`${this.baseUrl}/oauth/token`, clientCredentialsRequest(this.creds.adminClientId, this.creds.adminClientSecret));
    if (res.status !== 200) throw new Error(`token request failed with ${res.status}`);
    this.token = ((await res.json()) as { access_token: string }).access_token;
    return this.token;
  }
}
