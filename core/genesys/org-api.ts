import { tenantVariableNames } from "../contract/tenant-variables";
import { ExitCode, UserError } from "../user-error";
import { accessTokenOf, describeAnswer, GenesysApi } from "./api-client";
import { TOKEN_PATH } from "./api-paths";
import { urlOverride } from "./loopback";
import { regionEndpoints } from "./regions";

/** The org's Terraform admin client, as a deploy uses it (`TF_VAR_<tenant>_admin_client_id/secret`). */
interface AdminCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The Terraform variables a deploy reads the tenant's admin client from. */
function adminCredentialVariables(tenant: string): { readonly clientId: string; readonly clientSecret: string } {
  const names = tenantVariableNames(tenant);
  return { clientId: names.adminClientId, clientSecret: names.adminClientSecret };
}

/**
 * The admin client from the environment, as a deploy takes it (`TF_VAR_<tenant>_admin_client_id/secret`).
 *
 * @param reader the command that reads the org, named in the message
 * @throws UserError naming the variables that are missing.
 */
function adminCredentials(tenant: string, env: NodeJS.ProcessEnv, reader: string): AdminCredentials {
  const vars = adminCredentialVariables(tenant);
  const clientId = env[`TF_VAR_${vars.clientId}`];
  const clientSecret = env[`TF_VAR_${vars.clientSecret}`];
  const missing = [!clientId && `TF_VAR_${vars.clientId}`, !clientSecret && `TF_VAR_${vars.clientSecret}`].filter(Boolean);
  if (missing.length > 0) {
    throw new UserError(
      `tenant ${tenant}: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; ${reader} reads the org with the Terraform admin client a deploy uses: export both (README, "Deploying a tenant").`,
      ExitCode.Usage,
    );
  }
  return { clientId: clientId!, clientSecret: clientSecret! };
}

/**
 * Read-only Platform API access for the commands that check an org against its stack
 * (`hybrid adopt`, `hybrid drift`, `hybrid certs status --live`): a client-credentials token
 * for the tenant's admin client, then GETs, through the one API client (./api-client). It
 * never writes to the org. Messages name the tenant, the request and the fix, and never a secret.
 */
export class OrgApi {
  /** The tenant's org, with the admin client a deploy uses, read from `env`; `reader` is the command, named when they are missing. */
  static forTenant(tenant: { readonly name: string; readonly region: string }, env: NodeJS.ProcessEnv, reader: string): OrgApi {
    return new OrgApi(tenant.name, tenant.region, env, adminCredentials(tenant.name, env, reader), adminCredentialVariables(tenant.name));
  }

  private readonly api: GenesysApi;
  /** The region's API and login origins, or the loopback override (the sandbox). */
  private readonly apiOrigin: string;
  private readonly tokenUrl: string;

  /** The admin client's id (not a secret): adopt leaves that client out of the org's inventory. */
  get adminClientId(): string {
    return this.creds.clientId;
  }

  private constructor(
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
