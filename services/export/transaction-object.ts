import type { TenantOutputs } from "../../core/contract/tenant-outputs";
import { ExitCode, UserError } from "../../core/user-error";
import { oneLineBase64, valueProblem, type IniSection } from "./cfg-format";
import { OPTION_LAYOUT, optionName, optionValue, type OptionPlace, type OptionSpec } from "../../core/contract/option-layout";

/** One option as exported. */
export interface ExportedOption {
  readonly spec: OptionSpec;
  /** Exactly as Terraform output it (the base64 options with openssl's line breaks). */
  readonly output: string;
  /** As written on an option line: `output`, or for wrapped base64 the same on one line. */
  readonly line: string;
}

/** A tenant's `hybrid_integration` object, checked and ready to write. */
export interface TransactionObject {
  readonly tenant: string;
  /** Exported options in {@link OPTION_LAYOUT} order; secrets only with `includeSecrets`. */
  readonly options: readonly ExportedOption[];
  /** The secret options left out (`section/option`), empty with `includeSecrets`. */
  readonly omittedSecrets: readonly string[];
  /**
   * Passwords of adopted clients (`ewt/password`, ...): Terraform never saw their secret,
   * so the value the transaction object already holds stays; never written.
   */
  readonly keptPasswords: readonly string[];
  readonly firewallHosts: TenantOutputs["firewallHosts"];
  /** The SAML key rollover stage deployed, when one is under way: which key set `saml/*` hold. */
  readonly rolloverStage?: TenantOutputs["rolloverStage"];
}

export interface BuildOptions {
  readonly includeSecrets: boolean;
  /** Check that every value fits one `option=value` line (off for a JSON-only export, which carries anything). */
  readonly forOptionLines: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Takes every option of {@link OPTION_LAYOUT} from a tenant's applied outputs and
 * checks it. All of a tenant's problems are reported together.
 *
 * @throws UserError naming the tenant, each option at fault and the command that fixes it.
 * Secret values never appear in a message.
 */
export function buildTransactionObject(tenant: string, outputs: TenantOutputs, opts: BuildOptions): TransactionObject {
  const problems: string[] = [];
  const options: ExportedOption[] = [];
  const omittedSecrets: string[] = [];
  const keptPasswords: string[] = [];

  for (const spec of OPTION_LAYOUT) {
    const name = optionName(spec);
    const value = optionValue(outputs.options, spec);
    if (value === null && outputs.adoptedClients.some((section) => section === spec.section)) {
      keptPasswords.push(name);
      continue;
    }
    if (spec.secret && !opts.includeSecrets) {
      omittedSecrets.push(name);
      continue;
    }
    if (value === null || value.trim() === "") {
      problems.push(`${name} is empty in the applied outputs; ${spec.fixWhenEmpty(tenant)}`);
      continue;
    }
    const line = spec.wrappedBase64 ? oneLineBase64(value) : value;
    if (spec.wrappedBase64 && !BASE64.test(line)) {
      problems.push(
        `${name} is not base64 once openssl's line breaks are removed` +
          (spec.secret ? "" : ` (${describeAt(line, firstNonBase64(line))})`) +
          `; ${spec.fixWhenEmpty(tenant)}`,
      );
      continue;
    }
    if (opts.forOptionLines) {
      const problem = valueProblem(line);
      if (problem) {
        problems.push(
          `${name} cannot be written on one option line: it holds ${problem.what}` +
            // A secret's characters, even one, stay out of messages.
            (spec.secret
              ? "; leave the secrets out (no --include-secrets) and enter this one by hand in Genesys Administrator Extension"
              : ` (${describeAt(line, problem.index)}); export with --format json and enter it by hand, or correct it at its source and deploy again`),
        );
        continue;
      }
    }
    options.push({ spec, output: value, line });
  }

  if (problems.length > 0) {
    throw new UserError(
      problems.length === 1
        ? `tenant ${tenant}: ${problems[0]}`
        : [`tenant ${tenant}: ${problems.length} problems:`, ...problems.map((p) => `  ${p}`)].join("\n"),
      ExitCode.Failed,
    );
  }
  return { tenant, options, omittedSecrets, keptPasswords, firewallHosts: outputs.firewallHosts, ...(outputs.rolloverStage ? { rolloverStage: outputs.rolloverStage } : {}) };
}

/** The object's sections at one place (options or Annex), values as written on option lines. */
export function sectionsAt(object: TransactionObject, place: OptionPlace): IniSection[] {
  const sections = new Map<string, [string, string][]>();
  for (const o of object.options) {
    if (o.spec.place !== place) continue;
    const list = sections.get(o.spec.section) ?? [];
    list.push([o.spec.option, o.line]);
    sections.set(o.spec.section, list);
  }
  return [...sections].map(([name, options]) => ({ name, options }));
}

/** Whether any exported value is a secret. */
export function holdsSecrets(object: TransactionObject, place?: OptionPlace): boolean {
  return object.options.some((o) => o.spec.secret && (place === undefined || o.spec.place === place));
}

/** `{ section: { option: value } }` at one place, values exactly as Terraform output them. */
export function outputValuesAt(object: TransactionObject, place: OptionPlace): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const o of object.options) {
    if (o.spec.place !== place) continue;
    (result[o.spec.section] ??= {})[o.spec.option] = o.output;
  }
  return result;
}

function firstNonBase64(value: string): number {
  const i = [...value].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  return i < 0 ? Math.max(0, value.indexOf("=")) : i;
}

/** Where in a (public) value a problem is: its position and the text around it. */
function describeAt(value: string, index: number): string {
  const from = Math.max(0, index - 10);
  const excerpt = value.slice(from, index + 10);
  return `character ${index + 1} of ${value.length}, in ${JSON.stringify(excerpt)}`;
}
