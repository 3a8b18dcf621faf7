import { randomBytes, randomUUID } from "crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";
import { apiError, notFound, Reply } from "./api-error";
import { divisionRoutes } from "./divisions";
import { FaultInjector, FaultKind, FaultPlan } from "./faults";
import { identityProviderRoutes } from "./identity-provider";
import { identityProvidersRoutes } from "./identity-providers";
import { CredentialFieldDigests, integrationCredentialRoutes } from "./integration-credentials";
import { OAuthAuthority } from "./oauth";
import { oauthClientRoutes } from "./oauth-clients";
import { cloneOrgState, IntegrationCredentialState, newOrgState, OAuthClientState, OrgState, PureEngageIdentityProvider, RoleState, roleByName, UserState } from "./org-state";
import { organizationRoutes } from "./organization";
import { permissionRoutes } from "./permissions";
import { RequestRecord, UnknownRequest } from "./request-log";
import { roleRoutes } from "./roles";
import { findRoute, Route, RouteRequest } from "./route";
import { saml2BearerGrant } from "./saml2-bearer";
import { userRoutes } from "./users";

export interface GenesysCloudDoubleOptions {
  /** The loopback port to listen on. @default 0 (one the OS picks) */
  readonly port?: number;
  /**
   * `accessTokenValiditySeconds` of the Terraform admin clients `addOrg` creates, i.e. the `expires_in` of their
   * tokens. Clients created through the API have their own. @default 86400 (Genesys Cloud's default)
   */
  readonly tokenLifetimeSeconds?: number;
  /** The clock tokens expire by, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Where the double reports what it does not know (an unknown request, an internal error), a line at a time. @default stderr */
  readonly report?: (line: string) => void;
}

export interface AddOrgProps {
  /** The organization id (a UUID in Genesys Cloud). */
  readonly id: string;
  readonly shortName: string;
  /** The Terraform admin OAuth client; generated when not given. */
  readonly adminClient?: { readonly id: string; readonly secret: string };
  /** Product ids of the org (`/api/v2/authorization/products`). @default ["botFlows", "journey", "voice"] (`DEFAULT_PRODUCTS`) */
  readonly products?: readonly string[];
  /**
   * Names of the factory roles (`admin`, `employee`) the admin client holds in the home division. Fewer than
   * the default shows the rule that a client must hold every role it grants. @default ["admin"]
   */
  readonly adminRoles?: readonly string[];
  /** The division the admin client holds `adminRoles` in: the home division, or every division (`*`). @default "home" */
  readonly adminRoleDivision?: "home" | "*";
  /** `defaultCountryCode` of `/api/v2/organizations/me`. @default "US" */
  readonly defaultCountryCode?: string;
  /**
   * Which certificates of a SAML identity provider verify an assertion: `listed`, its `certificate` and every one
   * of its `certificates` (the double's model); or `certificate-only`, as an org that stores the list but does not
   * honour it would. No Genesys document says which the real service does for PureEngage (README, "What Genesys Cloud is known to do with `certificates`").
   * @default "listed"
   */
  readonly samlCertificates?: "listed" | "certificate-only";
}

export interface OrgCredentials {
  readonly adminClientId: string;
  readonly adminClientSecret: string;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A Genesys Cloud API double on 127.0.0.1: the login service's client-credentials
 * token endpoint and the Platform API endpoints the project's Terraform uses, over
 * the in-memory state of several orgs. A request's org is the org of its access token.
 *
 * Unimplemented endpoints answer 404, are listed in {@link unknownRequests} and are
 * reported on stderr, so a missing endpoint shows up instead of being guessed.
 */
export class GenesysCloudDouble {
  /** Base URL, e.g. http://127.0.0.1:41234 (API and token endpoint both hang off it). */
  public readonly url: string;
  private readonly orgs = new Map<string, OrgState>();
  private readonly oauth: OAuthAuthority;
  private readonly adminTokenSeconds: number;
  private readonly now: () => number;
  private readonly routes: readonly Route[];
  private readonly faults = new FaultInjector();
  private readonly credentialDigests = new CredentialFieldDigests();
  private readonly log: RequestRecord[] = [];
  private readonly report: (line: string) => void;
  private readonly unknown: UnknownRequest[] = [];
  private seq = 0;

