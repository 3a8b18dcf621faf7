import { randomBytes, randomUUID } from "crypto";
import { apiError, badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { OAuthAuthority } from "./oauth";
import { GRANT_TYPES, GrantType, OAuthClientState, OrgState, RoleDivision } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const OAUTH_CLIENTS_PATH = "/api/v2/oauth/clients";

/** Token lifetime bounds of `accessTokenValiditySeconds` (5 minutes to 48 hours), and its default. */
export const MIN_TOKEN_SECONDS = 300;
export const MAX_TOKEN_SECONDS = 172800;
export const DEFAULT_TOKEN_SECONDS = 86400;

/** Grant types whose clients have a secret the login service checks (an implicit `TOKEN` client has none). */
const SECRET_GRANT_TYPES: readonly GrantType[] = ["CLIENT-CREDENTIALS", "SAML2-BEARER", "CODE", "PASSWORD"];

/** Fields of `Oauthclientrequest`. */
const REQUEST_FIELDS = ["name", "accessTokenValiditySeconds", "description", "registeredRedirectUri", "roleIds", "authorizedGrantType", "scope", "roleDivisions", "state", "dateToDelete"];
/** Fields of `Oauthclient` a GET answers that a client may send back; ignored. */
const READ_ONLY_FIELDS = ["id", "secret", "dateCreated", "dateModified", "createdBy", "modifiedBy", "selfUri"];
/** The model's field order, kept in answers so they read like the API's. */
const FIELD_ORDER = ["id", "name", "accessTokenValiditySeconds", "description", "registeredRedirectUri", "secret", "roleIds", "dateCreated", "dateModified", "createdBy", "modifiedBy", "authorizedGrantType", "scope", "roleDivisions", "state", "dateToDelete", "selfUri"];

/** A client as the API answers it; `secret` only in the answers of POST (create) and POST .../secret. */
export function clientBody(client: OAuthClientState, secret?: string): Record<string, unknown> {
  const all: Record<string, unknown> = { ...structuredClone(client), ...(secret !== undefined ? { secret } : {}) };
  return Object.fromEntries(FIELD_ORDER.filter((k) => all[k] !== undefined).map((k) => [k, all[k]]));
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const present = (v: unknown) => v !== undefined && v !== null;

interface ValidRequest {
  readonly name: string;
  readonly description?: string;
  readonly accessTokenValiditySeconds: number;
  readonly authorizedGrantType: GrantType;
  readonly registeredRedirectUri?: string[];
  readonly roleIds?: string[];
  readonly scope?: string[];
  readonly roleDivisions?: RoleDivision[];
  readonly state: "active" | "inactive";
  readonly dateToDelete?: string;
}

/** Whether `holder` holds `grant`: the same role in the same division, or the role in every division (`*`). */
function holds(holder: readonly RoleDivision[], grant: RoleDivision): boolean {
  return holder.some((h) => h.roleId === grant.roleId && (h.divisionId === "*" || h.divisionId === grant.divisionId));
}

/**
 * Validates an `Oauthclientrequest` like the API (400 `bad.request` for every rule but the role-grant one):
 * name required; authorizedGrantType one of CLIENT-CREDENTIALS, SAML2-BEARER, CODE, TOKEN, PASSWORD
 * (`SAML2BEARER`, which the provider's schema lets through as is, is refused); accessTokenValiditySeconds
 * an integer from 300 to 172800 (default 86400); state active or inactive (default active);
 * roleDivisions required for CLIENT-CREDENTIALS and refused for the other grants, each naming an existing
 * role and the home division or `*` (a missing divisionId is the home division); scope required for every grant
 * but CLIENT-CREDENTIALS, and refused for it.
 */
function validate(body: Record<string, unknown>, org: OrgState): { value: ValidRequest } | { error: Reply } {
  const fail = (message: string) => ({ error: badRequest(message) });
  const unknown = Object.keys(body).filter((k) => !REQUEST_FIELDS.includes(k) && !READ_ONLY_FIELDS.includes(k));
  if (unknown.length > 0) return fail(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for OAuthClientRequest.`);
  if (typeof body.name !== "string" || body.name.trim() === "") return fail("name is required.");
  if (present(body.description) && typeof body.description !== "string") return fail("description must be a string.");
  const grant = body.authorizedGrantType;
  if (typeof grant !== "string" || grant === "") return fail("authorizedGrantType is required.");
  if (!(GRANT_TYPES as readonly string[]).includes(grant)) return fail(`authorizedGrantType ${grant} is not valid; use one of ${GRANT_TYPES.join(", ")}.`);
  const grantType = grant as GrantType;
  const seconds = body.accessTokenValiditySeconds ?? DEFAULT_TOKEN_SECONDS;
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < MIN_TOKEN_SECONDS || seconds > MAX_TOKEN_SECONDS) {
    return fail(`accessTokenValiditySeconds must be between ${MIN_TOKEN_SECONDS} and ${MAX_TOKEN_SECONDS}.`);
  }
  const state = body.state ?? "active";
  if (state !== "active" && state !== "inactive") return fail("state must be active or inactive.");
  for (const field of ["registeredRedirectUri", "roleIds", "scope"]) {
    if (present(body[field]) && !isStringArray(body[field])) return fail(`${field} must be an array of strings.`);
  }
  if (present(body.dateToDelete) && (typeof body.dateToDelete !== "string" || Number.isNaN(Date.parse(body.dateToDelete)))) return fail("dateToDelete must be an ISO-8601 date.");
  const scope = body.scope as string[] | null | undefined;
  const rawGrants = body.roleDivisions ?? [];
  if (!Array.isArray(rawGrants)) return fail("roleDivisions must be an array.");
  const roleDivisions: RoleDivision[] = [];
  for (const [i, raw] of rawGrants.entries()) {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return fail(`roleDivisions[${i}] must be an object.`);
    const { roleId, divisionId } = raw as Record<string, unknown>;
    if (typeof roleId !== "string" || roleId === "") return fail(`roleDivisions[${i}].roleId is required.`);
    if (present(divisionId) && typeof divisionId !== "string") return fail(`roleDivisions[${i}].divisionId must be a string.`);
    const division = (divisionId as string | null | undefined) || org.homeDivision.id;
    if (!org.roles[roleId]) return fail(`Role ${roleId} not found.`);
    if (division !== "*" && division !== org.homeDivision.id) return fail(`Division ${division} not found.`);
    roleDivisions.push({ roleId, divisionId: division });
  }
  if (grantType === "CLIENT-CREDENTIALS") {
    if (roleDivisions.length === 0) return fail("roleDivisions are required for a client using the CLIENT-CREDENTIALS grant.");
    if (scope && scope.length > 0) return fail("scope only applies to clients not using the CLIENT-CREDENTIALS grant.");
  } else {
    if (roleDivisions.length > 0) return fail(`roleDivisions only apply to clients using the CLIENT-CREDENTIALS grant, not ${grantType}.`);
    if (!scope || scope.length === 0) return fail(`scope is required for a client using the ${grantType} grant.`);
  }
  return {
    value: {
      name: body.name,
      ...(typeof body.description === "string" ? { description: body.description } : {}),
      accessTokenValiditySeconds: seconds,
      authorizedGrantType: grantType,
      ...(isStringArray(body.registeredRedirectUri) ? { registeredRedirectUri: [...body.registeredRedirectUri] } : {}),
      ...(isStringArray(body.roleIds) ? { roleIds: [...body.roleIds] } : {}),
      ...(grantType !== "CLIENT-CREDENTIALS" ? { scope: [...scope!] } : {}),
      ...(grantType === "CLIENT-CREDENTIALS" ? { roleDivisions } : {}),
      state,
      ...(typeof body.dateToDelete === "string" ? { dateToDelete: body.dateToDelete } : {}),
    },
  };
}

/**
 * The caller must hold every role it grants, in the division it grants it in (a grant of its own in `*`
 * covers every division). Genesys Cloud refuses such a request as a permission problem of the caller, so
 * the double answers 403 `not.authorized`; the exact code of the real service is not documented in the SDK.
 * `already` are grants the client holds before a PUT: keeping them needs no check.
 */
function grantProblem(req: AuthenticatedRequest, grants: readonly RoleDivision[], already: readonly RoleDivision[] = []): Reply | undefined {
  const caller = req.org.oauthClients[req.clientId]?.roleDivisions ?? [];
  for (const grant of grants) {
    if (already.some((a) => a.roleId === grant.roleId && a.divisionId === grant.divisionId)) continue;
    if (!holds(caller, grant)) {
      const role = req.org.roles[grant.roleId];
      return apiError(403, "not.authorized", `You are not authorized to grant role ${role?.name ?? grant.roleId} (${grant.roleId}) in division ${grant.divisionId}: the requesting client does not hold it.`);
    }
  }
  return undefined;
}

const clientNotFound = (id: string) => notFound(`OAuth client ${id} not found.`);

/** The routes of `/api/v2/oauth/clients`, registering secrets with the login service. */
export function oauthClientRoutes(authority: OAuthAuthority, now: () => number): readonly Route[] {
  const isoNow = () => new Date(now()).toISOString();

  /** `POST /api/v2/oauth/clients`: creates the client and answers it with its secret (the only read of it but a regeneration). */
  function create(req: AuthenticatedRequest): Reply {
    const parsed = jsonObjectBody(req.headers, req.body);
    if ("error" in parsed) return parsed.error;
    const valid = validate(parsed.value, req.org);
    if ("error" in valid) return valid.error;
    const denied = grantProblem(req, valid.value.roleDivisions ?? []);
    if (denied) return denied;
    const id = randomUUID();
    const secret = randomBytes(32).toString("base64url");
    const date = isoNow();
    const by = { id: req.clientId, selfUri: `${OAUTH_CLIENTS_PATH}/${req.clientId}` };
    const client: OAuthClientState = { id, ...valid.value, dateCreated: date, dateModified: date, createdBy: by, modifiedBy: by, selfUri: `${OAUTH_CLIENTS_PATH}/${id}` };
    req.org.oauthClients[id] = client;
    if (SECRET_GRANT_TYPES.includes(client.authorizedGrantType)) authority.registerClient(req.org.id, id, secret);
    return { status: 200, body: clientBody(client, secret) };
  }

  /** `GET /api/v2/oauth/clients`: every client of the org on one page (`OAuthClientEntityListing`), no secret. */
  function list(req: AuthenticatedRequest): Reply {
    const entities = Object.values(req.org.oauthClients).sort((a, b) => a.name.localeCompare(b.name)).map((c) => clientBody(c));
    return {
      status: 200,
      body: { entities, pageSize: entities.length, pageNumber: 1, total: entities.length, firstUri: `${OAUTH_CLIENTS_PATH}?pageNumber=1`, lastUri: `${OAUTH_CLIENTS_PATH}?pageNumber=1`, selfUri: `${OAUTH_CLIENTS_PATH}?pageNumber=1`, pageCount: 1 },
    };
  }

  function get(req: AuthenticatedRequest): Reply {
    const client = req.org.oauthClients[req.params.clientId];
    return client ? { status: 200, body: clientBody(client) } : clientNotFound(req.params.clientId);
  }

  /**
   * `PUT /api/v2/oauth/clients/{clientId}`: replaces the client's settings; answers it without its secret.
   * The grant type may change in place: the genesyscloud provider's acceptance test (TestAccResourceOAuthClient,
   * step 3) turns a CLIENT-CREDENTIALS client into a CODE client with a PUT and expects it to succeed. The body is
   * checked against the new grant type, so the replaced settings drop what the new grant does not take
   * (roleDivisions when leaving CLIENT-CREDENTIALS, scope when entering it). The secret stays as it was.
   */
  function update(req: AuthenticatedRequest): Reply {
    const client = req.org.oauthClients[req.params.clientId];
    if (!client) return clientNotFound(req.params.clientId);
    const parsed = jsonObjectBody(req.headers, req.body);
    if ("error" in parsed) return parsed.error;
    const valid = validate(parsed.value, req.org);
    if ("error" in valid) return valid.error;
    const denied = grantProblem(req, valid.value.roleDivisions ?? [], client.roleDivisions);
    if (denied) return denied;
    const by = { id: req.clientId, selfUri: `${OAUTH_CLIENTS_PATH}/${req.clientId}` };
    const updated: OAuthClientState = { id: client.id, ...valid.value, dateCreated: client.dateCreated, dateModified: isoNow(), ...(client.createdBy ? { createdBy: client.createdBy } : {}), modifiedBy: by, selfUri: client.selfUri };
    req.org.oauthClients[client.id] = updated;
    return { status: 200, body: clientBody(updated) };
  }

  /** `DELETE /api/v2/oauth/clients/{clientId}`: only an inactive client (the provider deactivates it first); 204, its tokens revoked. */
  function remove(req: AuthenticatedRequest): Reply {
    const client = req.org.oauthClients[req.params.clientId];
    if (!client) return clientNotFound(req.params.clientId);
    if (client.state === "active") return badRequest("An active OAuth client cannot be deleted; set its state to inactive first.");
    delete req.org.oauthClients[client.id];
    authority.unregisterClient(client.id);
    return { status: 204 };
  }

  /** `POST /api/v2/oauth/clients/{clientId}/secret`: a new secret replaces the old one; answers the client with it. */
  function regenerateSecret(req: AuthenticatedRequest): Reply {
    const client = req.org.oauthClients[req.params.clientId];
    if (!client) return clientNotFound(req.params.clientId);
    if (!SECRET_GRANT_TYPES.includes(client.authorizedGrantType)) return badRequest(`A ${client.authorizedGrantType} client has no secret.`);
    const secret = randomBytes(32).toString("base64url");
    // A client made as TOKEN (no secret) and changed to a grant with one has none to replace yet.
    if (authority.hasSecret(client.id)) authority.replaceSecret(client.id, secret);
    else authority.registerClient(req.org.id, client.id, secret);
    client.dateModified = isoNow();
    return { status: 200, body: clientBody(client, secret) };
  }

  return [
    { method: "POST", path: OAUTH_CLIENTS_PATH, auth: "bearer", handle: create },
    { method: "GET", path: OAUTH_CLIENTS_PATH, auth: "bearer", handle: list },
    { method: "GET", path: `${OAUTH_CLIENTS_PATH}/{clientId}`, auth: "bearer", handle: get },
    { method: "PUT", path: `${OAUTH_CLIENTS_PATH}/{clientId}`, auth: "bearer", handle: update },
    { method: "DELETE", path: `${OAUTH_CLIENTS_PATH}/{clientId}`, auth: "bearer", handle: remove },
    { method: "POST", path: `${OAUTH_CLIENTS_PATH}/{clientId}/secret`, auth: "bearer", handle: regenerateSecret },
  ];
}
