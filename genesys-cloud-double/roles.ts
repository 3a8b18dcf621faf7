import { badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { OrgState, PermissionPolicy, RoleState } from "./org-state";
import { permissionProblem } from "./permission-catalogue";
import type { AuthenticatedRequest, Route } from "./route";

export const ROLES_PATH = "/api/v2/authorization/roles";

/** `Domainorganizationrole` as the API answers it. */
export function roleBody(role: RoleState): Record<string, unknown> {
  return {
    id: role.id,
    name: role.name,
    ...(role.description !== undefined ? { description: role.description } : {}),
    ...(role.defaultRoleId !== undefined ? { defaultRoleId: role.defaultRoleId } : {}),
    permissions: [...role.permissions],
    permissionPolicies: structuredClone(role.permissionPolicies),
    userCount: 0,
    default: role.default,
    base: role.base,
    selfUri: `${ROLES_PATH}/${role.id}`,
  };
}

/** A query parameter the SDK sends as `a,b` (its "multi" format joins with commas) or repeats: every non-empty value. */
function multi(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
}

function positiveInt(query: URLSearchParams, name: string, dflt: number, max: number): number | Reply {
  const raw = query.get(name);
  if (raw === null || raw === "") return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) return badRequest(`${name} must be an integer from 1 to ${max}.`);
  return n;
}

/**
 * `GET /api/v2/authorization/roles`: `OrganizationRoleEntityListing`, sorted by name. Filters:
 * `name` (exact), `defaultRoleId`, `id`, `permission` (`domain:entity:action` held); paging by `pageSize` (≤ 500) and `pageNumber`.
 */
