import { Token } from "cdktf";
import { Construct } from "constructs";
import { OauthClient, type OauthClientConfig } from "../.gen/providers/genesyscloud/oauth-client";
import { TOKEN_VALIDITY_SECONDS } from "../core/config/oauth-defaults";
import type { IHybridOrg } from "./hybrid-org";
import { throwProblems } from "./validation";

/** What both OAuth client constructs (PacingClient, Saml2BearerClient) take; each extends it with its grant's own settings. */
export interface OAuthClientProps {
  /** The org the client is created in. */
  readonly org: IHybridOrg;

  /**
   * The OAuth client's App Name in Admin > Integrations > OAuth.
   *
   * @default - the client's own: PACING_CLIENT_DEFAULTS.name, SAML2_BEARER_CLIENT_DEFAULTS.name (core/config/oauth-defaults)
   */
  readonly name?: string;

  /**
   * The OAuth client's description.
   *
   * @default - the client's own: PACING_CLIENT_DEFAULTS.description, SAML2_BEARER_CLIENT_DEFAULTS.description
   */
  readonly description?: string;

  /**
   * Token Duration: seconds until a token issued to the client expires, from 300 (5 minutes) to 172800 (48 hours).
   *
   * @default TOKEN_VALIDITY_SECONDS.default (86400)
   */
  readonly accessTokenValiditySeconds?: number;

  /**
   * Refuse to destroy the client (Terraform `prevent_destroy`). A new client has a new id
   * and secret, which its section of the transaction object must be retyped with.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The problems of the settings both OAuth client constructs share, each naming
 * the value received and the fix; unresolved tokens are left to the API.
 */
function oauthClientProblems(props: { readonly name?: string; readonly accessTokenValiditySeconds?: number }): string[] {
  const problems: string[] = [];
  if (props.name !== undefined && !Token.isUnresolved(props.name) && props.name.trim() === "") {
    problems.push(`name "${props.name}" is empty; give the OAuth client a name, or leave it unset for the default.`);
  }
  const seconds = props.accessTokenValiditySeconds;
  if (seconds !== undefined && !Token.isUnresolved(seconds) && !(Number.isInteger(seconds) && seconds >= TOKEN_VALIDITY_SECONDS.min && seconds <= TOKEN_VALIDITY_SECONDS.max)) {
    problems.push(
      `accessTokenValiditySeconds ${seconds} is out of range; use whole seconds from ${TOKEN_VALIDITY_SECONDS.min} (5 minutes) to ${TOKEN_VALIDITY_SECONDS.max} (48 hours), e.g. ${TOKEN_VALIDITY_SECONDS.default}.`,
    );
  }
  return problems;
}

/** The name and description a kind of client takes unless given. */
export interface OAuthClientDefaults {
  readonly name: string;
  readonly description: string;
}

/**
 * What both OAuth client constructs are: one `genesyscloud_oauth_client`, at "Default" so
 * that its Terraform address is the construct's own id (`genesyscloud_oauth_client.<id>`), its
 * secret kept in state (the transaction object needs it), protected from destroy unless the
 * props say otherwise. Each kind adds its grant and checks its own settings.
 */
export abstract class OAuthClientBase extends Construct {
  /** The client id: `client_id` of its section of the transaction object. */
  public readonly clientId: string;
  /** Its secret, `password` of its section: sensitive, kept in Terraform state. */
  public readonly clientSecret: string;
  /** Its secret, or null for a client adopted by import (`hybrid adopt`): Genesys Cloud shows a secret only at creation. */
  public readonly clientSecretOrNull: string;
  /** A Terraform boolean expression, not sensitive: whether the client was adopted by import (Terraform holds no secret for it). */
  public readonly adoptedByImport: string;
  private readonly resource: OauthClient;

  /** `problems` are the kind's own, found before any construct is made; the shared settings are checked here. */
  protected constructor(
    scope: Construct,
    id: string,
    props: OAuthClientProps,
    defaults: OAuthClientDefaults,
    problems: readonly string[],
    grant: Pick<OauthClientConfig, "authorizedGrantType" | "roles" | "registeredRedirectUris" | "scopes">,
  ) {
    super(scope, id);
    throwProblems(this.node.path, [...oauthClientProblems(props), ...problems]);
    this.resource = new OauthClient(this, "Default", {
      provider: props.org.genesyscloudProvider,
      name: props.name ?? defaults.name,
      description: props.description ?? defaults.description,
      accessTokenValiditySeconds: props.accessTokenValiditySeconds ?? TOKEN_VALIDITY_SECONDS.default,
      ...grant,
      exposeClientSecret: true,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.clientId = this.resource.id;
    this.clientSecret = this.resource.clientSecret;
    // Addresses as plain text, not tokens: see JourneyRoleGrant.
    const secret = `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}.client_secret`;
    const noSecret = `(${secret} == null || ${secret} == "")`;
    this.clientSecretOrNull = Token.asString(`\${${noSecret} ? null : ${secret}}`);
    this.adoptedByImport = `nonsensitive(${noSecret})`;
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
