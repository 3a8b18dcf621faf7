import { JOURNEY_AGENT_PERMISSIONS, type PermissionPolicy, roleHolds } from "../../../core/genesys/journey-permissions";
import { CheckResult, fail, pass, skipped } from "../check-result";
import { describeAnswer } from "../../../core/genesys/api-client";
import { ROLES_PATH } from "../../../core/genesys/api-paths";
import { DoctorTarget, deployCommand } from "../doctor-target";

const ID = "role-permissions";

/** The agent role (`general/default_agent_role_name`) holds every permission `JourneyRoleGrant` declares. */
export async function checkRolePermissions(target: DoctorTarget, token: string | undefined): Promise<CheckResult> {
  const roleName = target.outputs.options.general.default_agent_role_name;
  const title = `role ${roleName} holds every Journey permission of the role grant`;
  if (!token) return skipped(ID, title, "needs the ewt token, which failed");
  const url = new URL(`${ROLES_PATH}?name=${encodeURIComponent(roleName)}`, target.serviceUrl).href;
  const res = await target.http.get(url, token);
  const role = (res.body?.entities as { name?: string; permissionPolicies?: PermissionPolicy[] }[] | undefined)?.find((r) => r.name === roleName);
  if (res.status !== 200 || !role) {
    return fail(ID, title, `GET ${url}: ${res.status === 200 ? `no role named ${roleName}` : describeAnswer(res)}`, `general/default_agent_role_name must name a role of the org (employee); ${deployCommand(target)}`);
  }
  const missing = JOURNEY_AGENT_PERMISSIONS.filter((perm) => !roleHolds(role.permissionPolicies ?? [], perm));
  return missing.length === 0
    ? pass(ID, title, `${roleName} holds ${JOURNEY_AGENT_PERMISSIONS.join(", ")}`)
    : fail(
        ID,
        title,
        `${roleName} lacks ${missing.join(", ")} (of ${JOURNEY_AGENT_PERMISSIONS.length})`,
        `agents will not see the customer's journey: ${deployCommand(target)} grants them again (JourneyRoleGrant keeps every other permission of the role)`,
      );
}
