import { fingerprintOf } from "../../core/certs/certificate-check";
import { TOKEN_VALIDITY_SECONDS } from "../../core/config/oauth-defaults";
import { compactCertificate, trustedCertificates } from "../../core/contract/pureengage-fields";
import { CLIENT_GRANT_TYPES, type ManagedClient } from "../../core/contract/tenant-stack-contract";
import type { OrgClient, OrgRole } from "./org-inventory";

/**
 * What the first plan after an import does about an attribute where the org differs
 * from the configuration.
 * - `update`: an in-place update; an OAuth client keeps its id and secret.
 * - `replace`: Terraform would destroy and re-create the object (new id and secret).
 * - `refused`: the plan would update in place, but Genesys Cloud refuses the change: it needs a new object
 *   (no attribute of the table below is known to be refused).
 */
export type Effect = "update" | "replace" | "refused";

/**
 * Effects per attribute, from the providers' schemas: nothing in genesyscloud 1.82.0's
 * `genesyscloud_oauth_client` is ForceNew, and in restapi 1.20.0's `restapi_object`
 * only `force_new` is (which the stack does not set). A change of grant type is an update
 * too: the genesyscloud provider's acceptance test TestAccResourceOAuthClient changes a client
 * from CLIENT-CREDENTIALS to CODE in place and expects Genesys Cloud to accept it (no Genesys
 * statement either way was found).
 * A provider upgrade that makes an attribute ForceNew changes its entry here to `replace`.
 */
export const ATTRIBUTE_EFFECTS: EffectTable = {
  genesyscloud_oauth_client: {
    name: "update",
    description: "update",
    access_token_validity_seconds: "update",
    registered_redirect_uris: "update",
    scopes: "update",
    roles: "update",
    state: "update",
    authorized_grant_type: "update",
  },
  restapi_object: { data: "update" },
};

export interface Difference {
  /** Terraform address, e.g. genesyscloud_oauth_client.pacing-client. */
  readonly address: string;
  /** What differs, in the org's terms (e.g. `accessTokenValiditySeconds`, `issuerURI`). */
  readonly field: string;
  /** The tenants-file field that declares it, e.g. `pacingClient.accessTokenValiditySeconds`. */
  readonly declaredBy: string;
  readonly org: string;
  readonly declared: string;
  readonly effect: Effect;
  /** Why it matters, when it does (e.g. the issuer must equal saml/issuer on premises). */
  readonly note?: string;
}

const show = (v: unknown) => (v === undefined || v === null ? "(not set)" : Array.isArray(v) ? `[${v.join(", ")}]` : typeof v === "string" ? `"${v}"` : String(v));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

export type EffectTable = Readonly<Record<string, Readonly<Record<string, Effect>>>>;

function effectOf(effects: EffectTable, address: string, attribute: string): Effect {
  const type = address.split(".")[0];
  return effects[type]?.[attribute] ?? "update";
}

/** What the tenants file declares for a client (defaults applied). */
export interface DeclaredClient {
  readonly address: string;
  /** `pacingClient` or `saml2BearerClient`. */
  readonly configKey: ManagedClient;
  readonly name: string;
  readonly description: string;
  readonly accessTokenValiditySeconds: number;
  /** CLIENT-CREDENTIALS: role names, each in the home division. */
  readonly roles?: readonly string[];
  /** SAML2-BEARER. */
  readonly redirectUris?: readonly string[];
  readonly scopes?: readonly string[];
}

/** Differences between an org's OAuth client and its declaration. */
export function clientDifferences(
  client: OrgClient,
  declared: DeclaredClient,
  roles: readonly OrgRole[],
  homeDivisionId: string,
  effects: EffectTable = ATTRIBUTE_EFFECTS,
): Difference[] {
  const out: Difference[] = [];
  const add = (field: string, attribute: string, configField: string, org: unknown, want: unknown, note?: string) =>
    out.push({ address: declared.address, field, declaredBy: configField.startsWith("always") ? configField : `${declared.configKey}.${configField}`, org: show(org), declared: show(want), effect: effectOf(effects, declared.address, attribute), ...(note ? { note } : {}) });

  const grantType = CLIENT_GRANT_TYPES[declared.configKey];
  if (client.authorizedGrantType !== grantType) {
    add(
      "authorizedGrantType",
      "authorized_grant_type",
      `always ${grantType}`,
      client.authorizedGrantType,
      grantType,
      "the client keeps its id and secret; that Genesys Cloud changes a grant type in place rests on the genesyscloud provider's acceptance test (TestAccResourceOAuthClient), no Genesys statement was found",
    );
  }
  if (client.name !== declared.name) {
    add("name", "name", "name", client.name, declared.name, `to keep the org's name, set ${declared.configKey}.name: "${client.name}" in the tenants file`);
  }
  if ((client.description ?? "") !== declared.description) add("description", "description", "description", client.description, declared.description);
  const seconds = client.accessTokenValiditySeconds ?? TOKEN_VALIDITY_SECONDS.default;
  if (seconds !== declared.accessTokenValiditySeconds) add("accessTokenValiditySeconds", "access_token_validity_seconds", "accessTokenValiditySeconds", seconds, declared.accessTokenValiditySeconds);
  if (client.state !== undefined && client.state !== "active") {
    add("state", "state", "always active", client.state, "active", "the deploy activates the client: tokens can be issued to it again");
  }
  if (declared.roles) {
    const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
    const held = (client.roleDivisions ?? []).map((g) => `${roleName(g.roleId)}${!g.divisionId || g.divisionId === homeDivisionId ? "" : g.divisionId === "*" ? " (all divisions)" : ` (division ${g.divisionId})`}`);
    if (!sameSet(held, declared.roles)) {
      add("roles", "roles", "roles", held, declared.roles, "each declared role is granted in the home division; the admin client must hold every role it grants");
    }
  }
  if (declared.redirectUris && !sameSet(client.registeredRedirectUri ?? [], declared.redirectUris)) {
    add("registeredRedirectUri", "registered_redirect_uris", "authorizedRedirectUris", client.registeredRedirectUri ?? [], declared.redirectUris);
  }
  if (declared.scopes && !sameSet(client.scope ?? [], declared.scopes)) {
    add("scope", "scopes", "scopes", client.scope ?? [], declared.scopes, "agents' tokens get exactly the declared scopes");
  }
  return out;
}

