import { X509Certificate } from "crypto";
import { badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { PureEngageIdentityProvider } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const PUREENGAGE_PATH = "/api/v2/identityproviders/pureengage";
const PUREENGAGE_ID = "pureengage";



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

/** What differs between the org's singleton SAML providers (PureEngage, Generic SSO): the model's name, id, path and fields. */
export interface SamlProviderModel {
  /** The SDK model's name, for error messages, e.g. `PureEngage`. */
  readonly model: string;
  readonly id: string;
  readonly path: string;
  readonly stringFields: readonly string[];
  readonly booleanFields: readonly string[];
  /** The model's field order, kept in stored objects so responses read like the API's. */
  readonly fieldOrder: readonly string[];
}

/** Validates a PUT body against `model` and builds the stored object, or names the first bad field in a 400. */
export function samlProviderFromBody<T>(body: Record<string, unknown>, model: SamlProviderModel): { value: T } | { error: Reply } {
  const known = new Set<string>([...model.stringFields, ...model.booleanFields, ...READ_ONLY_FIELDS, "certificates"]);
  const unknown = Object.keys(body).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    return { error: badRequest(`Unrecognized field(s) ${unknown.map((k) => `"${k}"`).join(", ")} for ${model.model}; known fields: ${[...known].join(", ")}.`) };
  }
  for (const field of model.stringFields) {
    if (body[field] !== undefined && typeof body[field] !== "string") return { error: badRequest(`${field} must be a string.`) };
  }
  for (const field of model.booleanFields) {
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

  const stored: Record<string, unknown> = { id: model.id, selfUri: model.path };
  for (const [key, value] of Object.entries(body)) {
    if (!(READ_ONLY_FIELDS as readonly string[]).includes(key)) stored[key] = value;
  }
  const ordered = Object.fromEntries(model.fieldOrder.filter((k) => stored[k] !== undefined).map((k) => [k, stored[k]]));
  return { value: structuredClone(ordered) as T };
}

const PUREENGAGE_MODEL: SamlProviderModel = {
  model: "PureEngage",
  id: PUREENGAGE_ID,
  path: PUREENGAGE_PATH,
  stringFields: STRING_FIELDS,
  booleanFields: BOOLEAN_FIELDS,
  fieldOrder: FIELD_ORDER,
};

/** Validates a PUT body of the PureEngage provider and builds the stored object, or names the first bad field in a 400. */
export function pureEngageFromBody(body: Record<string, unknown>): { value: PureEngageIdentityProvider } | { error: Reply } {
  return samlProviderFromBody<PureEngageIdentityProvider>(body, PUREENGAGE_MODEL);
}

/**
 * GET, PUT and DELETE of one of the org's singleton SAML providers, kept in
 * `org.identityProviders[key]`. DELETE answers 200 with an empty object: the SDKs
 * declare the response as `Empty` and parse it as JSON.
 */
export function singletonProviderRoutes(key: "pureengage" | "generic", model: SamlProviderModel, label: string): Route[] {
  const providers = (req: AuthenticatedRequest) => req.org.identityProviders as Record<string, unknown>;
  return [
    { method: "GET", path: model.path, auth: "bearer", handle: (req) => {
      const idp = providers(req)[key];
      return idp ? { status: 200, body: idp } : notFound(`The ${label} identity provider does not exist.`);
    } },
    { method: "PUT", path: model.path, auth: "bearer", handle: (req) => {
      const body = jsonObjectBody(req.headers, req.body);
      if ("error" in body) return body.error;
      const idp = samlProviderFromBody(body.value, model);
      if ("error" in idp) return idp.error;
      providers(req)[key] = idp.value;
      return { status: 200, body: idp.value };
    } },
    { method: "DELETE", path: model.path, auth: "bearer", handle: (req) => {
      if (!providers(req)[key]) return notFound(`The ${label} identity provider does not exist.`);
      delete providers(req)[key];
      return { status: 200, body: {} };
    } },
  ];
}

/** `/api/v2/identityproviders/pureengage`: what the PureEngageIdp construct's restapi_object reads, writes and deletes. */
export const identityProviderRoutes: readonly Route[] = singletonProviderRoutes("pureengage", PUREENGAGE_MODEL, "PureEngage");
