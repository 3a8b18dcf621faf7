import * as fs from "node:fs";
import { distance } from "fastest-levenshtein";
import * as path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { LineCounter, parseDocument, type Document, type YAMLError } from "yaml";
import { regionEndpoints } from "../genesys/regions";
import type { RolloverStage } from "./rollover-stage";
import type { LocalBackendConfig, PgBackendConfig, TenantConfig } from "./tenant-config";
import { describeFsError } from "../fs-errors";
import { TENANTS_FILE_ENV } from "../project";
import { ExitCode, UserError } from "../user-error";
import { TENANT_SCHEMA, TENANTS_DOCUMENT_SCHEMA } from "./tenants-schema";

/** A loaded tenants file: every tenant validated, defaults applied, sorted by name. */
export interface TenantsFile {
  /** The file's absolute path (for `parseTenants`, the source name it was given). */
  readonly path: string;
  readonly tenants: TenantConfig[];
  /** Legal but probably unintended settings, one line each, worded like problems. */
  readonly warnings: string[];
}

/**
 * Everything wrong with a tenants file, found in one go so a user fixes it in one
 * edit: `problems` holds one line per problem (field, value received, fix), and the
 * message is a header line followed by those lines.
 */
export class TenantsFileError extends UserError {
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    // One problem is one line; several are listed one per line under a header.
    super(
      problems.length === 1 ? `${file}: ${problems[0]}` : [`${file}: ${problems.length} problems in the tenants file:`, ...problems.map((p) => `  ${p}`)].join("\n"),
      ExitCode.Usage,
    );
    this.file = file;
    this.problems = problems;
  }
}

/**
 * Reads and validates a tenants file. Relative paths inside it (certificates, state
 * files) are resolved against its folder.
 *
 * @throws TenantsFileError listing every problem, including an unreadable file.
 */
export function loadTenantsFile(file: string): TenantsFile {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (err) {
    throw new TenantsFileError(absolute, [
      `cannot read the tenants file: ${describeFsError(err)}; create it (tenants.yaml at the project root is an example) ` +
        `or set ${TENANTS_FILE_ENV} to your tenants file's path, e.g. ${TENANTS_FILE_ENV}=config/tenants.yaml`,
    ]);
  }
  return parseTenants(text, path.dirname(absolute), absolute);
}

/**
 * Parses and validates tenants-file YAML. `baseDir` anchors the relative paths inside
 * it; `sourceName` names the text in messages.
 *
 * @throws TenantsFileError listing every problem.
 */
