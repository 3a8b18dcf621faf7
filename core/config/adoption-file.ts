import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { parseDocument, stringify } from "yaml";
import { ORGANIZATION_ID } from "./formats";
import { PUREENGAGE_IDP_PATH } from "../genesys/api-paths";
import { ExitCode, UserError } from "../user-error";

/**
 * The per-tenant adoption file: which objects of the org, made by hand before this
 * project managed it, the tenant's stack takes over. `hybrid adopt` writes it; the
 * synthesis reads it and turns it into Terraform `import` blocks, so the synthesized
 * JSON stays the one source of what Terraform does. It holds ids only, never a secret.
 *
 * It lives next to the tenants file, `adopted/<tenant>.yaml`, so it is versioned with it.
 */
export const ADOPTED_DIR = "adopted";

/** The Terraform import id of the PureEngage identity provider: restapi 1.20.0 imports `<path>/<id>`, here the object's own path. */
export const IDENTITY_PROVIDER_IMPORT_ID = PUREENGAGE_IDP_PATH;

export interface AdoptedClient {
  /** The OAuth client's id: its Terraform import id, and `client_id` in the transaction object. */
  readonly id: string;
  /** Its name when adopted (for people reading the file; the tenants file's name is what Terraform sets). */
  readonly name: string;
}

export interface Adoption {
  readonly tenant: string;
  /** The org the ids belong to; the synthesis refuses a file of another org. */
  readonly organizationId: string;
  /** `genesyscloud_oauth_client.pacing-client` (ewt). */
  readonly pacingClient?: AdoptedClient;
  /** `genesyscloud_oauth_client.saml2-bearer-client` (saml_auth). */
  readonly saml2BearerClient?: AdoptedClient;
  /** `restapi_object.pureengage-idp`: the org's one PureEngage identity provider. */
  readonly identityProvider?: { readonly id: "pureengage" };
}

const UUID = ORGANIZATION_ID;
const CLIENT = {
  type: "object",
  additionalProperties: false,
  required: ["id", "name"],
  properties: { id: { type: "string", pattern: UUID }, name: { type: "string", minLength: 1 } },
} as const;
const SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["tenant", "organizationId"],
  properties: {
    tenant: { type: "string" },
    organizationId: { type: "string", pattern: UUID },
    pacingClient: CLIENT,
    saml2BearerClient: CLIENT,
    identityProvider: { type: "object", additionalProperties: false, required: ["id"], properties: { id: { const: "pureengage" } } },
  },
} as const;
const validateAdoption = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

/** `adopted/<tenant>.yaml` in the folder of the tenants file. */
export function adoptionFilePath(tenantsFile: string, tenant: string): string {
  return path.join(path.dirname(path.resolve(tenantsFile)), ADOPTED_DIR, `${tenant}.yaml`);
}

/** Whether the adoption takes over anything at all. */
export function adoptsAnything(a: Adoption): boolean {
  return a.pacingClient !== undefined || a.saml2BearerClient !== undefined || a.identityProvider !== undefined;
}

/**
 * Reads a tenant's adoption file; undefined when there is none (nothing to import).
 *
 * @throws UserError naming the file, the tenant, every bad field and the fix.
 */
export function readAdoption(tenantsFile: string, tenant: { readonly name: string; readonly organization: { readonly id: string } }): Adoption | undefined {
  const file = adoptionFilePath(tenantsFile, tenant.name);
  if (!fs.existsSync(file)) return undefined;
  const fix = `run \`hybrid adopt --tenant ${tenant.name}\` again to rewrite it, or delete it to let the deploy create everything`;
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: false });
  if (doc.errors.length > 0) throw new UserError(`tenant ${tenant.name}: ${file} is not valid YAML (${doc.errors[0].message}); ${fix}.`, ExitCode.Usage);
  const data = doc.toJS() as unknown;
  const problems: string[] = [];
  if (!validateAdoption(data)) {
    for (const e of validateAdoption.errors ?? []) {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(top level)";
      const extra = e.keyword === "additionalProperties" ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : "";
      problems.push(`${where}: ${e.message}${extra}`);
    }
  } else {
    const a = data as unknown as Adoption;
    if (a.tenant !== tenant.name) problems.push(`tenant: "${a.tenant}" is not "${tenant.name}" (the file is another tenant's)`);
    if (a.organizationId.toLowerCase() !== tenant.organization.id.toLowerCase()) {
      problems.push(`organizationId: "${a.organizationId}" is not the tenant's organization.id "${tenant.organization.id}" (the ids are of another org)`);
    }
    if (a.pacingClient && a.saml2BearerClient && a.pacingClient.id === a.saml2BearerClient.id) {
      problems.push(`pacingClient.id and saml2BearerClient.id are the same client "${a.pacingClient.id}"; one client cannot be both`);
    }
  }
  if (problems.length > 0) {
    throw new UserError(`tenant ${tenant.name}: adoption file ${file} has ${problems.length} problem(s); nothing was synthesized:\n${problems.map((p) => `  - ${p}`).join("\n")}\n  fix: ${fix}.`, ExitCode.Usage);
  }
  return data as unknown as Adoption;
}

/** The file's text: a header saying what it is, then the ids. */
export function formatAdoption(a: Adoption, writtenAt: Date): string {
  const header = [
    `# Written by \`hybrid adopt --tenant ${a.tenant}\` on ${writtenAt.toISOString()}.`,
    "# Objects of the org made by hand that the tenant's stack imports instead of creating",
    "# (Terraform import blocks, made at synthesis). Ids only: no secret is ever kept here.",
    "# Keep it with the tenants file; once deployed, the imports are no-ops.",
  ];
  const body: Record<string, unknown> = { tenant: a.tenant, organizationId: a.organizationId };
  if (a.pacingClient) body.pacingClient = { id: a.pacingClient.id, name: a.pacingClient.name };
  if (a.saml2BearerClient) body.saml2BearerClient = { id: a.saml2BearerClient.id, name: a.saml2BearerClient.name };
  if (a.identityProvider) body.identityProvider = { id: a.identityProvider.id };
  return `${header.join("\n")}\n${stringify(body)}`;
}

/** Writes the adoption file (its folder made when missing), atomically: a reader never sees half a file. */
export function writeAdoption(tenantsFile: string, a: Adoption, writtenAt: Date): string {
  const file = adoptionFilePath(tenantsFile, a.tenant);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, formatAdoption(a, writtenAt));
  fs.renameSync(temp, file);
  return file;
}
