import { badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { DivisionState, OrgState } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const DIVISIONS_PATH = "/api/v2/authorization/divisions";
export const HOME_DIVISION_PATH = `${DIVISIONS_PATH}/home`;

/** Fields of `Authzdivision` (platformclientv2/authzdivision.go) a client may set, and those it may send back unread. */
const DIVISION_FIELDS = ["name", "description"];
const DIVISION_READ_ONLY = ["id", "homeDivision", "objectCounts", "selfUri"];

/** `Authzdivision` as the API answers it. */
function divisionBody(d: DivisionState): Record<string, unknown> {
  return { id: d.id, name: d.name, ...(d.description !== undefined ? { description: d.description } : {}), homeDivision: d.homeDivision, selfUri: `${DIVISIONS_PATH}/${d.id}` };
}

/** The org's division `id`: the double's orgs have their home division only. */
function division(org: OrgState, id: string): DivisionState | undefined {
  return org.homeDivision.id === id ? org.homeDivision : undefined;
}

const divisionNotFound = (id: string) => notFound(`Division ${id} not found.`);

function getHome(req: AuthenticatedRequest): Reply {
  return { status: 200, body: divisionBody(req.org.homeDivision) };
}

/** `GET .../divisions/{divisionId}` (`objectCount` true or false; the double counts no objects). */
function get(req: AuthenticatedRequest): Reply {
  const objectCount = req.query.get("objectCount");
  if (objectCount !== null && objectCount !== "true" && objectCount !== "false") return badRequest("objectCount must be true or false.");
  const d = division(req.org, req.params.divisionId);
  return d ? { status: 200, body: divisionBody(d) } : divisionNotFound(req.params.divisionId);
}

/**
 * `PUT .../divisions/{divisionId}` (`Authzdivision`): replaces name and description. `genesyscloud_auth_division`
 * with `home = true` renames the home division so; `GET .../divisions/home` then answers the new name.
 */
function put(req: AuthenticatedRequest): Reply {
  const d = division(req.org, req.params.divisionId);
  if (!d) return divisionNotFound(req.params.divisionId);
  const parsed = jsonObjectBody(req.headers, req.body);
  if ("error" in parsed) return parsed.error;
  const body = parsed.value;
  const unknown = Object.keys(body).filter((k) => !DIVISION_FIELDS.includes(k) && !DIVISION_READ_ONLY.includes(k));
  if (unknown.length > 0) return badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for AuthzDivision.`);
  if (typeof body.name !== "string" || body.name.trim() === "") return badRequest("name is required.");
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string") return badRequest("description must be a string.");
  d.name = body.name;
  if (typeof body.description === "string") d.description = body.description;
  else delete d.description;
  return { status: 200, body: divisionBody(d) };
}

/** `/api/v2/authorization/divisions`: the home division, read (provider configure, `roles` without `division_id`) and renamed. */
export const divisionRoutes: readonly Route[] = [
  { method: "GET", path: HOME_DIVISION_PATH, auth: "bearer", handle: getHome },
  { method: "GET", path: `${DIVISIONS_PATH}/{divisionId}`, auth: "bearer", handle: get },
  { method: "PUT", path: `${DIVISIONS_PATH}/{divisionId}`, auth: "bearer", handle: put },
];