export function parseTenants(text: string, baseDir: string, sourceName: string): TenantsFile {
  const dir = path.resolve(baseDir);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (err: YAMLError) => {
    const { line, col } = lineCounter.linePos(err.pos[0]);
    return `${sourceName}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new TenantsFileError(
      sourceName,
      doc.errors.map((e) =>
        e.code === "DUPLICATE_KEY"
          ? `${at(e)}: duplicate key: a key, or a tenant name, appears twice in one mapping; merge or rename the entries`
          : `${at(e)}: YAML syntax error: ${e.message}; fix the YAML at that position`,
      ),
    );
  }
  const warnings = doc.warnings.map((w) => `${at(w)}: ${w.message}`);

  let data: unknown;
  try {
    data = withoutNulls(doc.toJS());
  } catch (err) {
    // yaml resolves aliases (and refuses alias bombs) when converting, not when parsing.
    throw new TenantsFileError(sourceName, [
      `YAML aliases cannot be resolved: ${(err as Error).message}; define each &anchor before its *alias`,
    ]);
  }
  if (data === undefined) {
    throw new TenantsFileError(sourceName, [
      `the file is empty; add a tenants: mapping with one entry per tenant (tenants.yaml at the project root is an example)`,
    ]);
  }

  const problems = new Problems(doc, lineCounter);
  const { validateDocument, validateTenant } = validators();

  const documentErrors = validateDocument(data) ? [] : (validateDocument.errors ?? []);
  problems.addAjv(documentErrors, []);
  if (!isMapping(data) || !isMapping(data.tenants)) throw problems.error(sourceName);
  const defaultsErrors = new Set(
    documentErrors
      .filter((e) => e.instancePath === "/defaults" || e.instancePath.startsWith("/defaults/"))
      .map((e) => errorKey(e, e.instancePath.slice("/defaults".length))),
  );

  const defaults = isMapping(data.defaults) ? data.defaults : {};
  const rawTenants = data.tenants;
  const names = Object.keys(rawTenants).sort(byCodeUnits);

  const merged = new Map<string, Record<string, unknown>>();
  for (const name of names) {
    const raw = rawTenants[name];
    if (!isMapping(raw)) continue; // reported by the document schema
    const tenant = mergeTenant(defaults, raw);
    if (!validateTenant(tenant)) {
      // An error already reported under `defaults`, about a value the tenant inherits,
      // is not repeated for every tenant: that would bury the one line to fix.
      const own = (validateTenant.errors ?? []).filter(
        (e) => hasPath(raw, causePath(e)) || !defaultsErrors.has(errorKey(e, e.instancePath)),
      );
      problems.addAjv(own, ["tenants", name]);
    }
    merged.set(name, tenant);
  }

  problems.addShared(
    "organization.id",
    merged,
    (t) => field(t, "organization", "id")?.toLowerCase(),
    "each tenant needs its own Genesys Cloud organization (one transaction object per org); fix the id of all but one",
  );
  problems.addShared(
    "saml.issuer",
    merged,
    (t) => field(t, "saml", "issuer"),
    "Genesys Cloud requires each identity provider's issuer URI to be unique; give each tenant its own issuer",
  );
  problems.addShared(
    "backend",
    merged,
    (t, name) => stateOf(name, t.backend, dir),
    "they would overwrite each other's Terraform state; give each its own backend.path (local) or backend.schemaName (pg)",
  );

  if (problems.count > 0) throw problems.error(sourceName);

  const tenants = [...merged].map(([name, t]) => toTenantConfig(name, t as unknown as ValidTenant, dir));
  for (const tenant of tenants) warnings.push(...tenantWarnings(tenant));
  return { path: sourceName, tenants, warnings };
}

/* ----------------------------------------------------------------------------------
 * Merging and building
 * -------------------------------------------------------------------------------- */

/** The shape TENANT_SCHEMA guarantees once ajv has accepted a tenant and filled in defaults. */
interface ValidTenant {
  region: string;
  organization: { id: string; shortName: string; domainSuffix: string };
  saml: {
    issuer: string;
    certificate: string;
    ssoTargetUri?: string;
    expireTimeHours: number;
    identityProviderName: string;
    rollover?: { certificate: string; stage: RolloverStage };
  };
  pacingClient: { name: string; description: string; accessTokenValiditySeconds: number; roles: string[] };
  saml2BearerClient: {
    name: string;
    description: string;
    accessTokenValiditySeconds: number;
    authorizedRedirectUris?: string[];
    scopes: string[];
  };
  roleGrant: { roleName: string };
  preventDestroy: boolean;
  backend: { type: "local"; path?: string } | { type: "pg"; schemaName?: string };
}

/**
 * `defaults` deep-merged under a tenant: the tenant's values win and lists are
 * replaced, not concatenated. A backend of another type replaces the defaults'
 * backend outright, since a local `path` means nothing to a pg backend and vice versa.
 */
function mergeTenant(defaults: Record<string, unknown>, tenant: Record<string, unknown>): Record<string, unknown> {
  const merged = deepMerge(defaults, tenant) as Record<string, unknown>;
  const base = defaults.backend;
  const own = tenant.backend;
  if (isMapping(base) && isMapping(own) && own.type !== undefined && own.type !== base.type) {
    merged.backend = structuredClone(own);
  }
  return merged;
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isMapping(base) || !isMapping(over)) return structuredClone(over);
  const keys = [...new Set([...Object.keys(base), ...Object.keys(over)])];
  // fromEntries defines own properties, so a "__proto__" key stays a (rejected) key
  // instead of replacing the prototype.
  return Object.fromEntries(keys.map((k) => [k, deepMerge(base[k], over[k])]));
}

function toTenantConfig(name: string, t: ValidTenant, dir: string): TenantConfig {
  return {
    name,
    region: t.region,
    organization: { ...t.organization },
    saml: {
      ...t.saml,
      certificate: path.resolve(dir, t.saml.certificate),
      ...(t.saml.rollover ? { rollover: { certificate: path.resolve(dir, t.saml.rollover.certificate), stage: t.saml.rollover.stage } } : {}),
    },
    pacingClient: { ...t.pacingClient, roles: [...t.pacingClient.roles] },
    saml2BearerClient: { ...t.saml2BearerClient, scopes: [...t.saml2BearerClient.scopes] },
    roleGrant: { ...t.roleGrant },
    preventDestroy: t.preventDestroy,
    backend: backendConfig(name, t.backend, dir),
  };
}

function backendConfig(name: string, backend: ValidTenant["backend"], dir: string): LocalBackendConfig | PgBackendConfig {
  return backend.type === "pg"
    ? { type: "pg", schemaName: backend.schemaName ?? defaultSchemaName(name) }
    : { type: "local", path: statePath(name, backend.path, dir) };
}

function defaultSchemaName(name: string): string {
  return `hybrid_${name.replace(/-/g, "_")}`;
}

function statePath(name: string, file: string | undefined, dir: string): string {
  return path.resolve(dir, file ?? path.join("state", `${name}.tfstate`));
}

/** Where a tenant's state would live, for the collision check; undefined when its backend is unusable. */
function stateOf(name: string, backend: unknown, dir: string): string | undefined {
  if (!isMapping(backend)) return undefined;
  const { type, path: file, schemaName } = backend;
  if (type === "pg" && (schemaName === undefined || typeof schemaName === "string")) {
    return `pg schema ${schemaName ?? defaultSchemaName(name)}`;
  }
  if (type === "local" && (file === undefined || typeof file === "string")) {
    return `state file ${statePath(name, file, dir)}`;
  }
  return undefined;
}

/** Settings that are valid but, per the provisioning procedure, probably a mistake. */
function tenantWarnings(t: TenantConfig): string[] {
  const warnings: string[] = [];
  const { domain, appsUrl } = regionEndpoints(t.region);
  const outside = (url: string) => {
    const host = new URL(url).hostname.toLowerCase();
    return host !== domain && !host.endsWith(`.${domain}`);
  };
  if (t.saml.ssoTargetUri !== undefined && outside(t.saml.ssoTargetUri)) {
    warnings.push(
      `tenants.${t.name}.saml.ssoTargetUri: "${t.saml.ssoTargetUri}" is outside region ${t.region}'s domain ${domain}; ` +
        `the SSO target should resolve to the tenant's Genesys Cloud domain: use ${appsUrl} or leave it out`,
    );
  }
  for (const uri of t.saml2BearerClient.authorizedRedirectUris ?? []) {
    if (outside(uri)) {
      warnings.push(
        `tenants.${t.name}.saml2BearerClient.authorizedRedirectUris: "${uri}" is outside region ${t.region}'s domain ${domain}; ` +
          `Workspace Desktop Edition expects the Genesys Cloud apps URL: use ${appsUrl} or leave the list out`,
      );
    }
  }
  if (t.roleGrant.roleName !== "employee") {
    warnings.push(
      `tenants.${t.name}.roleGrant.roleName: "${t.roleGrant.roleName}" is granted the Predictive Engagement permissions, ` +
        `but auto-provisioned users get the employee role and would lack them; use employee unless you grant it another way`,
    );
  }
  return warnings;
}

