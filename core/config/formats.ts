/**
 * The forms of the values a tenant is made of, in one place: the tenants-file schema,
 * the constructs' own checks and `hybrid certs` all test against these, so a value
 * one of them accepts is never refused by another. Strings, since JSON Schema's
 * `pattern` takes a string; {@link matches} tests one.
 */

/** Tenant names name a Terraform stack, a state file, a PostgreSQL schema and certs/<tenant>/. */
export const TENANT_NAME = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";
/** `hybrid_<tenant>` must stay within PostgreSQL's 63-character names. */
export const TENANT_NAME_MAX_LENGTH = 40;

/** A Genesys Cloud organization id. */
export const ORGANIZATION_ID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** An organization short name: letters, digits and inner dashes, as a DNS label. */
export const ORGANIZATION_SHORT_NAME = "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";

/** `annex/organization_domain_suffix`: one DNS top-level domain. */
export const DOMAIN_SUFFIX = "^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$";

// JSON Schema's `format: uri` accepts oddities such as "mailto:x" or "https:" without a
// host; these insist on the scheme and the host that Genesys Cloud needs.
/** An https URL with a host (redirect URIs, SSO target). */
export const HTTPS_URL = "^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#]\\S*)?$";
/** A SAML issuer: an http(s) URL with a host, or a URN. */
export const ISSUER_URI = "^(https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#]\\S*)?|urn:[A-Za-z0-9][A-Za-z0-9-]{1,31}:\\S+)$";

/** Whether `value` has the form `pattern` (one of the above) describes. */
export function matches(pattern: string, value: string): boolean {
  return new RegExp(pattern).test(value);
}

/** An OAuth scope of a Genesys Cloud client, e.g. `journey` or `users:readonly`. */
export const OAUTH_SCOPE = "^[a-z][a-z0-9-]*(:[a-z]+)?$";
