import { Token } from "cdktf";
import type { Construct } from "constructs";
import { OauthClient, type OauthClientConfig } from "../.gen/providers/genesyscloud/oauth-client";
import { TOKEN_VALIDITY_SECONDS } from "../core/config/oauth-defaults";
import type { HybridOrg } from "./hybrid-org";

/** The settings both OAuth client constructs take. */
interface SharedClientProps {
  readonly org: HybridOrg;
  readonly name?: string;
  readonly description?: string;
  readonly accessTokenValiditySeconds?: number;
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
  props: SharedClientProps,
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
