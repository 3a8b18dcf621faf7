import { regionEndpoints } from "../../core/genesys/regions";
import { accessTokenOf, describeAnswer, GenesysApi } from "../../core/genesys/api-client";
import { TOKEN_PATH } from "../../core/genesys/api-paths";
import { urlOverride } from "../../core/genesys/loopback";
import { ExitCode, UserError } from "../../core/user-error";

/** The org's Terraform admin client, as a deploy uses it (`TF_VAR_<tenant>_admin_client_id/secret`). */
export interface AdminCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * Read-only Platform API access for `hybrid adopt`: a client-credentials token for the
 * admin client, then GETs, through the one API client (core/genesys/api-client). It never
 * writes to the org. Messages name the tenant, the request and the fix, and never a secret.
 */
export class OrgApi {
  private readonly api: GenesysApi;
  /** The region's API and login origins, or the loopback override (the sandbox). */
  private readonly apiOrigin: string;
  private readonly tokenUrl: string;

  constructor(
    private readonly tenant: string,
    region: string,
    env: NodeJS.ProcessEnv,
    private readonly creds: AdminCredentials,
    private readonly credentialVariables: { readonly clientId: string; readonly clientSecret: string },
  ) {
    const override = urlOverride(env);
    const e = regionEndpoints(region);
    this.apiOrigin = override ?? e.apiUrl;
    this.tokenUrl = override ? `${override}${TOKEN_PATH}` : e.baseAuthUrl;
    this.api = new GenesysApi({ allowedOrigins: [...new Set([this.apiOrigin, new URL(this.tokenUrl).origin])], timeoutMs: 60_000 });
  }

  /** GET `path`; `undefined` for a 404 when `allowNotFound`. */
  async get<T>(path: string, opts: { allowNotFound?: boolean } = {}): Promise<T | undefined> {
    const answer = await this.api.get(`${this.apiOrigin}${path}`, await this.accessToken());
    if (answer.status === 404 && opts.allowNotFound) return undefined;
    if (answer.status === 0) throw this.unreachable(describeAnswer(answer));
    if (answer.status !== 200) {
      const hint =
        answer.status === 401 || answer.status === 403
          ? `the admin client (${this.credentialVariables.clientId}) lacks the permission; give it the admin role in the home division (README, "Deploying a tenant", step 1)`
          : "try again; if it persists, check the org in Genesys Cloud Admin";
      throw new UserError(`tenant ${this.tenant}: GET ${path} answered ${describeAnswer(answer)}; ${hint}.`, ExitCode.Failed);
    }
    if (typeof answer.body !== "object" || answer.body === null) {
      throw new UserError(`tenant ${this.tenant}: GET ${path} did not answer JSON; is ${this.apiOrigin} a Genesys Cloud API?`, ExitCode.Failed);
    }
    return answer.body as T;
  }

  private async accessToken(): Promise<string> {
    const answer = await this.api.cachedClientCredentials(this.tokenUrl, this.creds.clientId, this.creds.clientSecret);
    if (answer.status === 0) throw this.unreachable(describeAnswer(answer));
    if (answer.status !== 200) {
      throw new UserError(
        `tenant ${this.tenant}: ${this.tokenUrl} refused the admin client (${describeAnswer(answer)}); ` +
          `set TF_VAR_${this.credentialVariables.clientId} and TF_VAR_${this.credentialVariables.clientSecret} to the org's Terraform admin client (Client Credentials), as for a deploy.`,
        ExitCode.Failed,
      );
    }
    const token = accessTokenOf(answer);
    if (!token) throw new UserError(`tenant ${this.tenant}: ${this.tokenUrl} answered no access_token; is it a Genesys Cloud login service?`, ExitCode.Failed);
    return token;
  }

  private unreachable(why: string): UserError {
    return new UserError(`tenant ${this.tenant}: cannot reach ${this.apiOrigin} (${why}); check the network, the proxy and the tenant's region.`, ExitCode.Failed);
  }
}
