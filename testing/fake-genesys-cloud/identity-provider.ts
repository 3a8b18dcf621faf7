import { X509Certificate } from "crypto";
import { badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { AuthenticatedRequest, Route } from "./route";

export const PUREENGAGE_PATH = "/api/v2/identityproviders/pureengage";
const PUREENGAGE_ID = "pureengage";

/**
 * The `PureEngage` model of the Platform API, with its JSON field names as the
 * Go SDK (mypurecloud/platform-client-sdk-go, platformclientv2/pureengage.go) names them.
 * `id` and `selfUri` are set by the server.
 */
export interface PureEngageIdentityProvider {
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
  autoProvisionUsers?: boolean;
  selfUri: string;
}

const STRING_FIELDS = [
  "name", "issuerURI", "ssoTargetURI", "sloURI", "sloBinding", "relyingPartyIdentifier", "certificate",
  "logoImageData", "nameIdentifierFormat", "ssoBinding", "providerName",
] as const;
const BOOLEAN_FIELDS = ["disabled", "signAuthnRequests", "displayOnLogin", "autoProvisionUsers"] as const;
/** Set by the server; a client may send them back (e.g. a GET body PUT again), they are ignored. */
const READ_ONLY_FIELDS = ["id", "selfUri"] as const;
/** The model's field order, kept in stored objects so responses read like the API's. */
const FIELD_ORDER = ["id", "name", "disabled", "issuerURI", "ssoTargetURI", "sloURI", "sloBinding", "relyingPartyIdentifier", "certificate", "certificates", "logoImageData", "nameIdentifierFormat", "ssoBinding", "signAuthnRequests", "providerName", "displayOnLogin", "autoProvisionUsers", "selfUri"];

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks a certificate value as the identity provider takes it: the base64 of
 * the DER certificate, i.e. cert.pem without its BEGIN/END lines (line breaks allowed).
 * @returns the problem, or undefined when it is an X.509 certificate.
 */
export function certificateProblem(field: string, value: string): string | undefined {
  if (value.includes("-----BEGIN")) {
    return `${field} must be the certificate's base64 body without the -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.`;
  }
  const compact = value.replace(/\s+/g, "");
  if (compact === "" || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    return `${field} is not base64.`;
  }
  const der = Buffer.from(compact, "base64");
  if (der.subarray(0, 10).toString("latin1") === "-----BEGIN") {
    return `${field} is a base64-encoded PEM file; send the PEM body itself (base64 of the DER certificate).`;
  }
  try {
    new X509Certificate(der);
  } catch (err) {
    return `${field} is not a DER-encoded X.509 certificate (${(err as Error).message}).`;
  }
  return undefined;
}

/** Validates a PUT body and builds the stored object, or names the first bad field in a 400. */
export function pureEngageFromBody(body: Record<string, unknown>): { value: PureEngageIdentityProvider } | { error: Reply } {
  const known = new Set<string>([...STRING_FIELDS, ...BOOLEAN_FIELDS, ...READ_ONLY_FIELDS, "certificates"]);
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    return { error: badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for PureEngage; known fields: ${[...known].join(", ")}.`) };
  }
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
  if (typeof body.issuerURI !== "string" || body.issuerURI.trim() === "") {
    return { error: badRequest("issuerURI is required.") };
  }
  const certificate = body.certificate as string | undefined;
  if (certificate === undefined && (certificates === undefined || certificates.length === 0)) {
    return { error: badRequest("certificate is required.") };
  }
  const problem =
    (certificate !== undefined ? certificateProblem("certificate", certificate) : undefined) ??
    (certificates as string[] | undefined)?.map((c, i) => certificateProblem(`certificates[${i}]`, c)).find((p) => p !== undefined);
  if (problem) return { error: badRequest(problem) };

  const stored: Record<string, unknown> = { id: PUREENGAGE_ID, selfUri: PUREENGAGE_PATH };
  for (const [key, value] of Object.entries(body)) {
    if (!(READ_ONLY_FIELDS as readonly string[]).includes(key)) stored[key] = value;
  }
  const ordered = Object.fromEntries(FIELD_ORDER.filter((k) => stored[k] !== undefined).map((k) => [k, stored[k]]));
  return { value: structuredClone(ordered) as unknown as PureEngageIdentityProvider };
}

function get(req: AuthenticatedRequest): Reply {
  const idp = req.org.identityProviders.pureengage;
  return idp ? { status: 200, body: idp } : notFound("The PureEngage identity provider does not exist.");
}

function put(req: AuthenticatedRequest): Reply {
  const body = jsonObjectBody(req.headers, req.body);
  if ("error" in body) return body.error;
  const idp = pureEngageFromBody(body.value);
  if ("error" in idp) return idp.error;
  req.org.identityProviders.pureengage = idp.value;
  return { status: 200, body: idp.value };
}

/** 200 with an empty object: the SDKs declare the response as `Empty` and parse it as JSON. */
function remove(req: AuthenticatedRequest): Reply {
  if (!req.org.identityProviders.pureengage) return notFound("The PureEngage identity provider does not exist.");
  delete req.org.identityProviders.pureengage;
  return { status: 200, body: {} };
}

/** `/api/v2/identityproviders/pureengage`: what the PureEngageIdp construct's restapi_object reads, writes and deletes. */
export const identityProviderRoutes: readonly Route[] = [
  { method: "GET", path: PUREENGAGE_PATH, auth: "bearer", handle: get },
  { method: "PUT", path: PUREENGAGE_PATH, auth: "bearer", handle: put },
  { method: "DELETE", path: PUREENGAGE_PATH, auth: "bearer", handle: remove },
];
