import type { Reply } from "./api-error";
import { SamlProviderModel, singletonProviderRoutes } from "./identity-provider";
import type { OrgState, SamlProvider } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const IDENTITY_PROVIDERS_PATH = "/api/v2/identityproviders";
export const GENERIC_PATH = "/api/v2/identityproviders/generic";



const GENERIC_MODEL: SamlProviderModel = {
  model: "GenericSAML",
  id: "generic",
  path: GENERIC_PATH,
  stringFields: [
    "name", "issuerURI", "ssoTargetURI", "sloURI", "sloBinding", "relyingPartyIdentifier", "certificate",
    "logoImageData", "nameIdentifierFormat", "ssoBinding", "providerName", "metadataURL",
  ],
  booleanFields: ["disabled", "signAuthnRequests", "displayOnLogin", "forceAuthn", "endpointCompression"],
  fieldOrder: [
    "id", "name", "disabled", "issuerURI", "ssoTargetURI", "sloURI", "sloBinding", "relyingPartyIdentifier", "certificate", "certificates",
    "logoImageData", "nameIdentifierFormat", "ssoBinding", "signAuthnRequests", "providerName", "displayOnLogin", "metadataURL", "forceAuthn",
    "endpointCompression", "selfUri",
  ],
};

/** Every identity provider the org has, PureEngage first: what `GET /api/v2/identityproviders` lists. */
export function samlProviders(org: OrgState): SamlProvider[] {
  const { pureengage, generic } = org.identityProviders;
  return [pureengage, generic].filter((p): p is SamlProvider => p !== undefined);
}

/** `GET /api/v2/identityproviders`: `IdentityProviderEntityListing`, every provider on one page. */
function list(req: AuthenticatedRequest): Reply {
  const entities = structuredClone(samlProviders(req.org));
  return {
    status: 200,
    body: {
      entities,
      pageSize: entities.length,
      pageNumber: 1,
      total: entities.length,
      firstUri: `${IDENTITY_PROVIDERS_PATH}?pageSize=${entities.length}&pageNumber=1`,
      lastUri: `${IDENTITY_PROVIDERS_PATH}?pageSize=${entities.length}&pageNumber=1`,
      selfUri: `${IDENTITY_PROVIDERS_PATH}?pageSize=${entities.length}&pageNumber=1`,
      pageCount: 1,
    },
  };
}

/** The list of the org's identity providers, and the Generic SSO provider (read, written and deleted as an administrator would). */
export const identityProvidersRoutes: readonly Route[] = [
  { method: "GET", path: IDENTITY_PROVIDERS_PATH, auth: "bearer", handle: list },
  ...singletonProviderRoutes("generic", GENERIC_MODEL, "Generic SAML"),
];
