import { Token } from "cdktf";
import { Construct } from "constructs";
import { OauthClient } from "../.gen/providers/genesyscloud/oauth-client";
import { PACING_CLIENT_DEFAULTS } from "../core/config/oauth-defaults";
import { HybridOrg } from "./hybrid-org";
import { oauthClientProblems, oauthClientResource } from "./oauth-client-props";
import { throwProblems } from "./validation";

export interface PacingClientProps {
  /** The org the client is created in. */
  readonly org: HybridOrg;

  /**
   * The OAuth client's App Name in Admin > Integrations > OAuth.
   *
   * @default "PureEngage Client Credentials" (the seed's name)
   */
  readonly name?: string;

  /**
   * The OAuth client's description.
   *
   * @default "Agent Pacing Service (ewt) for Genesys Engage"
   */
  readonly description?: string;

  /**
   * Token Duration: seconds until a token issued to the pacing service expires,
   * from 300 (5 minutes) to 172800 (48 hours).
   *
   * @default 86400
   */
  readonly accessTokenValiditySeconds?: number;

  /**
   * Roles granted to the client, each in the org's home division. The Terraform
   * admin client must hold every one of them (a Genesys Cloud rule).
   *
   * @default ["admin"] (the seed's Roles tab)
   */
  readonly roles?: readonly string[];

  /**
   * Refuse to destroy the client (Terraform `prevent_destroy`). A new client has a
   * new id and secret, which `ewt/client_id` and `ewt/password` must be retyped with.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The Client Credentials OAuth client of the Agent Pacing Service: the `ewt`
 * section of the `hybrid_integration` transaction object.
 *
 * Its secret is returned by Genesys Cloud only when the client is created; the
 * genesyscloud provider keeps it in Terraform state (`expose_client_secret`), from
 * where {@link clientSecret} reads it as a sensitive value.
 */
export class PacingClient extends Construct {
  /** `ewt/client_id`. */
  public readonly clientId: string;
  /** `ewt/password`: sensitive, kept in Terraform state. */
  public readonly clientSecret: string;
  public readonly resource: OauthClient;

  constructor(scope: Construct, id: string, props: PacingClientProps) {
    super(scope, id);
    const roles = props.roles ?? PACING_CLIENT_DEFAULTS.roles;
    const problems = oauthClientProblems(props);
    if (roles.length === 0) {
      problems.push("roles is empty; a Client Credentials client needs at least one role, e.g. [\"admin\"] as the seed grants.");
    }
    for (const role of roles) {
      if (!Token.isUnresolved(role) && role.trim() === "") problems.push(`roles has an empty role name; name a Genesys Cloud role, e.g. "admin".`);
    }
    if (new Set(roles).size !== roles.length) {
      problems.push(`roles ${JSON.stringify(roles)} names a role twice; list each role once.`);
    }
    throwProblems(this.node.path, problems);

    this.resource = oauthClientResource(this, props, PACING_CLIENT_DEFAULTS, {
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roles: roles.map((name) => ({ roleId: props.org.roleId(name), divisionId: props.org.homeDivisionId })),
    });
    this.clientId = this.resource.id;
    this.clientSecret = this.resource.clientSecret;
  }
}