/** What the tenants file declares for the identity provider (defaults applied): the body the stack PUTs. */
export interface DeclaredIdentityProvider {
  readonly address: string;
  readonly name: string;
  readonly issuerURI: string;
  /** Base64 DER, the cert.pem body on one line. */
  readonly certificate: string;
  /** Every certificate it is declared to trust, `certificate` first (two during a key rollover). */
  readonly certificates: readonly string[];
  readonly ssoTargetURI: string;
}

/** Fields the stack's PUT sends, plus those the server sets. */
const IDP_KNOWN = new Set(["id", "selfUri", "name", "issuerURI", "certificate", "certificates", "ssoTargetURI", "autoProvisionUsers", "disabled"]);

/** sha256 fingerprint of a base64 DER certificate, or a note that it is not one. */
function fingerprint(base64: string): string {
  const full = fingerprintOf(base64);
  return full === undefined ? "(not a certificate)" : `sha256 ${full}`;
}

/** Differences between the org's PureEngage identity provider and the declaration. */
export function identityProviderDifferences(idp: Readonly<Record<string, unknown>>, declared: DeclaredIdentityProvider, effects: EffectTable = ATTRIBUTE_EFFECTS): Difference[] {
  const out: Difference[] = [];
  const add = (field: string, configField: string, org: string, want: string, note?: string) =>
    out.push({ address: declared.address, field, declaredBy: configField, org, declared: want, effect: effectOf(effects, declared.address, "data"), ...(note ? { note } : {}) });

  if (idp.name !== declared.name) add("name", "saml.identityProviderName", show(idp.name), show(declared.name));
  if (idp.issuerURI !== declared.issuerURI) {
    add(
      "issuerURI",
      "saml.issuer",
      show(idp.issuerURI),
      show(declared.issuerURI),
      `agents' SAML assertions carry saml/issuer of the transaction object: if it holds ${show(idp.issuerURI)}, set saml.issuer to it in the tenants file, else every agent's token exchange fails until both agree`,
    );
  }
  const orgCert = compactCertificate(idp.certificate);
  if (orgCert !== declared.certificate) {
    add(
      "certificate",
      "saml.certificate",
      orgCert ? fingerprint(orgCert) : "(not set)",
      fingerprint(declared.certificate),
      "agents' assertions are signed with saml/pkey of the transaction object: the tenant's cert.pem must be that key's certificate (put the site's own cert.pem there, or rotate pkey on premises too)",
    );
  }
  // Beyond `certificate`: the org may trust more (a list kept by hand, a key rollover), or the tenant may declare two.
  const orgTrusted = trustedCertificates(idp);
  const sameTrust = orgTrusted.length === declared.certificates.length && orgTrusted.every((c) => declared.certificates.includes(c));
  if (!sameTrust && (orgTrusted.length > 1 || declared.certificates.length > 1)) {
    add(
      "certificates",
      "saml.certificate, saml.rollover",
      orgTrusted.length ? orgTrusted.map(fingerprint).join(", ") : "(none)",
      declared.certificates.map(fingerprint).join(", "),
      "the update makes the identity provider trust exactly the tenants file's certificates: whoever signs with a key of a certificate only the org lists stops getting tokens",
    );
  }
  if (idp.ssoTargetURI !== declared.ssoTargetURI) add("ssoTargetURI", "saml.ssoTargetUri", show(idp.ssoTargetURI), show(declared.ssoTargetURI));
  if (idp.autoProvisionUsers !== true) add("autoProvisionUsers", "always true", show(idp.autoProvisionUsers), "true", "the seeds' troubleshooting: agents are created at their first token exchange");
  if (idp.disabled === true) add("disabled", "always false", "true", "false", "the deploy enables the identity provider");
  for (const [key, value] of Object.entries(idp)) {
    if (IDP_KNOWN.has(key) || value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    add(key, "not declared", show(value), "absent", "the update PUTs only the declared fields, so the identity provider no longer has this one");
  }
  return out;
}

export const EFFECT_TEXT: Readonly<Record<Effect, string>> = {
  update: "updated in place",
  replace: "REPLACED (destroyed and created again)",
  refused: "refused by Genesys Cloud: needs a new object",
};
