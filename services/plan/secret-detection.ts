/**
 * What counts as secret in a plan summary. A summary is posted to a pull request,
 * readable by everyone who reads the repository, so anything that may be a secret
 * is left out whole: never shortened, never partially shown.
 */

/** Attribute names whose values are credentials. `token` alone, see {@link isSecretName}. */
const SECRET_NAME = /secret|passw(or)?d|pkey|private[_-]?key|credential/i;
const TOKEN_NAME = /token/i;

/**
 * Whether an attribute called `name` holding `value` is a credential by its name.
 * Names with "token" are secrets unless the value is a number: Genesys Cloud's
 * `access_token_validity_seconds` is a duration, and a number is no bearer token.
 */
export function isSecretName(name: string, value: unknown): boolean {
  if (SECRET_NAME.test(name)) return true;
  return TOKEN_NAME.test(name) && typeof value !== "number";
}

/** A PEM boundary, built so no source file holds a literal key header. */
const PEM_BOUNDARY = new RegExp(["-----", "BEGIN"].join(""));
/**
 * Random-looking base64 or base64url: 32 or more characters of the alphabet with
 * upper- and lower-case letters and digits all present. Paths and slugs such as
 * `/api/v2/identityproviders/pureengage` have no capitals; UUIDs break at dashes
 * every few characters only when dashes are excluded, so dashes are not in the run.
 */
const BASE64_RUN = /[A-Za-z0-9+/_]{32,}={0,2}/g;
/** Long hexadecimal strings (digests, hex-encoded keys). */
const HEX_RUN = /[0-9a-fA-F]{32,}/;

/** Whether a string looks like key material: a PEM block, long base64 or hex. */
export function looksLikeKeyMaterial(text: string): boolean {
  if (PEM_BOUNDARY.test(text) || HEX_RUN.test(text)) return true;
  for (const run of text.match(BASE64_RUN) ?? []) {
    if (/[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) return true;
  }
  // base64url secrets (e.g. Genesys Cloud client secrets) mix in dashes: check without them too.
  for (const run of text.replace(/-/g, "").match(BASE64_RUN) ?? []) {
    if (run.length >= 40 && /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run)) return true;
  }
  return false;
}

/**
 * Whether the mask `sensitive` (Terraform's `before_sensitive`/`after_sensitive`:
 * `true`, or an object/array of the value's shape) marks `path` or one of its parents.
 */
export function isSensitiveAt(sensitive: unknown, path: readonly (string | number)[]): boolean {
  let mask = sensitive;
  for (const key of path) {
    if (mask === true) return true;
    if (typeof mask !== "object" || mask === null) return false;
    mask = (mask as Record<string | number, unknown>)[key];
  }
  return mask === true;
}

/**
 * Every string (and number) of `value` that `sensitive` marks, so the renderer can
 * make sure none of them appears anywhere in a summary, whatever path it shows up at.
 */
export function sensitiveStrings(value: unknown, sensitive: unknown, out: Set<string> = new Set()): Set<string> {
  const visit = (v: unknown, mask: unknown, marked: boolean): void => {
    const here = marked || mask === true;
    if (v === null || v === undefined) return;
    if (typeof v === "string" || typeof v === "number") {
      if (here) out.add(String(v));
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, Array.isArray(mask) ? mask[i] : undefined, here));
      return;
    }
    if (typeof v === "object") {
      for (const [k, item] of Object.entries(v)) visit(item, typeof mask === "object" && mask !== null ? (mask as Record<string, unknown>)[k] : undefined, here);
    }
  };
  visit(value, sensitive, false);
  return out;
}
