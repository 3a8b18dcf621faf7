import { badRequest, Reply } from "./api-error";
import { entityListing, pageOf } from "./paging";
import { PERMISSION_CATALOGUE } from "./permission-catalogue";
import type { AuthenticatedRequest, Route } from "./route";

export const PERMISSIONS_PATH = "/api/v2/authorization/permissions";

/**
 * A domain's permissions as `DomainPermissionCollection` (platformclientv2/domainpermissioncollection.go):
 * `permissionMap` maps each entity to its `DomainPermission`s. Only `domain`, `entityType` and `action` are
 * answered: nothing on disk shows what the API puts in `label`, `allowsConditions` or `divisionAware`.
 */
function collection(domain: string, entities: Readonly<Record<string, readonly string[]>>): Record<string, unknown> {
  const permissionMap = Object.fromEntries(Object.entries(entities).map(([entityType, actions]) => [entityType, actions.map((action) => ({ domain, entityType, action }))]));
  return { id: domain, name: domain, domain, permissionMap };
}

/**
 * `GET /api/v2/authorization/permissions`: the org's permission catalogue as `PermissionCollectionEntityListing`,
 * one collection per domain, in catalogue order; a domain whose product the org lacks is not listed. The
 * genesyscloud provider asks for one domain at a time (`queryType=domain&query=directory`) before writing a
 * role, reads every collection's `permissionMap`, and `pageCount` to fetch the other pages.
 * `queryType=domain` takes a comma-separated list of domain names; without `queryType`, every domain is listed.
 */
function list(req: AuthenticatedRequest): Reply {
  const page = pageOf(req.query, 25, 500);
  if ("error" in page) return page.error;
  const queryType = req.query.get("queryType") ?? "";
  const query = req.query.get("query") ?? "";
  if (queryType !== "" && queryType !== "domain") {
    return badRequest(`queryType ${queryType} is not modelled by the Genesys Cloud double; add it to permissions.ts.`);
  }
  const wanted = queryType === "domain" ? new Set(query.split(",").map((d) => d.trim()).filter((d) => d !== "")) : undefined;
  const domains = Object.entries(PERMISSION_CATALOGUE)
    .filter(([domain, d]) => (!d.product || req.org.products.includes(d.product)) && (!wanted || wanted.has(domain)))
    .map(([domain, d]) => collection(domain, d.entities));
  const rest = queryType === "" ? "" : `queryType=${encodeURIComponent(queryType)}&query=${encodeURIComponent(query)}`;
  return { status: 200, body: entityListing(PERMISSIONS_PATH, domains, page, rest) };
}

/** What `genesyscloud_auth_role` reads to check a role's permission policies before writing it. */
export const permissionRoutes: readonly Route[] = [{ method: "GET", path: PERMISSIONS_PATH, auth: "bearer", handle: list }];
