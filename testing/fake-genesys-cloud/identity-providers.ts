import { badRequest, notFound, Reply } from "./api-error";
import { certificateProblem, PureEngageIdentityProvider } from "./identity-provider";
import { jsonObjectBody } from "./json-body";
import type { OrgState } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const IDENTITY_PROVIDERS_PATH = "/api/v2/identityproviders";
export const GENERIC_PATH = "/api/v2/identityproviders/generic";

/**
 * The `GenericSAML` model (platformclientv2/genericsaml.go): the "Generic SSO Provider" an
 * administrator configures in Admin > Single Sign-on. The double keeps it because a second
 * provider with the PureEngage provider's issuer is one of the seed's troubleshooting cases.
 */
export interface GenericSamlIdentityProvider {
  id: string;
  name?: string;
  disabled?: boolean;
  issuerURI: string;
  ssoTargetURI?: string;
  sloURI?: string;
  sloBinding?: string;
  relyingPartyIdentifier?: string;
  certificate?: string;
  certificates?: string[];
  logoImageData?: string;
  nameIdentifierFormat?: string;
  ssoBinding?: string;
  signAuthnRequests?: boolean;
  providerName?: string;
  displayOnLogin?: boolean;
  metadataURL?: string;
  forceAuthn?: boolean;
  endpointCompression?: boolean;
  selfUri: string;
}

/** Any SAML identity provider of the org, as the list answers it (`Samlprovider`). */
export type SamlProvider = PureEngageIdentityProvider | GenericSamlIdentityProvider;

const STRING_FIELDS = [
  "name", "issuerURI", "ssoTargetURI", "sloURI", "sloBinding", "relyingPartyIdentifier", "certificate",
  "logoImageData", "nameIdentifierFormat", "ssoBinding", "providerName", "metadataURL",
] as const;
const BOOLEAN_FIELDS = ["disabled", "signAuthnRequests", "displayOnLogin", "forceAuthn", "endpointCompression"] as const;
const READ_ONLY_FIELDS = ["id", "selfUri"] as const;

/** Every identity provider the org has, PureEngage first: what `GET /api/v2/identityproviders` lists. */
export function samlProviders(org: OrgState): SamlProvider[] {
  const { pureengage, generic } = org.identityProviders;
  return [pureengage, generic].filter((p): p is SamlProvider => p !== undefined);
}

function genericFromBody(body: Record<string, unknown>): { value: GenericSamlIdentityProvider } | { error: Reply } {
  const known = new Set<string>([...STRING_FIELDS, ...BOOLEAN_FIELDS, ...READ_ONLY_FIELDS, "certificates"]);
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (unknown.length > 0) return { error: badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for GenericSAML.`) };
  for (const field of STRING_FIELDS) {
    if (body[field] !== undefined && typeof body[field] !== "string") return { error: badRequest(`${field} must be a string.`) };
  }
  for (const field of BOOLEAN_FIELDS) {
    if (body[field] !== undefined && typeof body[field] !== "boolean") return { error: badRequest(`${field} must be a boolean.`) };
  }
  const certificates = body.certificates;
  if (certificates !== undefined && (!Array.isArray(certificates) || certificates.some((c) => typeof c !== "string"))) {
    return { error: badRequest("certificates must be an array of strings.") };
  }
  if (typeof body.issuerURI !== "string" || body.issuerURI.trim() === "") return { error: badRequest("issuerURI is required.") };
  const certificate = body.certificate as string | undefined;
  if (certificate === undefined && (certificates === undefined || certificates.length === 0)) return { error: badRequest("certificate is required.") };
  const problem =
    (certificate !== undefined ? certificateProblem("certificate", certificate) : undefined) ??
    (certificates as string[] | undefined)?.map((c, i) => certificateProblem(`certificates[${i}]`, c)).find((p) => p !== undefined);
  if (problem) return { error: badRequest(problem) };
  const stored: Record<string, unknown> = { id: "generic" };
  for (const [key, value] of Object.entries(body)) if (!(READ_ONLY_FIELDS as readonly string[]).includes(key)) stored[key] = value;
  stored.selfUri = GENERIC_PATH;
  return { value: structuredClone(stored) as unknown as GenericSamlIdentityProvider };
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

function getGeneric(req: AuthenticatedRequest): Reply {
  const idp = req.org.identityProviders.generic;
  return idp ? { status: 200, body: idp } : notFound("The Generic SAML identity provider does not exist.");
}

function putGeneric(req: AuthenticatedRequest): Reply {
  const body = jsonObjectBody(req.headers, req.body);
  if ("error" in body) return body.error;
  const idp = genericFromBody(body.value);
  if ("error" in idp) return idp.error;
  req.org.identityProviders.generic = idp.value;
  return { status: 200, body: idp.value };
}

function deleteGeneric(req: AuthenticatedRequest): Reply {
  if (!req.org.identityProviders.generic) return notFound("The Generic SAML identity provider does not exist.");
  delete req.org.identityProviders.generic;
  return { status: 200, body: {} };
}

/** The list of the org's identity providers, and the Generic SSO provider (read, written and deleted as an administrator would). */
export const identityProvidersRoutes: readonly Route[] = [
  { method: "GET", path: IDENTITY_PROVIDERS_PATH, auth: "bearer", handle: list },
  { method: "GET", path: GENERIC_PATH, auth: "bearer", handle: getGeneric },
  { method: "PUT", path: GENERIC_PATH, auth: "bearer", handle: putGeneric },
  { method: "DELETE", path: GENERIC_PATH, auth: "bearer", handle: deleteGeneric },
];
