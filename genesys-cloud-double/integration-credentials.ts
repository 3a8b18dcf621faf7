import { createHash, randomUUID, timingSafeEqual } from "crypto";
import { badRequest, notFound, Reply } from "./api-error";
import { jsonObjectBody } from "./json-body";
import type { IntegrationCredentialState } from "./org-state";
import type { AuthenticatedRequest, Route } from "./route";

export const INTEGRATION_CREDENTIALS_PATH = "/api/v2/integrations/credentials";

/**
 * The credential types the double knows, with the `credentialFields` each needs. Only the type the
 * genesyscloud provider sends is modelled: `pureCloudOAuthClient`, for `integration_credential_name` of
 * `genesyscloud_oauth_client`, with the client's id and secret (the two fields the provider fills in).
 */
const CREDENTIAL_TYPES: Readonly<Record<string, readonly string[]>> = {
  pureCloudOAuthClient: ["clientId", "clientSecret"],
};

/** Fields of `Credential` (platformclientv2/credential.go) a client may set, and those it may send back unread. */
const CREDENTIAL_FIELDS = ["name", "type", "credentialFields"];
const CREDENTIAL_READ_ONLY = ["id", "selfUri"];
/** Fields of `Credentialtype`; only `name` is read, the rest describe the type and are ignored. */
const TYPE_FIELDS = ["id", "name", "properties", "displayOrder", "required"];

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Digests of the credentials' field values, by credential id (ids are UUIDs, unique across orgs). The values
 * themselves are never kept, logged or answered: the API's answers carry the credential's name and type only.
 */
export class CredentialFieldDigests {
  private readonly byCredential = new Map<string, Map<string, Buffer>>();

  set(credentialId: string, fields: Readonly<Record<string, string>>): void {
    this.byCredential.set(credentialId, new Map(Object.entries(fields).map(([k, v]) => [k, digest(v)])));
  }

  forget(credentialId: string): void {
    this.byCredential.delete(credentialId);
  }

  /** Whether the credential's field `field` holds `value`. */
  matches(credentialId: string, field: string, value: string): boolean {
    const held = this.byCredential.get(credentialId)?.get(field);
    return held !== undefined && timingSafeEqual(held, digest(value));
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const unrecognized = (keys: readonly string[], where: string) => badRequest(`Unrecognized field(s) ${keys.map((k) => `"${k}"`).join(", ")} for ${where}.`);

/**
 * Validates a `Credential` body. Messages name fields, never a value: the values are secrets.
 */
function validate(body: Record<string, unknown>): { value: { name: string; typeName: string; fields: Record<string, string> } } | { error: Reply } {
  const unknown = Object.keys(body).filter((k) => !CREDENTIAL_FIELDS.includes(k) && !CREDENTIAL_READ_ONLY.includes(k));
  if (unknown.length > 0) return { error: unrecognized(unknown, "Credential") };
  if (typeof body.name !== "string" || body.name.trim() === "") return { error: badRequest("name is required.") };
  if (!isPlainObject(body.type)) return { error: badRequest("type is required.") };
  const typeUnknown = Object.keys(body.type).filter((k) => !TYPE_FIELDS.includes(k));
  if (typeUnknown.length > 0) return { error: unrecognized(typeUnknown, "CredentialType") };
  const typeName = body.type.name;
  if (typeof typeName !== "string" || typeName === "") return { error: badRequest("type.name is required.") };
  const wanted = CREDENTIAL_TYPES[typeName];
  if (!wanted) return { error: badRequest(`Credential type ${typeName} is not modelled by the double (integration-credentials.ts knows ${Object.keys(CREDENTIAL_TYPES).join(", ")}).`) };
  if (!isPlainObject(body.credentialFields)) return { error: badRequest("credentialFields is required.") };
  const fields = body.credentialFields;
  const extra = Object.keys(fields).filter((k) => !wanted.includes(k));
  if (extra.length > 0) return { error: badRequest(`credentialFields ${extra.map((k) => `"${k}"`).join(", ")} are not fields of a ${typeName} credential.`) };
  for (const field of Object.keys(fields)) {
    if (typeof fields[field] !== "string") return { error: badRequest(`credentialFields.${field} must be a string.`) };
  }
  const missing = wanted.filter((k) => typeof fields[k] !== "string" || fields[k] === "");
  if (missing.length > 0) return { error: badRequest(`credentialFields ${missing.join(", ")} required for a ${typeName} credential.`) };
  return { value: { name: body.name, typeName, fields: fields as Record<string, string> } };
}

/** `Credentialinfo` as POST answers it. */
function infoBody(c: IntegrationCredentialState): Record<string, unknown> {
  return { id: c.id, name: c.name, createdDate: c.createdDate, modifiedDate: c.modifiedDate, type: { name: c.typeName }, selfUri: `${INTEGRATION_CREDENTIALS_PATH}/${c.id}` };
}

const credentialNotFound = (id: string) => notFound(`Credential ${id} not found.`);

/**
 * `/api/v2/integrations/credentials`: what `genesyscloud_oauth_client` sends for `integration_credential_name`
 * (create with the new client's id and secret; on a later update without the name, GET then DELETE).
 */
export function integrationCredentialRoutes(digests: CredentialFieldDigests, now: () => number): readonly Route[] {
  /** `POST`: stores the credential (its field values as digests only) and answers `Credentialinfo`. */
  function create(req: AuthenticatedRequest): Reply {
    const parsed = jsonObjectBody(req.headers, req.body, { carriesSecrets: true });
    if ("error" in parsed) return parsed.error;
    const valid = validate(parsed.value);
    if ("error" in valid) return valid.error;
    const date = new Date(now()).toISOString();
    const credential: IntegrationCredentialState = { id: randomUUID(), name: valid.value.name, typeName: valid.value.typeName, fieldNames: Object.keys(valid.value.fields), createdDate: date, modifiedDate: date };
    req.org.integrationCredentials ??= {};
    req.org.integrationCredentials[credential.id] = credential;
    digests.set(credential.id, valid.value.fields);
    return { status: 200, body: infoBody(credential) };
  }

  /** `GET .../{credentialId}`: `Credential` with its name and type, never the field values. */
  function get(req: AuthenticatedRequest): Reply {
    const c = req.org.integrationCredentials?.[req.params.credentialId];
    if (!c) return credentialNotFound(req.params.credentialId);
    return { status: 200, body: { id: c.id, name: c.name, type: { name: c.typeName }, selfUri: `${INTEGRATION_CREDENTIALS_PATH}/${c.id}` } };
  }

  function remove(req: AuthenticatedRequest): Reply {
    const c = req.org.integrationCredentials?.[req.params.credentialId];
    if (!c) return credentialNotFound(req.params.credentialId);
    delete req.org.integrationCredentials![c.id];
    digests.forget(c.id);
    return { status: 204 };
  }

  return [
    { method: "POST", path: INTEGRATION_CREDENTIALS_PATH, auth: "bearer", handle: create },
    { method: "GET", path: `${INTEGRATION_CREDENTIALS_PATH}/{credentialId}`, auth: "bearer", handle: get },
    { method: "DELETE", path: `${INTEGRATION_CREDENTIALS_PATH}/{credentialId}`, auth: "bearer", handle: remove },
  ];
}
