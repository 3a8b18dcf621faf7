import { isSecretName, isSensitiveAt, looksLikeKeyMaterial } from "./secret-detection";

/** How one side of a changed attribute is shown. */
export type ShownValue =
  | { readonly kind: "value"; readonly text: string }
  | { readonly kind: "hidden"; readonly why: "sensitive" | "secret" }
  | { readonly kind: "unknown" }
  | { readonly kind: "absent" };

export interface AttributeChange {
  /** Readable path: `access_token_validity_seconds`, `roles[0].role_id`, `data.issuerURI` (inside a JSON string). */
  readonly path: string;
  readonly before: ShownValue;
  readonly after: ShownValue;
}

export interface ChangeSides {
  readonly before: unknown;
  readonly after: unknown;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly afterUnknown?: unknown;
}

/** Values longer than this are shortened (start … end). */
const MAX_VALUE_CHARS = 60;

/**
 * The attributes that differ between `before` and `after`, down to the leaves,
 * each side rendered safely: sensitive (by Terraform's masks), secret-looking (by
 * name or content) and `extraSecrets` values are hidden whole, never shortened.
 * A string attribute holding a JSON object on both sides (restapi's `data`) is
 * compared inside, so an identity provider's change reads `data.issuerURI`.
 */
export function attributeChanges(sides: ChangeSides, extraSecrets: ReadonlySet<string> = new Set()): AttributeChange[] {
  const out: AttributeChange[] = [];
  const show = (value: unknown, present: boolean, sensitiveMask: unknown, maskPath: readonly (string | number)[], names: readonly string[]): ShownValue => {
    if (!present || value === undefined) return { kind: "absent" };
    if (isSensitiveAt(sensitiveMask, maskPath)) return { kind: "hidden", why: "sensitive" };
    if (value === null) return { kind: "value", text: "null" };
    if (names.some((n) => isSecretName(n, value))) return { kind: "hidden", why: "secret" };
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (looksLikeKeyMaterial(text) || containsAny(text, extraSecrets)) return { kind: "hidden", why: "secret" };
    return { kind: "value", text: shorten(typeof value === "string" ? JSON.stringify(value) : text) };
  };

  const visit = (
    before: unknown,
    after: unknown,
    hasBefore: boolean,
    hasAfter: boolean,
    path: readonly (string | number)[],
    maskPath: readonly (string | number)[],
    label: string,
  ): void => {
    const unknown = isSensitiveAt(sides.afterUnknown, maskPath);
    const names = path.filter((p): p is string => typeof p === "string");
    // A sensitive subtree is one leaf: not even its keys or its shape are shown.
    const sensitive = isSensitiveAt(sides.beforeSensitive, maskPath) || isSensitiveAt(sides.afterSensitive, maskPath);
    if (!unknown) {
      if (hasBefore && hasAfter && deepEqual(before, after)) return;
    }
    if (!unknown && !sensitive) {
      if (isPlainObject(before) && isPlainObject(after)) {
        for (const key of unionKeys(before, after)) {
          visit(before[key], after[key], key in before, key in after, [...path, key], [...maskPath, key], joinLabel(label, key));
        }
        return;
      }
      if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        before.forEach((item, i) => visit(item, after[i], true, true, [...path, i], [...maskPath, i], `${label}[${i}]`));
        return;
      }
      const parsedBefore = jsonObjectIn(before);
      const parsedAfter = jsonObjectIn(after);
      if (parsedBefore && parsedAfter) {
        for (const key of unionKeys(parsedBefore, parsedAfter)) {
          // Inside the string, Terraform's masks stop: the string's own path stands for every key.
          visitJson(parsedBefore[key], parsedAfter[key], key in parsedBefore, key in parsedAfter, [...path, key], maskPath, joinLabel(label, key));
        }
        return;
      }
    }
    out.push({
      path: label,
      before: show(before, hasBefore, sides.beforeSensitive, maskPath, names),
      after: unknown ? { kind: "unknown" } : show(after, hasAfter, sides.afterSensitive, maskPath, names),
    });
  };

  /** Like visit, inside a JSON string: no masks below `maskPath`, no unknowns. */
  const visitJson = (before: unknown, after: unknown, hasBefore: boolean, hasAfter: boolean, path: readonly (string | number)[], maskPath: readonly (string | number)[], label: string): void => {
    if (hasBefore && hasAfter && deepEqual(before, after)) return;
    if (isPlainObject(before) && isPlainObject(after)) {
      for (const key of unionKeys(before, after)) visitJson(before[key], after[key], key in before, key in after, [...path, key], maskPath, joinLabel(label, key));
      return;
    }
    const names = path.filter((p): p is string => typeof p === "string");
    out.push({
      path: label,
      before: show(before, hasBefore, sides.beforeSensitive, maskPath, names),
      after: show(after, hasAfter, sides.afterSensitive, maskPath, names),
    });
  };

  visit(sides.before, sides.after, sides.before !== undefined, sides.after !== undefined, [], [], "");
  return out;
}

/** `text` shortened to its start and end, for values that are not secret. */
export function shorten(text: string, max = MAX_VALUE_CHARS): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.7);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (max - 1 - head)).join("")}`;
}

/** The JSON object a string holds, else undefined. */
export function jsonObjectIn(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string" || !value.trimStart().startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function containsAny(text: string, secrets: ReadonlySet<string>): boolean {
  for (const s of secrets) if (s.length >= 6 && text.includes(s)) return true;
  return false;
}

function joinLabel(label: string, key: string): string {
  return label === "" ? key : `${label}.${key}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = unionKeys(a, b);
    return keys.every((k) => k in a && k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
