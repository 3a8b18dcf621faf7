import { Token } from "cdktf";
import { Construct } from "constructs";
import { PACING_CLIENT_DEFAULTS } from "../core/config/oauth-defaults";
import { CLIENT_GRANT_TYPES } from "../core/contract/tenant-stack-contract";
import { OAuthClientBase, type OAuthClientProps } from "./oauth-client";

export interface PacingClientProps extends OAuthClientProps {
  /**
   * Roles granted to the client, each in the org's home division. The Terraform
   * admin client must hold every one of them (a Genesys Cloud rule).
   *
   * @default PACING_CLIENT_DEFAULTS.roles: ["admin"] (the seed's Roles tab)
   */
  readonly roles?: readonly string[];
}

/** The problems of a pacing client's roles, each naming the value and the fix. */
function roleProblems(roles: readonly string[]): string[] {
  const problems: string[] = [];
  if (roles.length === 0) problems.push("roles is empty; a Client Credentials client needs at least one role, e.g. [\"admin\"] as the seed grants.");
  for (const role of roles) {
    if (!Token.isUnresolved(role) && role.trim() === "") problems.push(`roles has an empty role name; name a Genesys Cloud role, e.g. "admin".`);
  }
  if (new Set(roles).size !== roles.length) problems.push(`roles ${JSON.stringify(roles)} names a role twice; list each role once.`);
  return problems;
}

/**
 * The Client Credentials OAuth client of the Agent Pacing Service: the `ewt`
 * section of the `hybrid_integration` transaction object.
 *
 * Its secret is returned by Genesys Cloud only when the client is created; the
 * genesyscloud provider keeps it in Terraform state (`expose_client_secret`), from
 * where {@link clientSecret} reads it as a sensitive value.
 */
export class PacingClient extends OAuthClientBase {
  constructor(scope: Construct, id: string, props: PacingClientProps) {
    const roles = props.roles ?? PACING_CLIENT_DEFAULTS.roles;
    const problems = roleProblems(roles);
    super(scope, id, props, PACING_CLIENT_DEFAULTS, problems, {
      authorizedGrantType: CLIENT_GRANT_TYPES.pacingClient,
      // Looked up only when the roles are sound: a bad name must not become a data source.
      roles: problems.length > 0 ? [] : roles.map((name) => ({ roleId: props.org.roleId(name), divisionId: props.org.homeDivisionId })),
    });
  }
}
