import { TerraformLocal, TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
import { DataGenesyscloudAuthorizationProduct } from "../.gen/providers/genesyscloud/data-genesyscloud-authorization-product";
import { DataRestapiObject } from "../.gen/providers/restapi/data-restapi-object";
import { ObjectResource } from "../.gen/providers/restapi/object-resource";
import { ROLES_PATH } from "../core/genesys/api-paths";
import { JOURNEY_AGENT_PERMISSIONS, JOURNEY_PRODUCT } from "../core/genesys/journey-permissions";
import type { IHybridOrg } from "./hybrid-org";
import { throwProblems } from "./validation";

export { JOURNEY_AGENT_PERMISSIONS, JOURNEY_PRODUCT };

const PERMISSION = /^[a-zA-Z]+:[a-zA-Z]+:[a-zA-Z]+$/;

export interface JourneyRoleGrantProps {
  /** The org whose role gets the permissions. */
  readonly org: IHybridOrg;

  /**
   * The role that gets the permissions. Users the PureEngage identity provider
   * auto-provisions get `employee`, which lacks Predictive Engagement permissions.
   *
   * @default "employee"
   */
  readonly roleName?: string;

  /**
   * The permissions granted, as `domain:entity:action`.
   *
   * @default JOURNEY_AGENT_PERMISSIONS
   */
  readonly permissions?: readonly string[];
}

/**
 * Grants Predictive Engagement permissions to an existing role, and nothing else.
 *
 * `genesyscloud_auth_role` would own the role's whole permission set (every plan
 * PUTs exactly the configured policies) and, for a factory role, restore the
 * factory defaults on destroy, wiping whatever an administrator added. So this is
 * a `restapi_object` on `PUT /api/v2/authorization/roles/{id}` whose body is the
 * role as it is read at plan time, with the permissions added:
 * - every permission the role holds is kept, including ones added by hand later;
 * - the role's permissions at the first deploy are remembered (`terraform_data`,
 *   its input frozen by `ignore_changes`), and destroy PUTs the role as it then is
 *   less only the permissions this grant added, so it returns to its own set;
 * - an org without the Journey product fails at plan time, before anything
 *   changes, on the `genesyscloud_authorization_product` look-up.
 *
 * Policies are sent with the fields the grant keeps (domain, entity, actions,
 * conditions): the permission list, name, description and default-role link of
 * the role are sent back as read.
 */
export class JourneyRoleGrant extends Construct {
  /** The permissions this grant ensures the role holds. */
  public readonly permissions: readonly string[];
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: JourneyRoleGrantProps) {
    super(scope, id);
    this.roleName = props.roleName ?? "employee";
    this.permissions = [...(props.permissions ?? JOURNEY_AGENT_PERMISSIONS)];
    this.validate();
    const org = props.org;

    const product = new DataGenesyscloudAuthorizationProduct(this, "journey-product", { provider: org.genesyscloudProvider, name: JOURNEY_PRODUCT });

    const role = new DataRestapiObject(this, "role", {
      provider: org.restapiProvider,
      path: ROLES_PATH,
      queryString: `name=${encodeURIComponent(this.roleName)}`,
      // The search's query string would otherwise be sent on the GET of the role itself too.
      readQueryString: "",
      searchKey: "name",
      searchValue: this.roleName,
      resultsKey: "entities",
      dependsOn: [product],
    });

    // The expressions below name each other by address, as plain text: cdktf leaves a token
    // that a string holds twice wrapped in a second "${...}", which Terraform refuses.
    const local = (name: string, expression: unknown) => `local.${new TerraformLocal(this, name, expression).friendlyUniqueId}`;
    const read = local("role-read", `\${jsondecode(data.restapi_object.${role.friendlyUniqueId}.api_response)}`);
    // Each policy reduced to what the grant keeps, so fields the server adds on read never show as a change.
    const policies = local(
      "policies",
      `\${[for p in ${read}.permissionPolicies : { domain = p.domain, entityName = p.entityName, actionSet = sort(distinct(p.actionSet)), ` +
        `allowConditions = lookup(p, "allowConditions", false), resourceConditionNode = lookup(p, "resourceConditionNode", null), ` +
        `namedResources = lookup(p, "namedResources", null) }]}`,
    );
    const held = local("held", `\${flatten([for p in ${policies} : [for a in p.actionSet : "\${p.domain}:\${p.entityName}:\${a}"]])}`);

    // terraform_data, without cdktf's DataResource: that class adds a validation that runs
    // `terraform version` once per resource at synthesis, ~0.1 s per tenant; the toolchain
    // already guarantees Terraform >= 1.5.
    const baseline = new TerraformResource(this, "baseline", { terraformResourceType: "terraform_data", lifecycle: { ignoreChanges: ["input"] } });
    baseline.addOverride("input", `\${${held}}`);

    const byEntity = (list: string) => `\${tomap({ for g in ${list} : join(":", slice(split(":", g), 0, 2)) => split(":", g)[2]... })}`;
    const granted = local("granted", [...this.permissions]);
    const grantedActions = local("granted-actions", byEntity(granted));
    const addedActions = local("added-actions", byEntity(`setsubtract(${granted}, terraform_data.${baseline.friendlyUniqueId}.output)`));
    const key = `"\${p.domain}:\${p.entityName}"`;
    const withGrant = local(
      "with-grant",
      `\${concat(` +
        `[for p in ${policies} : merge(p, { actionSet = sort(distinct(concat(p.actionSet, try(${grantedActions}[${key}], [])))) })], ` +
        `[for k, actions in ${grantedActions} : { domain = split(":", k)[0], entityName = split(":", k)[1], actionSet = sort(distinct(actions)), ` +
        `allowConditions = false, resourceConditionNode = null, namedResources = null } if !contains([for p in ${policies} : ${key}], k)])}`,
    );
    const withoutGrant = local(
      "without-grant",
      `\${[for p in ${policies} : merge(p, { actionSet = sort(setsubtract(p.actionSet, try(${addedActions}[${key}], []))) }) ` +
        `if length(setsubtract(p.actionSet, try(${addedActions}[${key}], []))) > 0]}`,
    );
    const body = (policyList: string) =>
      `\${jsonencode({ name = ${read}.name, description = lookup(${read}, "description", null), defaultRoleId = lookup(${read}, "defaultRoleId", null), ` +
      `permissions = lookup(${read}, "permissions", []), permissionPolicies = ${policyList} })}`;

    const rolePath = `${ROLES_PATH}/{id}`;
    // "Default" keeps the Terraform address the construct's own id: restapi_object.<id>.
    new ObjectResource(this, "Default", {
      provider: org.restapiProvider,
      path: ROLES_PATH,
      objectId: role.id,
      createMethod: "PUT",
      createPath: rolePath,
      readPath: rolePath,
      updateMethod: "PUT",
      updatePath: rolePath,
      destroyMethod: "PUT",
      destroyPath: rolePath,
      data: body(withGrant),
      destroyData: body(withoutGrant),
    });
  }

  private validate(): void {
    const problems: string[] = [];
    if (!Token.isUnresolved(this.roleName) && this.roleName.trim() === "") {
      problems.push(`roleName "${this.roleName}" is empty; name the role auto-provisioned users get, normally "employee".`);
    }
    if (this.permissions.length === 0) {
      problems.push(`permissions is empty; grant at least one, or leave it unset for ${JSON.stringify(JOURNEY_AGENT_PERMISSIONS)}.`);
    }
    for (const p of this.permissions) {
      if (!PERMISSION.test(p)) problems.push(`permissions has "${p}", which is not domain:entity:action; write e.g. "journey:session:view".`);
    }
    if (new Set(this.permissions).size !== this.permissions.length) {
      problems.push(`permissions ${JSON.stringify(this.permissions)} lists a permission twice; list each once.`);
    }
    throwProblems(this.node.path, problems);
  }
}
