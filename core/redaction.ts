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

export class Redactor {
  /** Masks the `known` secrets whatever their length, and `presumed` ones from {@link PRESUMED_SECRET_MIN_LENGTH} characters. */
  public static of(secrets: { readonly known?: Iterable<string>; readonly presumed?: Iterable<string> }): Redactor {
    const values = [...(secrets.known ?? [])].filter((s) => s.length > 0);
    for (const s of secrets.presumed ?? []) if (s.length >= PRESUMED_SECRET_MIN_LENGTH) values.push(s);
    return new Redactor(values);
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

  /** Every form of every secret, longest first, so a secret holding another is masked whole. */
  private readonly forms: readonly string[];

  private constructor(private readonly secrets: readonly string[]) {
    const forms = new Set(secrets.flatMap(encodedForms).filter((f) => f.length > 0));
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /** This redactor, also masking `known` (whatever their length). */
  public with(known: Iterable<string>): Redactor {
    const more = [...known].filter((s) => s.length > 0);
    return more.length === 0 ? this : new Redactor([...this.secrets, ...more]);
  }

  /** `text` with every form of every secret replaced by {@link REDACTED}. */
  public mask(text: string): string {
    let out = text;
    for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }
}
