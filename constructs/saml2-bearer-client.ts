import { Token } from "cdktf";
import { Construct } from "constructs";
import { HTTPS_URL, matches, OAUTH_SCOPE } from "../core/config/formats";
import { DEFAULT_SAML2_BEARER_SCOPES, SAML2_BEARER_CLIENT_DEFAULTS } from "../core/config/oauth-defaults";
import { CLIENT_GRANT_TYPES } from "../core/contract/tenant-stack-contract";
import { OAuthClientBase, type OAuthClientProps } from "./oauth-client";

export { DEFAULT_SAML2_BEARER_SCOPES };

export interface Saml2BearerClientProps extends OAuthClientProps {
  /**
   * Authorized redirect URIs (https).
   *
   * @default - the region's apps URL, e.g. https://apps.mypurecloud.ie (the seed's example)
   */
  readonly authorizedRedirectUris?: readonly string[];

  /**
   * Scopes of the Authorized Applications tab: what agents' tokens may do.
   *
   * @default DEFAULT_SAML2_BEARER_SCOPES: journey, users:readonly, organization:readonly
   */
  readonly scopes?: readonly string[];
}

/**
 * The SAML2 Bearer OAuth client of Workspace Desktop Edition: the `saml_auth`
 * section of the `hybrid_integration` transaction object. Workspace Desktop Edition
 * posts an assertion signed with the tenant's SAML key, with this client's id and
 * secret, and gets an agent's access token back.
 */
export class Saml2BearerClient extends OAuthClientBase {
  constructor(scope: Construct, id: string, props: Saml2BearerClientProps) {
    const redirectUris = props.authorizedRedirectUris ?? [props.org.endpoints.appsUrl];
    const scopes = props.scopes ?? SAML2_BEARER_CLIENT_DEFAULTS.scopes;
    const problems: string[] = [];
    if (redirectUris.length === 0) problems.push("authorizedRedirectUris is empty; list at least one https URL, or leave it unset for the region's apps URL.");
    for (const uri of redirectUris) {
      if (!Token.isUnresolved(uri) && !matches(HTTPS_URL, uri)) {
        problems.push(`authorizedRedirectUris has "${uri}", which is not an https URL; use e.g. ${props.org.endpoints.appsUrl}.`);
      }
    }
    if (scopes.length === 0) problems.push(`scopes is empty; a SAML2 Bearer client needs scopes, e.g. ${JSON.stringify(DEFAULT_SAML2_BEARER_SCOPES)}.`);
    for (const scope of scopes) {
      if (!Token.isUnresolved(scope) && !matches(OAUTH_SCOPE, scope)) problems.push(`scopes has "${scope}", which is not an OAuth scope; use names like journey or users:readonly.`);
    }
    super(scope, id, props, SAML2_BEARER_CLIENT_DEFAULTS, problems, {
      authorizedGrantType: CLIENT_GRANT_TYPES.saml2BearerClient,
      registeredRedirectUris: [...redirectUris],
      scopes: [...scopes],
    });
  }
}
