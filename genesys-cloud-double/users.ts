import { randomUUID } from "crypto";
import { badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { OrgState, RoleState, UserState } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const USERS_PATH = "/api/v2/users";
export const USERS_SEARCH_PATH = "/api/v2/users/search";
const USER_ROLES_PATH = "/api/v2/users/{userId}/roles";

/** Search types of `UserSearchCriteria`; the double answers `EXACT` only and names the others it refuses. */
const SEARCH_TYPES = [
  "EXACT", "CONTAINS", "STARTS_WITH", "REQUIRED_FIELDS", "RANGE", "DATE_RANGE", "LESS_THAN", "LESS_THAN_EQUAL_TO",
  "GREATER_THAN", "GREATER_THAN_EQUAL_TO", "QUERY_STRING", "MATCH_ALL", "TERM", "TERMS",
];
/** Fields an EXACT criterion may name in the double. */
const EXACT_FIELDS = ["id", "email", "username", "name"] as const;

/** `User` (platformclientv2/user.go) with the fields the double keeps. */
export function userBody(org: OrgState, user: UserState): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    division: { id: user.divisionId, name: org.homeDivision.name, selfUri: `/api/v2/authorization/divisions/${user.divisionId}` },
    email: user.email,
    state: user.state,
    username: user.username,
    version: user.version,
    acdAutoAnswer: false,
    selfUri: `${USERS_PATH}/${user.id}`,
  };
}

/** The org's user whose username or e-mail address is `email` (compared case-insensitively, as addresses are). */
export function userByEmail(org: OrgState, email: string): UserState | undefined {
  const wanted = email.toLowerCase();
  return Object.values(org.users ?? {}).find((u) => u.state !== "deleted" && (u.username.toLowerCase() === wanted || u.email.toLowerCase() === wanted));
}

/** Creates an active user in the home division holding `roles`: what auto-provisioning does. */
export function provisionUser(org: OrgState, email: string, roles: readonly RoleState[], now: number): UserState {
  const user: UserState = {
    id: randomUUID(),
    name: email,
    email,
    username: email,
    state: "active",
    divisionId: org.homeDivision.id,
    version: 1,
    roleIds: roles.map((r) => r.id),
    dateCreated: new Date(now).toISOString(),
  };
  (org.users ??= {})[user.id] = user;
  return user;
}

/** `UserAuthorization`: the user's roles (`DomainRole`), and the permissions they grant. */
function userAuthorization(org: OrgState, user: UserState): Record<string, unknown> {
  const roles = user.roleIds.map((id) => org.roles[id]).filter((r): r is RoleState => r !== undefined);
  const permissions = [...new Set(roles.flatMap((r) => r.permissionPolicies.flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`))))].sort();
  return { roles: roles.map((r) => ({ id: r.id, name: r.name })), unusedRoles: [], permissions };
}

function matches(user: UserState, criterion: { fields: string[]; values: string[] }): boolean {
  return criterion.fields.some((field) => {
    const value = user[field as (typeof EXACT_FIELDS)[number]];
    return criterion.values.some((v) => (field === "email" || field === "username" ? value.toLowerCase() === v.toLowerCase() : value === v));
  });
}

/**
 * `POST /api/v2/users/search` (`UserSearchRequest` → `UsersSearchResponse`): every criterion must
 * hold (`operator` AND, the API's default). The double implements `EXACT` on id, email, username and name.
 */
function search(req: AuthenticatedRequest): Reply {
  const parsed = jsonObjectBody(req.headers, req.body);
  if ("error" in parsed) return parsed.error;
  const body = parsed.value;
  const query = body.query;
  if (!Array.isArray(query) || query.length === 0) return badRequest("query is required: a list of UserSearchCriteria.");
  const pageSize = body.pageSize ?? 25;
  const pageNumber = body.pageNumber ?? 1;
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > 100) return badRequest("pageSize must be an integer from 1 to 100.");
  if (!Number.isInteger(pageNumber) || (pageNumber as number) < 1) return badRequest("pageNumber must be a positive integer.");
  const criteria: { fields: string[]; values: string[] }[] = [];
  for (const [i, c] of query.entries()) {
    if (c === null || typeof c !== "object") return badRequest(`query[${i}] must be an object.`);
    const { type, fields, value, values, operator } = c as Record<string, unknown>;
    if (typeof type !== "string" || !SEARCH_TYPES.includes(type)) return badRequest(`query[${i}].type must be one of ${SEARCH_TYPES.join(", ")}.`);
    if (type !== "EXACT") return badRequest(`query[${i}].type ${type} is not implemented by the Genesys Cloud double; add it to users.ts.`);
    if (operator !== undefined && operator !== "AND") return badRequest(`query[${i}].operator ${String(operator)} is not implemented by the Genesys Cloud double.`);
    if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => !(EXACT_FIELDS as readonly unknown[]).includes(f))) {
      return badRequest(`query[${i}].fields must name some of ${EXACT_FIELDS.join(", ")}.`);
    }
    const all = [...(typeof value === "string" ? [value] : []), ...(Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : [])];
    if (all.length === 0) return badRequest(`query[${i}] needs value or values.`);
    criteria.push({ fields: fields as string[], values: all });
  }
  const found = Object.values(req.org.users ?? {})
    .filter((u) => u.state !== "deleted" && criteria.every((c) => matches(u, c)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const size = pageSize as number;
  const number = pageNumber as number;
  return {
    status: 200,
    body: {
      total: found.length,
      pageCount: Math.ceil(found.length / size),
      pageSize: size,
      pageNumber: number,
      types: ["users"],
      results: found.slice((number - 1) * size, number * size).map((u) => userBody(req.org, u)),
    },
  };
}

function userOr404(req: AuthenticatedRequest): UserState | Reply {
  const user = req.org.users?.[req.params.userId];
  return user && user.state !== "deleted" ? user : notFound(`User ${req.params.userId} not found.`);
}

/** `GET /api/v2/users/{subjectId}/roles`: `UserAuthorization`. */
function getRoles(req: AuthenticatedRequest): Reply {
  const user = userOr404(req);
  if ("status" in user) return user;
  return { status: 200, body: userAuthorization(req.org, user) };
}

/** `PUT /api/v2/users/{subjectId}/roles` (a JSON array of role ids): replaces the user's roles; every id must be a role of the org. */
function putRoles(req: AuthenticatedRequest): Reply {
  const user = userOr404(req);
  if ("status" in user) return user;
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return badRequest(`Content-Type "${req.headers["content-type"] ?? ""}" is not supported; send application/json.`);
  let ids: unknown;
  try {
    ids = JSON.parse(req.body);
  } catch (err) {
    return badRequest(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) return badRequest("The body must be a list of role ids.");
  const unknown = (ids as string[]).filter((id) => !req.org.roles[id]);
  if (unknown.length > 0) return badRequest(`Role(s) ${unknown.join(", ")} not found.`);
  user.roleIds = [...new Set(ids as string[])];
  user.version += 1;
  return { status: 200, body: userAuthorization(req.org, user) };
}

/** The users the SAML2 Bearer grant provisions: searched by e-mail address, their roles read and replaced as an administrator would. */
export const userRoutes: readonly Route[] = [
  { method: "POST", path: USERS_SEARCH_PATH, auth: "bearer", handle: search },
  { method: "GET", path: USER_ROLES_PATH, auth: "bearer", handle: getRoles },
  { method: "PUT", path: USER_ROLES_PATH, auth: "bearer", handle: putRoles },
];