function list(req: AuthenticatedRequest): Reply {
  const pageSize = positiveInt(req.query, "pageSize", 25, 500);
  if (typeof pageSize !== "number") return pageSize;
  const pageNumber = positiveInt(req.query, "pageNumber", 1, 1_000_000);
  if (typeof pageNumber !== "number") return pageNumber;
  const name = req.query.get("name") ?? "";
  const defaultRoleIds = multi(req.query, "defaultRoleId");
  const ids = multi(req.query, "id");
  const permissions = multi(req.query, "permission");
  const matching = Object.values(req.org.roles)
    .filter((r) => name === "" || r.name === name)
    .filter((r) => defaultRoleIds.length === 0 || (r.defaultRoleId !== undefined && defaultRoleIds.includes(r.defaultRoleId)))
    .filter((r) => ids.length === 0 || ids.includes(r.id))
    .filter((r) => permissions.every((p) => holdsPermission(r, p)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const total = matching.length;
  const pageCount = Math.ceil(total / pageSize);
  const entities = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(roleBody);
  const page = (n: number) => `${ROLES_PATH}?pageSize=${pageSize}&pageNumber=${n}`;
  return {
    status: 200,
    body: {
      entities,
      pageSize,
      pageNumber,
      total,
      firstUri: page(1),
      ...(pageNumber < pageCount ? { nextUri: page(pageNumber + 1) } : {}),
      ...(pageNumber > 1 ? { previousUri: page(pageNumber - 1) } : {}),
      lastUri: page(Math.max(pageCount, 1)),
      selfUri: page(pageNumber),
      pageCount,
    },
  };
}

function holdsPermission(role: RoleState, permission: string): boolean {
  const [domain, entity, action] = permission.split(":");
  return role.permissionPolicies.some(
    (p) => p.domain === domain && (p.entityName === "*" || p.entityName === entity) && (action === undefined || p.actionSet.includes("*") || p.actionSet.includes(action)),
  );
}

function roleNotFound(id: string): Reply {
  return notFound(`Role ${id} not found.`);
}

function get(req: AuthenticatedRequest): Reply {
  const role = req.org.roles[req.params.roleId];
  return role ? { status: 200, body: roleBody(role) } : roleNotFound(req.params.roleId);
}

/** Fields of `DomainOrganizationRoleUpdate` a client may set. */
const ROLE_FIELDS = ["name", "description", "permissions", "permissionPolicies"];
/** Fields a GET answers that a client may send back; ignored (a role's factory id cannot change). */
const ROLE_READ_ONLY = ["id", "selfUri", "defaultRoleId", "unusedPermissions", "userCount", "roleNeedsUpdate", "baseLicense", "addonLicenses", "dateLicenseLastUpdated", "base", "default"];
const POLICY_FIELDS = ["domain", "entityName", "policyName", "policyDescription", "actionSet", "namedResources", "allowConditions", "resourceConditionNode"];
/** Fields the API answers in a policy beyond the SDK model's; accepted and dropped. */
const POLICY_READ_ONLY = ["id", "actionSetKey"];

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** A policy of a PUT body, normalised to the model's fields, or the 400 naming what is wrong with it. */
function policyFromBody(raw: unknown, index: number, org: OrgState): { value: PermissionPolicy } | { error: Reply } {
  const at = `permissionPolicies[${index}]`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { error: badRequest(`${at} must be an object.`) };
  const p = raw as Record<string, unknown>;
  const unknown = Object.keys(p).filter((k) => !POLICY_FIELDS.includes(k) && !POLICY_READ_ONLY.includes(k));
  if (unknown.length > 0) return { error: badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} in ${at}.`) };
  if (typeof p.domain !== "string" || p.domain === "") return { error: badRequest(`${at}.domain is required.`) };
  if (typeof p.entityName !== "string" || p.entityName === "") return { error: badRequest(`${at}.entityName is required.`) };
  if (!isStringArray(p.actionSet) || p.actionSet.length === 0) return { error: badRequest(`${at}.actionSet must be a non-empty array of strings.`) };
  for (const field of ["policyName", "policyDescription"]) {
    if (p[field] !== undefined && p[field] !== null && typeof p[field] !== "string") return { error: badRequest(`${at}.${field} must be a string.`) };
  }
  if (p.namedResources !== undefined && p.namedResources !== null && !isStringArray(p.namedResources)) return { error: badRequest(`${at}.namedResources must be an array of strings.`) };
  if (p.allowConditions !== undefined && p.allowConditions !== null && typeof p.allowConditions !== "boolean") return { error: badRequest(`${at}.allowConditions must be a boolean.`) };
  const node = p.resourceConditionNode;
  if (node !== undefined && node !== null && (typeof node !== "object" || Array.isArray(node))) return { error: badRequest(`${at}.resourceConditionNode must be an object.`) };
  for (const action of p.actionSet) {
    // The API does not say why a permission is missing: an unknown one and one of a product the org lacks read the same.
    if (permissionProblem(p.domain, p.entityName, action, org.products)) {
      return { error: badRequest(`Permission policy not found: ${p.domain}:${p.entityName}:${action}`) };
    }
  }
  const value: PermissionPolicy = { domain: p.domain, entityName: p.entityName, actionSet: [...p.actionSet], allowConditions: (p.allowConditions as boolean | null | undefined) ?? false };
  if (typeof p.policyName === "string") value.policyName = p.policyName;
  if (typeof p.policyDescription === "string") value.policyDescription = p.policyDescription;
  if (isStringArray(p.namedResources)) value.namedResources = [...p.namedResources];
  if (node !== undefined && node !== null) value.resourceConditionNode = structuredClone(node as Record<string, unknown>);
  // the model's field order, so that responses read like the API's
  const ordered = Object.fromEntries(POLICY_FIELDS.filter((k) => (value as unknown as Record<string, unknown>)[k] !== undefined).map((k) => [k, (value as unknown as Record<string, unknown>)[k]]));
  return { value: ordered as unknown as PermissionPolicy };
}

/**
 * `PUT /api/v2/authorization/roles/{roleId}` (`DomainOrganizationRoleUpdate`): replaces name, description,
 * permissions and permission policies. Every policy's permissions must exist in the catalogue and the
 * org's products, else 400 `bad.request` "Permission policy not found: domain:entity:action"; nothing is stored then.
 */
function put(req: AuthenticatedRequest): Reply {
  const role = req.org.roles[req.params.roleId];
  if (!role) return roleNotFound(req.params.roleId);
  const parsed = jsonObjectBody(req.headers, req.body);
  if ("error" in parsed) return parsed.error;
  const body = parsed.value;
  const unknown = Object.keys(body).filter((k) => !ROLE_FIELDS.includes(k) && !ROLE_READ_ONLY.includes(k));
  if (unknown.length > 0) return badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for DomainOrganizationRoleUpdate.`);
  if (typeof body.name !== "string" || body.name.trim() === "") return badRequest("name is required.");
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string") return badRequest("description must be a string.");
  if (body.permissions !== undefined && body.permissions !== null && !isStringArray(body.permissions)) return badRequest("permissions must be an array of strings.");
  const rawPolicies = body.permissionPolicies ?? [];
  if (!Array.isArray(rawPolicies)) return badRequest("permissionPolicies must be an array.");
  const clash = Object.values(req.org.roles).find((r) => r.id !== role.id && r.name === body.name);
  if (clash) return badRequest(`A role named ${body.name} already exists.`);
  const policies: PermissionPolicy[] = [];
  for (const [i, raw] of rawPolicies.entries()) {
    const policy = policyFromBody(raw, i, req.org);
    if ("error" in policy) return policy.error;
    policies.push(policy.value);
  }
  role.name = body.name;
  if (typeof body.description === "string") role.description = body.description;
  else delete role.description;
  role.permissions = isStringArray(body.permissions) ? [...body.permissions] : [];
  role.permissionPolicies = policies;
  return { status: 200, body: roleBody(role) };
}

/** `/api/v2/authorization/roles`: what `data.genesyscloud_auth_role` and a `restapi_object` of a role read, and what updates a role. */
export const roleRoutes: readonly Route[] = [
  { method: "GET", path: ROLES_PATH, auth: "bearer", handle: list },
  { method: "GET", path: `${ROLES_PATH}/{roleId}`, auth: "bearer", handle: get },
  { method: "PUT", path: `${ROLES_PATH}/{roleId}`, auth: "bearer", handle: put },
];
