/**
 * The `hybrid_integration` transaction object as the provisioning procedure lays it out:
 * its sections, their options in the procedure's order, which are secret, and which
 * tenant-stack output each comes from. The tenant stack builds its outputs from this
 * layout, `hybrid_integration` outputs are read back typed through it (tenant-outputs.ts),
 * and the export writes exactly this list, so an option the stack stops producing is a
 * clear error, never a silently shorter file.
 */
import { RESOURCE_ADDRESSES } from "./tenant-stack-contract";
import { tenantVariableNames } from "./tenant-variables";

/** The object's name, type and where the procedure puts it. */
export const TRANSACTION_OBJECT_NAME = "hybrid_integration";
export const TRANSACTION_OBJECT_TYPE = "list";

/**
 * Every option of the object, by section, in Genesys's own names: what a deployed tenant
 * stack outputs. A password is null for an OAuth client adopted by import (Terraform holds no
 * secret for it: the transaction object keeps the one it has).
 */
export interface TransactionObjectOptions {
  readonly general: {
    readonly organization_sname: string;
    readonly organization_id: string;
    readonly default_agent_role_name: string;
    readonly default_admin_role_name: string;
    readonly base_auth_url: string;
    readonly base_service_url: string;
  };
  readonly saml: { readonly issuer: string; readonly certificate: string; readonly pkey: string; readonly password: string; readonly expire_time: string };
  readonly saml_auth: { readonly client_id: string; readonly password: string | null };
  readonly ewt: { readonly client_id: string; readonly password: string | null };
  /** The object's Annex. */
  readonly annex: { readonly organization_domain_suffix: string };
}

export type Section = keyof TransactionObjectOptions;
/** The sections whose OAuth client `hybrid adopt` can adopt (their password may be null). */
export type ClientSection = "ewt" | "saml_auth";

/** Where an option lives: a section of the object's options, or of its Annex. */
export type OptionPlace = "options" | "annex";

/** The stack output holding an option. */
export type OptionOutput = "hybrid_integration" | "hybrid_integration_secrets";

/** What the layout says of every option, whatever its section. */
interface OptionFacts {
  readonly place: OptionPlace;
  /** Secret options leave the export unless `--include-secrets`. */
  readonly secret: boolean;
  /**
   * Base64 that `openssl base64` writes in lines of 64 characters. An option value is
   * one line, so the export writes it without the line breaks (see cfg-format.ts).
   */
  readonly wrappedBase64: boolean;
  readonly output: OptionOutput;
  /** What makes the value, for messages about an empty one: the command that fixes it. */
  readonly fixWhenEmpty: (tenant: string) => string;
}

/** One option of the layout: its section, its name (one of that section's), and its facts. */
export type OptionSpec = { [S in Section]: OptionFacts & { readonly section: S; readonly option: keyof TransactionObjectOptions[S] & string } }[Section];

/** `section/option`, as the procedure and the README name an option. */
export function optionName(spec: Pick<OptionSpec, "section" | "option">): string {
  return `${spec.section}/${spec.option}`;
}

/** An option's value: the one place that reads the options by a spec. */
export function optionValue(options: TransactionObjectOptions, spec: OptionSpec): string | null {
  return (options[spec.section] as Readonly<Record<string, string | null>>)[spec.option];
}

const deploy = (tenant: string) => `run \`npx cdktf deploy ${tenant}\``;
const replaceClient = (address: string) => (tenant: string) =>
  `Genesys Cloud returned no secret for the client; issue a new one with ` +
  `\`terraform -chdir=cdktf.out/stacks/${tenant} apply -replace=${address}\` (README, "Rotating a client secret")`;

function option<S extends Section>(
  place: OptionPlace,
  section: S,
  name: keyof TransactionObjectOptions[S] & string,
  extra: Partial<Pick<OptionFacts, "secret" | "wrappedBase64" | "fixWhenEmpty">> = {},
): OptionSpec {
  const secret = extra.secret ?? false;
  // The pair (section, option) is checked by the signature; TypeScript cannot carry it into the union by itself.
  return {
    place,
    section,
    option: name,
    secret,
    wrappedBase64: extra.wrappedBase64 ?? false,
    output: secret ? "hybrid_integration_secrets" : "hybrid_integration",
    fixWhenEmpty: extra.fixWhenEmpty ?? deploy,
  } as OptionSpec;
}

/** Every option of the object, in the procedure's order (sections general, saml, saml_auth, ewt; then the Annex). */
export const OPTION_LAYOUT: readonly OptionSpec[] = [
  option("options", "general", "organization_sname"),
  option("options", "general", "organization_id"),
  option("options", "general", "default_agent_role_name"),
  option("options", "general", "default_admin_role_name"),
  option("options", "general", "base_auth_url"),
  option("options", "general", "base_service_url"),
  option("options", "saml", "issuer"),
  option("options", "saml", "certificate", { wrappedBase64: true }),
  option("options", "saml", "pkey", {
    secret: true,
    wrappedBase64: true,
    fixWhenEmpty: (t) =>
      `the tenant's key.pem.enc.b64 was empty when deployed; make the key pair again with \`hybrid certs create --tenant ${t} --force\` ` +
      `(or \`hybrid certs rotate\`), then ${deploy(t)}`,
  }),
  option("options", "saml", "password", {
    secret: true,
    fixWhenEmpty: (t) => `set TF_VAR_${tenantVariableNames(t).samlKeyPassword} to the key.pem.enc password, then ${deploy(t)}`,
  }),
  option("options", "saml", "expire_time"),
  option("options", "saml_auth", "client_id"),
  option("options", "saml_auth", "password", { secret: true, fixWhenEmpty: replaceClient(RESOURCE_ADDRESSES.saml2BearerClient) }),
  option("options", "ewt", "client_id"),
  option("options", "ewt", "password", { secret: true, fixWhenEmpty: replaceClient(RESOURCE_ADDRESSES.pacingClient) }),
  option("annex", "annex", "organization_domain_suffix"),
];

/** The secret options, `section/option`. */
export const SECRET_OPTIONS: readonly string[] = OPTION_LAYOUT.filter((s) => s.secret).map(optionName);

/**
 * The options as the stack's two outputs hold them: `hybrid_integration` (public, by section)
 * and `hybrid_integration_secrets` (secret, by section), from one typed object.
 */
export function outputsOf(options: TransactionObjectOptions): Record<OptionOutput, Record<string, Record<string, string | null>>> {
  const outputs: Record<OptionOutput, Record<string, Record<string, string | null>>> = { hybrid_integration: {}, hybrid_integration_secrets: {} };
  for (const spec of OPTION_LAYOUT) (outputs[spec.output][spec.section] ??= {})[spec.option] = optionValue(options, spec);
  return outputs;
}
