import * as fs from "node:fs";
import { ExitCode, UserError } from "../../core/user-error";

/**
 * The parts of `terraform show -json <saved plan>` (JSON output format 1.x) that the
 * summary shows. The document also holds `variables` (every input variable's value in
 * clear, sensitive ones included) and `prior_state` (the OAuth client secrets): the
 * summary reads sensitive variables only to make sure they never appear, and never
 * reads `prior_state`.
 */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly output_changes?: Readonly<Record<string, ChangeJson>>;
  readonly configuration?: {
    readonly root_module?: {
      readonly variables?: Readonly<Record<string, { readonly sensitive?: boolean; readonly description?: string }>>;
    };
  };
  readonly errored?: boolean;
}

export interface ChangeJson {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** `true`, or a mask of the value's shape whose `true` leaves are unknown until apply. */
  readonly after_unknown?: unknown;
  /** `true`, or a mask of the value's shape whose `true` leaves are sensitive. */
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  /** Attribute paths that force a replace, e.g. `[["name"]]`. */
  readonly replace_paths?: readonly (readonly (string | number)[])[];
}

export interface ResourceChangeJson {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  /** e.g. `replace_because_tainted`, `replace_by_request`, `replace_because_cannot_update`. */
  readonly action_reason?: string;
  readonly change: ChangeJson;
}

/** A file given to `hybrid summary` that is not a saved plan's JSON. */
export class PlanFileError extends UserError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `${file}: ${reason}; give the output of \`terraform show -json <planfile>\` for a plan saved with ` +
        "`terraform plan -out=<planfile>` (`hybrid plan --all` writes them as <out>/<tenant>.plan.json)",
      ExitCode.Usage,
    );
  }
}

/** Reads and checks one plan JSON file. `name` is how the file is named in errors. */
export function readPlanJson(file: string, name: string = file): PlanJson {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PlanFileError(name, code === "ENOENT" ? "not found" : code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? err})`);
  }
  return parsePlanJson(text, name);
}

export function parsePlanJson(text: string, name: string): PlanJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // No parser message: it may quote the file's content.
    throw new PlanFileError(name, "is not JSON (a binary .tfplan must go through `terraform show -json` first)");
  }
  if (!isObject(doc) || typeof doc.format_version !== "string") {
    throw new PlanFileError(name, "is JSON but not Terraform's JSON output (no format_version)");
  }
  if (!/^1\./.test(doc.format_version)) {
    throw new PlanFileError(name, `has JSON output format ${doc.format_version}, this summary reads format 1.x`);
  }
  // A state's JSON (`terraform show -json` without a plan file) has `values` but neither of these.
  if (!("planned_values" in doc) && !("resource_changes" in doc) && !("output_changes" in doc)) {
    throw new PlanFileError(name, "is Terraform's JSON of a state, not of a plan (no planned_values or resource_changes)");
  }
  const changes = doc.resource_changes;
  if (changes !== undefined) {
    if (!Array.isArray(changes) || !changes.every(isResourceChange)) {
      throw new PlanFileError(name, "has a resource_changes entry without address, type, name and change.actions");
    }
  }
  const outputs = doc.output_changes;
  if (outputs !== undefined && (!isObject(outputs) || !Object.values(outputs).every(isChange))) {
    throw new PlanFileError(name, "has an output_changes entry without actions");
  }
  return doc as unknown as PlanJson;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isChange(v: unknown): boolean {
  return isObject(v) && Array.isArray(v.actions) && v.actions.every((a) => typeof a === "string");
}

function isResourceChange(v: unknown): boolean {
  return isObject(v) && typeof v.address === "string" && typeof v.type === "string" && typeof v.name === "string" && isChange(v.change);
}
