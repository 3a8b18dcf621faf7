import type { TenantConfig } from "../../core/config/tenant-config";
import { JOURNEY_AGENT_PERMISSIONS, roleHolds } from "../../core/genesys/journey-permissions";
import { PACING_CLIENT_DEFAULTS } from "../../core/config/oauth-defaults";
import { regionEndpoints } from "../../core/genesys/regions";
import { declaredPureEngageFields, type TenantCertificateBodies } from "../../core/contract/pureengage-fields";
import { CLIENT_GRANT_TYPES, RESOURCE_ADDRESSES } from "../../core/contract/tenant-stack-contract";
import type { Adoption } from "../../core/config/adoption-file";
import { type ClientChoice, type ClientSlot, matchClient } from "./client-matching";
import { ATTRIBUTE_EFFECTS, clientDifferences, type Difference, EFFECT_TEXT, type EffectTable, identityProviderDifferences } from "./differences";
import type { OrgInventory } from "./org-inventory";


/** The 2020 seed's spelling of the Client Credentials client's name (the 2025 one is PACING_CLIENT_DEFAULTS.name). */
const SEED_PACING_CLIENT_TYPO = "PureEnagage Client Credentials";

export interface AdoptOptions {
  /** The Terraform admin client's id: never a candidate. */
  readonly adminClientId: string;
  readonly pacing: ClientChoice;
  readonly saml2: ClientChoice;
  /** Let an adopted object be replaced by the next plan. */
  readonly allowReplace: boolean;
  /** What the providers plan per attribute; {@link ATTRIBUTE_EFFECTS} unless a test says otherwise. */
  readonly effects?: EffectTable;
}

/** What `hybrid adopt` found for one tenant and will write, before anything is written. */
export interface AdoptionPlan {
  readonly tenant: string;
  /** The adoption file's content (ids only). */
  readonly adoption: Adoption;
  /** The report, one line each, for the terminal. */
  readonly report: readonly string[];
  readonly differences: readonly Difference[];
  /** Reasons to stop; when any, nothing is written. */
  readonly refusals: readonly string[];
}

/**
 * Decides what to adopt from an org's inventory: the two OAuth clients (by grant type and
 * name, or the user's pick), the PureEngage identity provider (the org has one at most),
 * and reports the employee role's Journey permissions. Pure: reads nothing, writes nothing.
 */
