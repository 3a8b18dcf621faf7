import type { RolloverStage } from "./rollover-stage";

/**
 * One tenant of the tenants file, after defaults are merged and every field is
 * validated. Paths are absolute. This is what stacks are built from.
 */
export interface TenantConfig {
  /** Tenant name: lowercase letters, digits and dashes. Names the stack. */
  readonly name: string;
  /** Genesys Cloud region, e.g. `eu-west-1` (see core/genesys/regions.ts). */
  readonly region: string;
  readonly organization: {
    /** Genesys Cloud organization id (a UUID): `general/organization_id`. */
    readonly id: string;
    /** Organization short name: `general/organization_sname`. */
    readonly shortName: string;
    /** `annex/organization_domain_suffix`, a DNS top-level domain. Default `com`. */
    readonly domainSuffix: string;
  };
  readonly saml: {
    /** IdP issuer URI, absolute: `saml/issuer` and the IdP's `issuerURI`. */
    readonly issuer: string;
    /** Absolute path of the tenant's cert.pem (`hybrid certs create`). */
    readonly certificate: string;
    /** The IdP's `ssoTargetURI`. Default: the region's apps URL. */
    readonly ssoTargetUri?: string;
    /** `saml/expire_time`, hours. Default 24. */
    readonly expireTimeHours: number;
    /** Name of the PureEngage identity provider. Default "Genesys Engage". */
    readonly identityProviderName: string;
    /** A key rollover under way, or undefined. */
    readonly rollover?: SamlRolloverConfig;
  };
  readonly pacingClient: {
    /** Default "PureEngage Client Credentials". */
    readonly name: string;
    readonly description: string;
    /** 300..172800. Default 86400. */
    readonly accessTokenValiditySeconds: number;
    /** Roles granted to the client, each in the home division. Default ["admin"]. */
    readonly roles: readonly string[];
  };
  readonly saml2BearerClient: {
    readonly name: string;
    readonly description: string;
    /** 300..172800. Default 86400. */
    readonly accessTokenValiditySeconds: number;
    /** Default: the region's apps URL. */
    readonly authorizedRedirectUris?: readonly string[];
    readonly scopes: readonly string[];
  };
  readonly roleGrant: {
    /** Role that gets the Predictive Engagement permissions. Default "employee". */
    readonly roleName: string;
  };
  /** Clients and IdP carry `prevent_destroy` unless this is false. Default true. */
  readonly preventDestroy: boolean;
  readonly backend: LocalBackendConfig | PgBackendConfig;
}

/** `saml.rollover`: the next key set, and how far the rollover got. */
export interface SamlRolloverConfig {
  /** Absolute path of the next set's cert.pem (`hybrid certs rotate --next`). */
  readonly certificate: string;
  readonly stage: RolloverStage;
}

export interface LocalBackendConfig {
  readonly type: "local";
  /** Absolute path of the state file. Default `<tenants file dir>/state/<tenant>.tfstate`. */
  readonly path: string;
}

export interface PgBackendConfig {
  readonly type: "pg";
  /** PostgreSQL schema holding this tenant's state. Default `hybrid_<tenant with _>`. */
  readonly schemaName: string;
  // The connection string is a secret: Terraform reads it from PG_CONN_STR at plan time.
}
