import { Token } from "cdktf";
import type { Construct } from "constructs";
import { OauthClient, type OauthClientConfig } from "../.gen/providers/genesyscloud/oauth-client";
import { TOKEN_VALIDITY_SECONDS } from "../core/config/oauth-defaults";
import type { IHybridOrg } from "./hybrid-org";

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
export function oauthClientProblems(props: { readonly name?: string; readonly accessTokenValiditySeconds?: number }): string[] {
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

/**
 * The `genesyscloud_oauth_client` of either construct, its name and description from
 * `defaults` unless given. At "Default", so that its Terraform address is the construct's
 * own id (`genesyscloud_oauth_client.<id>`); its secret kept in state, since the
 * transaction object needs it; protected from destroy unless the props say otherwise.
 */
export function oauthClientResource(
  scope: Construct,
  props: OAuthClientProps,
  defaults: { readonly name: string; readonly description: string },
  grant: Pick<OauthClientConfig, "authorizedGrantType" | "roles" | "registeredRedirectUris" | "scopes">,
): OauthClient {
  return new OauthClient(scope, "Default", {
    provider: props.org.genesyscloudProvider,
    name: props.name ?? defaults.name,
    description: props.description ?? defaults.description,
    accessTokenValiditySeconds: props.accessTokenValiditySeconds ?? TOKEN_VALIDITY_SECONDS.default,
    ...grant,
    exposeClientSecret: true,
    lifecycle: { preventDestroy: props.preventDestroy ?? true },
  });
}

/** Terraform: whether the client's `client_secret` holds no secret (an adopted client's is null). Plain text: see JourneyRoleGrant. */
function noSecret(resource: OauthClient): string {
  const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}.client_secret`;
  return `(${address} == null || ${address} == "")`;
}

/**
 * The secret Terraform holds for the client, or null where it holds none: Genesys Cloud
 * answers a secret only to a client's creation, so an adopted (imported) client has none.
 */
export function clientSecretOrNull(resource: OauthClient): string {
  return Token.asString(`\${${noSecret(resource)} ? null : ${resource.terraformResourceType}.${resource.friendlyUniqueId}.client_secret}`);
}

/** Whether the client was adopted by import (Terraform holds no secret for it): a boolean that is not sensitive. */
export function adoptedByImport(resource: OauthClient): string {
  return `nonsensitive(${noSecret(resource)})`;
}
