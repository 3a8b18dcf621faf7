import type { RolloverStage } from "../config/rollover-stage";
import type { TenantConfig } from "../config/tenant-config";
import { regionEndpoints } from "../genesys/regions";

/**
 * What a PureEngage identity provider is declared with, in Genesys Cloud's terms; the
 * certificates are base64 DER (a cert.pem's body without its BEGIN/END lines).
 */
export interface PureEngageDeclaration {
  readonly name: string;
  readonly issuerUri: string;
  readonly ssoTargetUri: string;
  /** The current key set's certificate. */
  readonly certificate: string;
  /** A key rollover under way: the next set's certificate and the stage reached. */
  readonly rollover?: { readonly certificate: string; readonly stage: RolloverStage };
}

/** The identity provider's fields as declared: the body `PUT /api/v2/identityproviders/pureengage` sends. */
export interface PureEngageFields {
  readonly name: string;
  readonly autoProvisionUsers: true;
  /** The certificate of the key the transaction object signs with. */
  readonly certificate: string;
  /** Every certificate the identity provider trusts, the signing one first. */
  readonly certificates: readonly string[];
  readonly issuerURI: string;
  readonly ssoTargetURI: string;
  readonly disabled: false;
}

/**
 * The one statement of the identity provider's declared fields: `PureEngageIdp` sends them, and
 * `hybrid doctor` (and drift) compare the org's identity provider with them.
 *
 * The trusted certificates by rollover stage (docs/certs.md, "Rolling the key over"):
 * - none: `certificate` current, `certificates` [current];
 * - publish: `certificate` current, `certificates` [current, next]: the next key is trusted before anyone signs with it;
 * - switch: `certificate` next, `certificates` [next, current]: the transaction object signs with the next key, the current one still works;
 * - retire: `certificate` next, `certificates` [next]: what the tenant declares once the next set is moved into place and `rollover` removed, so that edit changes nothing.
 */
export function pureEngageFields(d: PureEngageDeclaration): PureEngageFields {
  const current = d.certificate;
  const next = d.rollover?.certificate;
  const trusted: Record<RolloverStage | "none", readonly string[]> = {
    none: [current],
    publish: [current, next!],
    switch: [next!, current],
    retire: [next!],
  };
  const certificates = trusted[d.rollover?.stage ?? "none"];
  return {
    name: d.name,
    autoProvisionUsers: true,
    certificate: certificates[0],
    certificates,
    issuerURI: d.issuerUri,
    ssoTargetURI: d.ssoTargetUri,
    disabled: false,
  };
}

/** A certificate body as an identity provider holds it, whitespace removed; undefined when not a non-empty string. */
export function compactCertificate(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.replace(/\s+/g, "") : undefined;
}

/**
 * The certificates an identity provider trusts, as the org answers or a plan holds its fields:
 * its `certificate` first, then its `certificates` (one deployed before `certificates` lists
 * `certificate` alone), each compacted, once.
 */
export function trustedCertificates(idp: { readonly certificate?: unknown; readonly certificates?: unknown }): string[] {
  const listed: unknown[] = Array.isArray(idp.certificates) ? idp.certificates : [];
  return [...new Set([idp.certificate, ...listed].map(compactCertificate).filter((c): c is string => c !== undefined))];
}

/** The certificates' bodies a tenant declares: its current set's, and its next set's during a rollover. */
export interface TenantCertificateBodies {
  readonly current: string;
  readonly next?: string;
}

/**
 * {@link pureEngageFields} of a tenant of the tenants file (defaults applied), given the bodies
 * of its certificate files: what its stack deploys, for services that compare an org with it.
 */
export function declaredPureEngageFields(tenant: TenantConfig, bodies: TenantCertificateBodies): PureEngageFields {
  const rollover = tenant.saml.rollover;
  if (rollover && bodies.next === undefined) throw new Error(`tenant ${tenant.name} declares a rollover: its next certificate's body is needed`);
  return pureEngageFields({
    name: tenant.saml.identityProviderName,
    issuerUri: tenant.saml.issuer,
    ssoTargetUri: tenant.saml.ssoTargetUri ?? regionEndpoints(tenant.region).appsUrl,
    certificate: bodies.current,
    rollover: rollover && { certificate: bodies.next!, stage: rollover.stage },
  });
}
