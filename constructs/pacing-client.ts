import { Token } from "cdktf";
import { Construct } from "constructs";
import { OauthClient } from "../.gen/providers/genesyscloud/oauth-client";
import { PACING_CLIENT_DEFAULTS } from "../core/config/oauth-defaults";
import { adoptedByImport, clientSecretOrNull, oauthClientProblems, oauthClientResource, type OAuthClientProps } from "./oauth-client-props";
import { throwProblems } from "./validation";

export interface PacingClientProps extends OAuthClientProps {
  /**
   * Roles granted to the client, each in the org's home division. The Terraform
   * admin client must hold every one of them (a Genesys Cloud rule).
   *
   * @default ["admin"] (the seed's Roles tab)
   */
  readonly roles?: readonly string[];
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
  /** Its secret, or null for a client adopted by import (`hybrid adopt`): Genesys Cloud shows a secret only at creation. */
  public readonly clientSecretOrNull: string;
  /** A Terraform boolean expression, not sensitive: whether the client was adopted by import (Terraform holds no secret for it). */
  public readonly adoptedByImport: string;
  private readonly resource: OauthClient;

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
    this.clientSecretOrNull = clientSecretOrNull(this.resource);
    this.adoptedByImport = adoptedByImport(this.resource);
  }

  /**
   * Takes over the org's existing client `clientId` (made by hand; `hybrid adopt` found it)
   * by a Terraform import instead of creating one: it keeps its id, and its secret stays the
   * one the transaction object holds.
   */
  public adopt(clientId: string): void {
    this.resource.importFrom(clientId);
  }
}
