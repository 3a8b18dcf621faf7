import { randomUUID } from "crypto";
import { badRequest, notFound, Reply } from "./api-error";
import { factoryRoles } from "./factory-roles";
import { jsonBody, jsonObjectBody } from "./json-body";
import { OrgState, PermissionPolicy, roleFromFactory, RoleState } from "./org-state";
import { entityListing, pageOf } from "./paging";
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

/**
 * `GET /api/v2/authorization/roles`: `OrganizationRoleEntityListing`, sorted by name. Filters:
 * `name` (exact), `defaultRoleId`, `id`, `permission` (`domain:entity:action` held); paging by `pageSize` (≤ 500) and `pageNumber`.
 */
function list(req: AuthenticatedRequest): Reply {
  const page = pageOf(req.query, 25, 500);
  if ("error" in page) return page.error;
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
  return { status: 200, body: entityListing(ROLES_PATH, matching.map(roleBody), page) };
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

/** Fields of `Domainorganizationrolecreate` and `Domainorganizationroleupdate` a client may set. */
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

/** What a POST or PUT body sets of a role. */
interface RoleFields {
  readonly name: string;
  readonly description?: string;
  readonly permissions: string[];
  readonly permissionPolicies: PermissionPolicy[];
}

/**
 * A role body (`Domainorganizationrolecreate` / `Domainorganizationroleupdate`) validated: `name` required and unique
 * in the org (`self` is the role a PUT replaces); unknown fields 400; every policy's permissions must exist in the
 * catalogue and the org's products, else 400 `bad.request` "Permission policy not found: domain:entity:action".
 */
function roleFields(req: AuthenticatedRequest, model: string, self?: RoleState): { value: RoleFields } | { error: Reply } {
  const parsed = jsonObjectBody(req.headers, req.body);
  if ("error" in parsed) return parsed;
  const body = parsed.value;
  const fail = (message: string) => ({ error: badRequest(message) });
  const unknown = Object.keys(body).filter((k) => !ROLE_FIELDS.includes(k) && !ROLE_READ_ONLY.includes(k));
  if (unknown.length > 0) return fail(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for ${model}.`);
  if (typeof body.name !== "string" || body.name.trim() === "") return fail("name is required.");
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string") return fail("description must be a string.");
  if (body.permissions !== undefined && body.permissions !== null && !isStringArray(body.permissions)) return fail("permissions must be an array of strings.");
  const rawPolicies = body.permissionPolicies ?? [];
  if (!Array.isArray(rawPolicies)) return fail("permissionPolicies must be an array.");
  if (Object.values(req.org.roles).some((r) => r !== self && r.name === body.name)) return fail(`A role named ${body.name} already exists.`);
  const permissionPolicies: PermissionPolicy[] = [];
  for (const [i, raw] of rawPolicies.entries()) {
    const policy = policyFromBody(raw, i, req.org);
    if ("error" in policy) return policy;
    permissionPolicies.push(policy.value);
  }
  return {
    value: {
      name: body.name,
      ...(typeof body.description === "string" ? { description: body.description } : {}),
      permissions: isStringArray(body.permissions) ? [...body.permissions] : [],
      permissionPolicies,
    },
  };
}

/**
 * `POST /api/v2/authorization/roles` (`Domainorganizationrolecreate`): a new role, not a factory one
 * (`defaultRoleId` sent is ignored, as on PUT); answers `Domainorganizationrole` with its id.
 */
function create(req: AuthenticatedRequest): Reply {
  const fields = roleFields(req, "DomainOrganizationRoleCreate");
  if ("error" in fields) return fields.error;
  const role: RoleState = { id: randomUUID(), ...fields.value, default: false, base: false };
  req.org.roles[role.id] = role;
  return { status: 200, body: roleBody(role) };
}

/**
 * `PUT /api/v2/authorization/roles/{roleId}` (`Domainorganizationroleupdate`): replaces name, description,
 * permissions and permission policies; nothing is stored when the body is refused.
 */
function put(req: AuthenticatedRequest): Reply {
  const role = req.org.roles[req.params.roleId];
  if (!role) return roleNotFound(req.params.roleId);
  const fields = roleFields(req, "DomainOrganizationRoleUpdate", role);
  if ("error" in fields) return fields.error;
  role.name = fields.value.name;
  if (fields.value.description !== undefined) role.description = fields.value.description;
  else delete role.description;
  role.permissions = fields.value.permissions;
  role.permissionPolicies = fields.value.permissionPolicies;
  return { status: 200, body: roleBody(role) };
}

/**
 * `DELETE /api/v2/authorization/roles/{roleId}`: 204. A factory role cannot be deleted (the provider restores
 * it instead): 400, the role kept. A user who held a deleted role no longer shows it (`users.ts` reads roles by id).
 */
function remove(req: AuthenticatedRequest): Reply {
  const role = req.org.roles[req.params.roleId];
  if (!role) return roleNotFound(req.params.roleId);
  if (role.default) return badRequest(`Role ${role.name} is a default role; it cannot be deleted (restore it with PUT ${ROLES_PATH}/default).`);
  delete req.org.roles[role.id];
  return { status: 204 };
}

/** Fields of `Domainorganizationrole` an element of the restore body may carry; only `id` is read. */
const RESTORE_FIELDS = ["id", "name", "description", "defaultRoleId", "permissions", "unusedPermissions", "permissionPolicies", "userCount", "roleNeedsUpdate", "baseLicense", "addonLicenses", "dateLicenseLastUpdated", "base", "default", "selfUri"];

/**
 * `PUT /api/v2/authorization/roles/default`: a JSON list of roles (`Domainorganizationrole`, by `id`), each a
 * factory role, gets its factory name, description, permissions and policies back. The provider sends it when a
 * `genesyscloud_auth_role` with `default_role_id` is destroyed. Answers `OrganizationRoleEntityListing` of the
 * restored roles. Nothing changes when any element is refused.
 */
function restoreDefaults(req: AuthenticatedRequest): Reply {
  const parsed = jsonBody(req.headers, req.body);
  if ("error" in parsed) return parsed.error;
  const list = parsed.value;
  if (!Array.isArray(list)) return badRequest("The request body must be a JSON list of roles.");
  const roles: RoleState[] = [];
  for (const [i, raw] of list.entries()) {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return badRequest(`[${i}] must be a role object.`);
    const unknown = Object.keys(raw).filter((k) => !RESTORE_FIELDS.includes(k));
    if (unknown.length > 0) return badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} in [${i}] for DomainOrganizationRole.`);
    const id = (raw as Record<string, unknown>).id;
    if (typeof id !== "string" || id === "") return badRequest(`[${i}].id is required.`);
    const role = req.org.roles[id];
    if (!role) return roleNotFound(id);
    if (!role.default || role.defaultRoleId === undefined) return badRequest(`Role ${role.name} (${id}) is not a default role; only default roles can be restored.`);
    roles.push(role);
  }
  const factory = factoryRoles(req.org.products);
  const restored = roles.map((role) => roleFromFactory(factory.find((f) => f.defaultRoleId === role.defaultRoleId)!, role.id));
  for (const r of restored) {
    const clash = Object.values(req.org.roles).find((other) => other.id !== r.id && other.name === r.name);
    if (clash) return badRequest(`Role ${r.name} cannot be restored: the role ${clash.id} has its name.`);
  }
  for (const r of restored) req.org.roles[r.id] = r;
  return { status: 200, body: entityListing(ROLES_PATH, restored.map(roleBody), { pageSize: Math.max(restored.length, 1), pageNumber: 1 }) };
}

/**
 * `/api/v2/authorization/roles`: what `data.genesyscloud_auth_role`, `genesyscloud_auth_role` and a
 * `restapi_object` of a role read and write.
 */
export const roleRoutes: readonly Route[] = [
  { method: "GET", path: ROLES_PATH, auth: "bearer", handle: list },
  { method: "POST", path: ROLES_PATH, auth: "bearer", handle: create },
  { method: "PUT", path: `${ROLES_PATH}/default`, auth: "bearer", handle: restoreDefaults },
  { method: "GET", path: `${ROLES_PATH}/{roleId}`, auth: "bearer", handle: get },
  { method: "PUT", path: `${ROLES_PATH}/{roleId}`, auth: "bearer", handle: put },
  { method: "DELETE", path: `${ROLES_PATH}/{roleId}`, auth: "bearer", handle: remove },
];
