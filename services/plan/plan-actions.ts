/** What a resource change does, in the words of the summary's table. */
export type PlanAction = "create" | "update" | "replace" | "destroy" | "forget";

/**
 * Terraform's action list as one action: `["delete","create"]` and
 * `["create","delete"]` (create_before_destroy) are replaces; `no-op` and `read`
 * change nothing and give undefined.
 */
export function planAction(actions: readonly string[]): PlanAction | undefined {
  const key = actions.join(",");
  switch (key) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete,create":
    case "create,delete":
      return "replace";
    case "delete":
      return "destroy";
    case "forget":
      return "forget";
    default:
      return undefined;
  }
}