  static async start(opts: GenesysCloudDoubleOptions = {}): Promise<GenesysCloudDouble> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
    });
    return new GenesysCloudDouble(server, opts);
  }

  private constructor(private readonly server: Server, opts: GenesysCloudDoubleOptions) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.now = opts.now ?? Date.now;
    this.adminTokenSeconds = opts.tokenLifetimeSeconds ?? 86400;
    this.report = opts.report ?? ((line) => void process.stderr.write(line));
    this.oauth = new OAuthAuthority({
      now: this.now,
      profile: (orgId, clientId) => this.orgs.get(orgId)?.oauthClients[clientId],
      extensionGrants: [saml2BearerGrant({ orgByShortName: (name) => [...this.orgs.values()].find((o) => o.shortName === name) })],
    });
    this.routes = [
      ...this.oauth.routes(), ...organizationRoutes, ...divisionRoutes, ...roleRoutes, ...permissionRoutes, ...oauthClientRoutes(this.oauth, this.now), ...identityProviderRoutes,
      ...identityProvidersRoutes, ...userRoutes, ...integrationCredentialRoutes(this.credentialDigests, this.now),
    ];
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((err) => {
        this.report(`[genesys-cloud-double] internal error: ${(err as Error).stack ?? err}\n`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }

  /**
   * Creates an org (products, home division, factory roles `admin`, `employee` and `trustedUser`) with its
   * Terraform admin OAuth client (client credentials), which holds `adminRoles` in the home division.
   */
  addOrg(props: AddOrgProps): OrgCredentials {
    if (!props.id || !props.shortName) throw new Error("addOrg: id and shortName are required");
    if (this.orgs.has(props.id)) throw new Error(`addOrg: org ${props.id} already exists`);
    const org = newOrgState(props.id, props.shortName, { products: props.products, defaultCountryCode: props.defaultCountryCode, samlCertificates: props.samlCertificates });
    const roleDivisions = (props.adminRoles ?? ["admin"]).map((name) => {
      const role = roleByName(org, name);
      if (!role) throw new Error(`addOrg: no factory role ${name} (roles: ${Object.values(org.roles).map((r) => r.name).join(", ")})`);
      return { roleId: role.id, divisionId: props.adminRoleDivision === "*" ? "*" : org.homeDivision.id };
    });
    const adminClientId = props.adminClient?.id ?? randomUUID();
    const adminClientSecret = props.adminClient?.secret ?? randomBytes(32).toString("base64url");
    const date = new Date(this.now()).toISOString();
    this.oauth.registerClient(org.id, adminClientId, adminClientSecret);
    org.oauthClients[adminClientId] = {
      id: adminClientId,
      name: "Terraform admin",
      accessTokenValiditySeconds: this.adminTokenSeconds,
      dateCreated: date,
      dateModified: date,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions,
      state: "active",
      selfUri: `/api/v2/oauth/clients/${adminClientId}`,
    };
    this.orgs.set(org.id, org);
    return { adminClientId, adminClientSecret };
  }

  /** Copies of the org's OAuth clients (never a secret), the admin client among them. */
  oauthClients(orgId: string): OAuthClientState[] {
    return structuredClone(Object.values(this.org(orgId).oauthClients));
  }

  /** A copy of the org's role called `name`, or undefined. */
  role(orgId: string, name: string): RoleState | undefined {
    const role = roleByName(this.org(orgId), name);
    return role && structuredClone(role);
  }

  /** Whether `secret` is the current secret of the client (compared by digest; the double keeps no secret). */
  clientSecretMatches(clientId: string, secret: string): boolean {
    return this.oauth.secretMatches(clientId, secret);
  }

  /** A deep copy of the org's state (no secrets in it), for before/after comparisons. */
  snapshot(orgId: string): OrgState {
    return cloneOrgState(this.org(orgId));
  }

  /** A copy of the org's PureEngage identity provider, or undefined. */
  identityProvider(orgId: string): PureEngageIdentityProvider | undefined {
    const idp = this.org(orgId).identityProviders.pureengage;
    return idp && structuredClone(idp);
  }

  /** Copies of the org's users (auto-provisioned by the SAML2 Bearer grant), with the roles they hold. */
  users(orgId: string): UserState[] {
    return structuredClone(Object.values(this.org(orgId).users ?? {}));
  }

  /** Copies of the org's integration credentials: names and types, never a field value. */
  integrationCredentials(orgId: string): IntegrationCredentialState[] {
    return structuredClone(Object.values(this.org(orgId).integrationCredentials ?? {}));
  }

  /** Whether the credential's field (e.g. `clientSecret`) holds `value` (compared by digest; the double keeps no value). */
  credentialFieldMatches(credentialId: string, field: string, value: string): boolean {
    return this.credentialDigests.matches(credentialId, field, value);
  }

  /** Every request so far: method, path, status, header names, org, fault, duration (no secrets). */
  get requests(): readonly RequestRecord[] {
    return [...this.log];
  }

  /** Requests to endpoints the double does not implement. */
  get unknownRequests(): readonly UnknownRequest[] {
    return [...this.unknown];
  }

  /** Replaces the fault plan; `setFaults({})` clears it. */
  setFaults(plan: FaultPlan): void {
    this.faults.set(plan);
  }

  /** Injected faults not consumed yet. */
  faultsRemaining(): { rateLimit: number; unavailable: number } {
    return this.faults.remaining();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private org(orgId: string): OrgState {
    const org = this.orgs.get(orgId);
    if (!org) throw new Error(`no org ${orgId} in the fake Genesys Cloud (orgs: ${[...this.orgs.keys()].join(", ") || "none"})`);
    return org;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const seq = ++this.seq;
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const path = url.pathname;
    const body = await readBody(req);

    let reply: Reply;
    let orgId: string | undefined;
    let fault: FaultKind | undefined;
    const decision = this.faults.decide(method, path);
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));

    if (body === undefined) {
      reply = apiError(413, "request.entity.too.large", `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    } else if (decision.fault) {
      reply = decision.fault.reply;
      fault = decision.fault.kind;
    } else {
      const found = findRoute(this.routes, method, path);
      const routeReq: RouteRequest = { method, path, query: url.searchParams, headers: req.headers, body, params: found?.params ?? {} };
      const route = found?.route;
      if (!route) {
        reply = notFound(`No endpoint ${method} ${path}.`);
        this.unknown.push({ method, path, query: url.search });
        this.report(
          `\n[genesys-cloud-double] UNKNOWN REQUEST ${method} ${path}${url.search} -> 404. ` +
            `The double does not implement this endpoint: add it under genesys-cloud-double/ (a route and its org state), ` +
            `from the real API's documentation, rather than guessing.\n`,
        );
      } else if (route.auth === "none") {
        reply = route.handle(routeReq);
        orgId = reply.orgId;
      } else {
        const auth = this.oauth.authenticateBearer(req.headers);
        if ("error" in auth) {
          reply = auth.error;
        } else {
          orgId = auth.orgId;
          reply = route.handle({ ...routeReq, org: this.org(auth.orgId), clientId: auth.clientId });
        }
      }
    }

    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | undefined;
    if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers["Content-Type"] = "application/json; charset=UTF-8";
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const headerNames = req.rawHeaders.filter((_, i) => i % 2 === 0);
    this.log.push({ seq, method, path, status: reply.status, headerNames, ...(orgId ? { orgId } : {}), ...(fault ? { fault } : {}), durationMs });
  }
}

/** The request body as text, or undefined when it is larger than the API takes. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk as Buffer);
  }
  return tooLarge ? undefined : Buffer.concat(chunks).toString("utf8");
}