/* ----------------------------------------------------------------------------------
 * Problems: ajv errors and cross-tenant clashes, as one-line messages
 * -------------------------------------------------------------------------------- */

class Problems {
  private readonly lines: string[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  get count(): number {
    return this.lines.length;
  }

  error(file: string): TenantsFileError {
    return new TenantsFileError(file, [...this.lines]);
  }

  /** `prefix` is where the validated value sits in the file, e.g. ["tenants", "acme"]. */
  addAjv(errors: ErrorObject[], prefix: string[]): void {
    // A value failing both `format` and `pattern` (or `type` and `pattern`) needs one
    // fix, so report each field once.
    const seen = new Set<string>();
    const found: { segments: string[]; message: string; line: number | undefined }[] = [];
    for (const e of errors) {
      const described = describeError(e);
      if (!described) continue;
      const segments = [...prefix, ...described.segments];
      // A bad tenant name and a bad value under it are two problems at one path.
      const key = `${e.propertyName === undefined ? "value" : "name"}\0${segments.join("\0")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ ...described, segments, line: this.lineOf(segments) });
    }
    // ajv reports in schema order; the reader goes down the file. (sort is stable.)
    found.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
    for (const p of found) this.add(p.segments, p.message, p.line);
  }

  /** One problem per value shared by several tenants, naming all of them. */
  addShared(
    field: string,
    tenants: Map<string, Record<string, unknown>>,
    valueOf: (t: Record<string, unknown>, name: string) => string | undefined,
    fix: string,
  ): void {
    const byValue = new Map<string, string[]>();
    for (const [name, t] of tenants) {
      const value = valueOf(t, name);
      if (value !== undefined) byValue.set(value, [...(byValue.get(value) ?? []), name]);
    }
    for (const [value, names] of byValue) {
      if (names.length < 2) continue;
      const fields = names.map((n) => `tenants.${n}.${field}`).join(names.length === 2 ? " and " : ", ");
      const shown = field === "backend" ? value : `"${value}"`;
      this.lines.push(`${fields}: ${names.length === 2 ? "both" : `all ${names.length}`} are ${shown}; ${fix}`);
    }
  }

  private add(segments: string[], message: string, line: number | undefined): void {
    const text = `${dotted(segments)}: ${message}${line === undefined ? "" : ` (line ${line})`}`;
    if (!this.lines.includes(text)) this.lines.push(text);
  }

  /** The line of the deepest part of `segments` written in the file, if any. */
  private lineOf(segments: string[]): number | undefined {
    for (let n = segments.length; n > 0; n--) {
      const node = this.doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return this.lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  }
}

interface Described {
  /** Path of the offending value below the validated object. */
  segments: string[];
  message: string;
}

/** Turns one ajv error into a field and a sentence: what is wrong, the value, the fix. */
function describeError(e: ErrorObject): Described | undefined {
  const at = pointerSegments(e.instancePath);
  const schema = (e.parentSchema ?? {}) as SchemaNode;
  const want = schema.description;
  const use = want ? `; use ${want}` : "";
  const params = e.params as Record<string, unknown>;

  // Invalid tenant names: ajv reports the name itself as the data, at the map's path.
  if (e.propertyName !== undefined) {
    return { segments: [...at, e.propertyName], message: `tenant name ${show(e.propertyName)} is not valid${use}` };
  }

  switch (e.keyword) {
    case "if": // restates the `then` error already reported
    case "propertyNames": // restates the per-name error above
      return undefined;
    case "required": {
      const key = params.missingProperty as string;
      const sub = schema.properties?.[key];
      return { segments: [...at, key], message: `missing; add ${key}: ${sub?.description ?? "a value"}` };
    }
    case "additionalProperties": {
      const key = params.additionalProperty as string;
      const known = Object.keys(schema.properties ?? {});
      const guess = closest(key, known);
      return {
        segments: [...at, key],
        message:
          `unknown key ${show(key)}` +
          (guess.length > 0 ? ` (did you mean ${guess.map(show).join(" or ")}?)` : "") +
          `; rename or remove it; known keys: ${known.join(", ")}`,
      };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === "string" ? closest(e.data, allowed) : [];
      const what = at.length > 0 ? at[at.length - 1] : "value";
      return {
        segments: at,
        message:
          `unknown ${what} ${show(e.data)}` +
          (guess.length > 0 ? ` (did you mean ${guess.join(" or ")}?)` : "") +
          `; use one of: ${allowed.join(", ")}`,
      };
    }
    case "type":
      return { segments: at, message: `${show(e.data)} is ${kindOf(e.data)}, expected ${article(params.type as string)}${use}` };
    case "pattern":
      return { segments: at, message: `${show(e.data)} is not valid${use}` };
    case "format":
      return { segments: at, message: `${show(e.data)} is not an absolute URI${use}` };
    case "minimum":
    case "maximum":
      return { segments: at, message: `${show(e.data)} is out of range ${schema.minimum}..${schema.maximum}${use}` };
    case "minLength":
      return { segments: at, message: `is empty${use}` };
    case "maxLength":
      return {
        segments: at,
        message: `${show(e.data)} has ${(e.data as string).length} characters, at most ${params.limit} allowed${use}`,
      };
    case "minItems":
      return { segments: at, message: `${show(e.data)} needs at least ${params.limit} item${params.limit === 1 ? "" : "s"}${use}` };
    case "uniqueItems": {
      const list = e.data as unknown[];
      return { segments: at, message: `${show(list[params.i as number])} is listed twice; list each item once` };
    }
    case "minProperties":
      return { segments: at, message: `is empty${use}` };
    case "not":
      return { segments: at, message: `${show(e.data)} is not allowed: ${want ?? "remove it"}` };
    default:
      return { segments: at, message: `${show(e.data)}: ${e.message ?? "is not valid"}${use}` };
  }
}

interface SchemaNode {
  description?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
}

/* ----------------------------------------------------------------------------------
 * Small helpers
 * -------------------------------------------------------------------------------- */

let compiled: { validateDocument: ValidateFunction; validateTenant: ValidateFunction } | undefined;

/** Compiled on first use: ajv compilation is the slow part, and importing must stay cheap. */
function validators(): { validateDocument: ValidateFunction; validateTenant: ValidateFunction } {
  if (!compiled) {
    // strict: a schema mistake must fail loudly here (and in the tests), not log.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, useDefaults: true });
    addFormats(ajv, ["uri"]);
    compiled = { validateDocument: ajv.compile(TENANTS_DOCUMENT_SCHEMA), validateTenant: ajv.compile(TENANT_SCHEMA) };
  }
  return compiled;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An empty YAML value (`saml:` with everything below commented out) means "not set". */
function withoutNulls(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value; // a null list item is a real mistake; let the schema say so
  if (!isMapping(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .map(([k, v]) => [k, withoutNulls(v)] as const)
      .filter(([, v]) => v !== undefined),
  );
}

function hasPath(value: unknown, segments: string[]): boolean {
  let current = value;
  for (const s of segments) {
    if (typeof current !== "object" || current === null || !Object.prototype.hasOwnProperty.call(current, s)) {
      return false;
    }
    current = (current as Record<string, unknown>)[s];
  }
  return true;
}

/** What the tenant wrote that an error is about: the value, an unknown key, or the object missing a key. */
function causePath(e: ErrorObject): string[] {
  const at = pointerSegments(e.instancePath);
  return e.keyword === "additionalProperties" ? [...at, (e.params as { additionalProperty: string }).additionalProperty] : at;
}

/** Identifies an error independently of the schema it came from, `instancePath` relative to the tenant. */
function errorKey(e: ErrorObject, instancePath: string): string {
  return `${e.keyword} ${instancePath} ${JSON.stringify(e.params)}`;
}

function pointerSegments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** tenants.acme.saml2BearerClient.scopes[1] */
function dotted(segments: string[]): string {
  if (segments.length === 0) return "top level";
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function field(t: Record<string, unknown>, block: string, key: string): string | undefined {
  const b = t[block];
  const value = isMapping(b) ? b[key] : undefined;
  return typeof value === "string" ? value : undefined;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number with a fraction";
  if (typeof value === "boolean") return "a boolean";
  return `a ${typeof value}`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    string: "a string",
    integer: "a whole number",
    number: "a number",
    boolean: "a boolean",
  };
  return names[type] ?? type;
}

/** Candidates a typo of `word` is likely meant as: same letters ignoring case, a prefix, or 1-2 edits away. */
function closest(word: string, candidates: string[]): string[] {
  const w = word.toLowerCase();
  const exact = candidates.filter((c) => c.toLowerCase() === w);
  if (exact.length > 0) return exact;
  const prefix = candidates.filter((c) => Math.min(c.length, w.length) >= 4 && (w.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(w)));
  if (prefix.length > 0) return prefix.slice(0, 3);
  let best = w.length <= 4 ? 1 : 2;
  let found: string[] = [];
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < best || (d === best && found.length === 0)) {
      best = d;
      found = [c];
    } else if (d === best) {
      found.push(c);
    }
  }
  return found.slice(0, 3);
}

/** Sorting by code units, not locale, keeps the tenant order identical on every machine. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

