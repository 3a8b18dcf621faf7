/**
 * The one masking policy: every output path (CLI text and --json, logs, error messages,
 * reports, plan summaries, test output) passes its text through a {@link Redactor}, so a
 * secret is masked the same way wherever it would appear. Files written on purpose with
 * secrets (`hybrid export --include-secrets`) are deliverables, not output.
 */
import { isPublicVariable } from "./contract/tenant-variables";

/** What a secret is replaced by, everywhere. */
export const REDACTED = "[REDACTED]";

/**
 * A value only presumed secret (any TF_VAR_ value) is masked from this length on: shorter
 * ones are flags and words ("true", a port), and credentials are longer.
 */
export const PRESUMED_SECRET_MIN_LENGTH = 8;

/** Every form a secret can take in text: as is, URL- and form-encoded, JSON-escaped, base64 and base64url. */
function encodedForms(secret: string): string[] {
  const b64 = Buffer.from(secret, "utf8").toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    JSON.stringify(secret).slice(1, -1),
    b64,
    b64.replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("base64url"),
  ];
}

/** The forms of `secrets` not in `known`, each once, longest first. */
function newForms(secrets: Iterable<string>, known: ReadonlySet<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of encodedForms(secret)) if (form.length > 0 && !known.has(form)) forms.add(form);
  return [...forms].sort(longestFirst);
}

const longestFirst = (a: string, b: string) => b.length - a.length;

/** Two lists sorted longest first, as one. */
function mergeLongestFirst(a: readonly string[], b: readonly string[]): string[] {
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && a[i].length >= b[j].length) ? a[i++] : b[j++]);
  return merged;
}

export class Redactor {
  /** Masks the `known` secrets whatever their length, and `presumed` ones from {@link PRESUMED_SECRET_MIN_LENGTH} characters. */
  public static of(secrets: { readonly known?: Iterable<string>; readonly presumed?: Iterable<string> }): Redactor {
    const values = [...(secrets.known ?? [])].filter((s) => s.length > 0);
    for (const s of secrets.presumed ?? []) if (s.length >= PRESUMED_SECRET_MIN_LENGTH) values.push(s);
    return new Redactor(newForms(values, new Set()));
  }

  /**
   * A redactor for a process with environment `env`: its TF_VAR_ values are presumed secret,
   * but for the variables this project declares public (an admin client's id, the sandbox's URL).
   */
  public static fromEnv(env: NodeJS.ProcessEnv, known: Iterable<string> = []): Redactor {
    const presumed = Object.entries(env)
      .filter(([name, value]) => name.startsWith("TF_VAR_") && !isPublicVariable(name.slice("TF_VAR_".length)) && typeof value === "string")
      .map(([, value]) => value as string);
    return Redactor.of({ known, presumed });
  }

  private readonly known: ReadonlySet<string>;

  /** @param forms every form of every secret, longest first, so a secret holding another is masked whole */
  private constructor(private readonly forms: readonly string[]) {
    this.known = new Set(forms);
  }

  /**
   * This redactor, also masking `known` (whatever their length). Only the new secrets' forms are
   * made: a command adds each tenant's secrets as it reads them, a thousand times in a fleet.
   */
  public with(known: Iterable<string>): Redactor {
    const added = newForms(known, this.known);
    return added.length === 0 ? this : new Redactor(mergeLongestFirst(this.forms, added));
  }

  /** `text` with every form of every secret replaced by {@link REDACTED}. */
  public mask(text: string): string {
    let out = text;
    for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }
}
