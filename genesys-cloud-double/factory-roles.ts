import { grantablePermissions } from "./permission-catalogue";

/** `[domain, entity, actions]`: one permission policy of a factory role. */
export type PermissionGrant = readonly [string, string, readonly string[]];

/**
 * A factory (default) role as a new org has it, and as `PUT /api/v2/authorization/roles/default`
 * restores it. `defaultRoleId` is how the API and the genesyscloud provider name it.
 */
export interface FactoryRole {
  readonly defaultRoleId: string;
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly string[];
  readonly policies: readonly PermissionGrant[];
}

/** The factory `employee` role's permissions: a modest agent set, no Predictive Engagement permission. */
const EMPLOYEE_PERMISSIONS: readonly PermissionGrant[] = [
  ["directory", "user", ["view"]],
  ["routing", "queue", ["join", "view"]],
  ["conversation", "call", ["add", "record"]],
  ["conversation", "communication", ["view"]],
  ["analytics", "conversationDetail", ["view"]],
];

/**
 * The `trustedUser` role's permissions. The provider's TestAccResourceAuthRoleDefault keeps these three
 * when it rewrites the role ("Keep existing permissions on default role"); nothing on disk shows more.
 */
const TRUSTED_USER_PERMISSIONS: readonly PermissionGrant[] = [
  ["authorization", "orgTrusteeGroup", ["view"]],
  ["authorization", "orgTrusteeUser", ["view"]],
  ["authorization", "orgTrustor", ["view"]],
];

/**
 * The factory roles of an org with `products`: `admin` (every permission of its products), `employee`,
 * and `trustedUser` ("Trusted External User"), the ones the project and the provider's tests name.
 */
export function factoryRoles(products: readonly string[]): FactoryRole[] {
  return [
    { defaultRoleId: "admin", name: "admin", description: "Administrator", permissions: [], policies: grantablePermissions(products) },
    { defaultRoleId: "employee", name: "employee", description: "Employee", permissions: [], policies: EMPLOYEE_PERMISSIONS },
    { defaultRoleId: "trustedUser", name: "Trusted External User", description: "Trusted External User", permissions: [], policies: TRUSTED_USER_PERMISSIONS },
  ];
}