export function planAdoption(tenant: TenantConfig, certificates: TenantCertificateBodies, inv: OrgInventory, opts: AdoptOptions): AdoptionPlan {
  const report: string[] = [];
  const refusals: string[] = [];
  const differences: Difference[] = [];
  const apps = regionEndpoints(tenant.region).appsUrl;
  const effects = opts.effects ?? ATTRIBUTE_EFFECTS;

  if (inv.organization.id.toLowerCase() !== tenant.organization.id.toLowerCase()) {
    refusals.push(
      `tenant ${tenant.name}: the admin client belongs to org ${inv.organization.id}${inv.organization.name ? ` (${inv.organization.name})` : ""}, ` +
        `not to organization.id ${tenant.organization.id} of the tenants file; set the tenant's TF_VAR_..._admin_client_id/secret to its own org's admin client, or fix organization.id.`,
    );
    return { tenant: tenant.name, adoption: { tenant: tenant.name, organizationId: tenant.organization.id }, report, differences, refusals };
  }

  const pacingSlot: ClientSlot = {
    section: "ewt",
    address: RESOURCE_ADDRESSES.pacingClient,
    grantType: CLIENT_GRANT_TYPES.pacingClient,
    configuredName: tenant.pacingClient.name,
    alsoNames: tenant.pacingClient.name === PACING_CLIENT_DEFAULTS.name ? [SEED_PACING_CLIENT_TYPO] : [],
    nameFlag: "--client-name-pacing",
    idFlag: "--client-id-pacing",
  };
  const saml2Slot: ClientSlot = {
    section: "saml_auth",
    address: RESOURCE_ADDRESSES.saml2BearerClient,
    grantType: CLIENT_GRANT_TYPES.saml2BearerClient,
    configuredName: tenant.saml2BearerClient.name,
    alsoNames: [],
    nameFlag: "--client-name-saml2",
    idFlag: "--client-id-saml2",
  };
  const pacing = matchClient(pacingSlot, inv.clients, opts.pacing, opts.adminClientId);
  const saml2 = matchClient(saml2Slot, inv.clients, opts.saml2, opts.adminClientId);
  for (const m of [pacing, saml2]) {
    report.push(...m.notes);
    if (m.refusal) refusals.push(m.refusal);
  }
  if (pacing.client && saml2.client && pacing.client.id === saml2.client.id) {
    refusals.push(`client ${pacing.client.id} cannot be both the ewt and the saml_auth client; pick the clients with --client-id-pacing and --client-id-saml2.`);
  }

  if (pacing.client) {
    differences.push(
      ...clientDifferences(
        pacing.client,
        { address: RESOURCE_ADDRESSES.pacingClient, configKey: "pacingClient", ...tenant.pacingClient },
        inv.roles,
        inv.homeDivisionId,
        effects,
      ),
    );
  }
  if (saml2.client) {
    const c = tenant.saml2BearerClient;
    differences.push(
      ...clientDifferences(
        saml2.client,
        {
          address: RESOURCE_ADDRESSES.saml2BearerClient,
          configKey: "saml2BearerClient",
          name: c.name,
          description: c.description,
          accessTokenValiditySeconds: c.accessTokenValiditySeconds,
          redirectUris: c.authorizedRedirectUris ?? [apps],
          scopes: c.scopes,
        },
        inv.roles,
        inv.homeDivisionId,
        effects,
      ),
    );
  }

  const idp = inv.identityProvider;
  if (idp) {
    report.push(`identity provider: adopting the org's PureEngage identity provider "${String(idp.name ?? "")}" (issuer ${String(idp.issuerURI ?? "")})`);
    differences.push(
      // What the stack deploys, from the one statement of it.
      ...identityProviderDifferences(idp, { address: RESOURCE_ADDRESSES.identityProvider, ...declaredPureEngageFields(tenant, certificates) }, effects),
    );
  } else {
    report.push("identity provider: the org has no PureEngage identity provider: the deploy will create it.");
  }

  const role = inv.roles.find((r) => r.name === tenant.roleGrant.roleName);
  if (role) {
    const has = JOURNEY_AGENT_PERMISSIONS.filter((p) => roleHolds(role.permissionPolicies ?? [], p));
    const missing = JOURNEY_AGENT_PERMISSIONS.filter((p) => !has.includes(p));
    report.push(
      `role ${role.name}: holds ${has.length} of the ${JOURNEY_AGENT_PERMISSIONS.length} Journey permissions` +
        (missing.length > 0 ? `; the deploy adds ${missing.join(", ")} (${RESOURCE_ADDRESSES.roleGrant}, no import needed).` : "; the deploy adds none (no import needed).") +
        (has.length > 0 ? ` Those it holds now are remembered as the role's own: a destroy keeps them.` : ""),
    );
  } else {
    report.push(`role ${tenant.roleGrant.roleName}: the org has no such role; the deploy's plan fails on it. Set roleGrant.roleName to the role auto-provisioned users get.`);
  }

  if (differences.length > 0) {
    report.push("differences between the org and the tenants file (the next plan applies the tenants file's values):");
    for (const d of differences) {
      report.push(`  ${d.address} ${d.field}: org ${d.org}, tenants file (${d.declaredBy}) ${d.declared}: ${EFFECT_TEXT[d.effect]}${d.note ? `; ${d.note}` : ""}`);
    }
  } else if (pacing.client || saml2.client || idp) {
    report.push("no differences: the next plan imports without changing anything in the org.");
  }
  for (const d of differences) {
    if (d.effect === "refused") refusals.push(`${d.address} ${d.field}: ${EFFECT_TEXT.refused}; leave it out of the adoption (the deploy then creates a new one).`);
    if (d.effect === "replace" && !opts.allowReplace) {
      refusals.push(`${d.address} ${d.field}: the next plan would replace the adopted object (new id${d.address.startsWith("genesyscloud_oauth_client") ? " and secret" : ""}); set ${d.declaredBy} to the org's value, or pass --allow-replace.`);
    }
  }

  const adoption: Adoption = {
    tenant: tenant.name,
    organizationId: tenant.organization.id,
    ...(pacing.client ? { pacingClient: { id: pacing.client.id, name: pacing.client.name } } : {}),
    ...(saml2.client ? { saml2BearerClient: { id: saml2.client.id, name: saml2.client.name } } : {}),
    ...(idp ? { identityProvider: { id: "pureengage" as const } } : {}),
  };
  return { tenant: tenant.name, adoption, report, differences, refusals };
}
