import { accessTokenOf, describeAnswer, GenesysApi } from "../../core/genesys/api-client";
import { TOKEN_PATH } from "../../core/genesys/api-paths";

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
 * A test's administrator changing an org behind Terraform's back (drift, out-of-band
 * deletes), through the one API client (core/genesys/api-client) at a double's base URL.
 */
export class GenesysApiClient {
  private readonly api: GenesysApi;

  constructor(
    private readonly baseUrl: string,
    private readonly creds: ClientCredentials,
  ) {
    this.api = new GenesysApi({ allowedOrigins: [new URL(baseUrl).origin] });
  }

  async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const answer = await this.api.request(method, `${this.baseUrl}${path}`, await this.accessToken(), body);
    return { status: answer.status, body: answer.body };
  }

  private async accessToken(): Promise<string> {
    const answer = await this.api.cachedClientCredentials(`${this.baseUrl}${TOKEN_PATH}`, this.creds.adminClientId, this.creds.adminClientSecret);
    const token = accessTokenOf(answer);
    if (!token) throw new Error(`token request failed: ${describeAnswer(answer)}`);
    return token;
  }
}
