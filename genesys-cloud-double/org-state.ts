import { randomUUID } from "crypto";
import { FactoryRole, factoryRoles } from "./factory-roles";

/** A role granted in a division (`Roledivision`); divisionId `*` is every division. */
export interface RoleDivision {
  roleId: string;
  divisionId: string;
}

/** A reference to an entity (`Domainentityref`). */
export interface EntityRef {
  id: string;
  selfUri?: string;
}

export type GrantType = "CLIENT-CREDENTIALS" | "SAML2-BEARER" | "CODE" | "TOKEN" | "PASSWORD";
export const GRANT_TYPES: readonly GrantType[] = ["CLIENT-CREDENTIALS", "SAML2-BEARER", "CODE", "TOKEN", "PASSWORD"];

/**
 * An OAuth client as the API answers it (`Oauthclient`, platformclientv2/oauthclient.go) without
 * its secret: the secret is never part of the org's state (see `oauth.ts`, which keeps a digest).
 */
export interface OAuthClientState {
  id: string;
  name: string;
  accessTokenValiditySeconds: number;
  description?: string;
  registeredRedirectUri?: string[];
  roleIds?: string[];
  dateCreated: string;
  dateModified: string;
  createdBy?: EntityRef;
  modifiedBy?: EntityRef;
  authorizedGrantType: GrantType;
  scope?: string[];
  /** The role grants the client holds (client-credentials clients only). */
  roleDivisions?: RoleDivision[];
  state: "active" | "inactive" | "disabled";
  dateToDelete?: string;
  selfUri: string;
}

/** A resource condition of a policy (`Domainresourceconditionnode`), kept as sent. */
export type ResourceConditionNode = Record<string, unknown>;

/** A permission policy of a role (`Domainpermissionpolicy`), with the model's fields only. */
export interface PermissionPolicy {
  domain: string;
  entityName: string;
  policyName?: string;
  policyDescription?: string;
  actionSet: string[];
  namedResources?: string[];
  allowConditions: boolean;
  resourceConditionNode?: ResourceConditionNode;
}

/** A role of the org (`Domainorganizationrole`), without the fields computed when answering (userCount, selfUri). */
export interface RoleState {
  id: string;
  name: string;
  description?: string;
  /** The factory role it is (`admin`, `employee`, `trustedUser`), for factory roles only. */
  defaultRoleId?: string;
  permissions: string[];
  permissionPolicies: PermissionPolicy[];
  /** True for factory (default) roles. */
  default: boolean;
  base: boolean;
}

/** A division (`Authzdivision`). */
export interface DivisionState {
  id: string;
  name: string;
  description?: string;
  homeDivision: boolean;
}

/**
 * A user of the org (`User`, platformclientv2/user.go), the fields the double keeps, with the
 * roles granted to the user (in the home division). Made by the SAML2 Bearer grant's auto-provisioning.
 */
export interface UserState {
  id: string;
  name: string;
  email: string;
  username: string;
  state: "active" | "inactive" | "deleted";
  divisionId: string;
  version: number;
  /** Ids of the roles the user holds (`GET /api/v2/users/{id}/roles`). */
  roleIds: string[];
  dateCreated: string;
}

/**
 * An integration credential (`Credentialinfo`, platformclientv2/credentialinfo.go) without its field values:
 * those are secrets (a `pureCloudOAuthClient` credential holds a client's secret), so only their names are
 * part of the org's state (see `integration-credentials.ts`, which keeps digests).
 */
export interface IntegrationCredentialState {
  id: string;
  name: string;
  /** The credential type's name, e.g. `pureCloudOAuthClient`. */
  typeName: string;
  /** Names of the `credentialFields` it was given, e.g. `clientId`, `clientSecret`. */
  fieldNames: string[];
  createdDate: string;
  modifiedDate: string;
}

/**
 * What the SAML identity provider models of the Platform API share, with their JSON
 * field names as the Go SDK (mypurecloud/platform-client-sdk-go, platformclientv2/*.go)
 * names them. `id` and `selfUri` are set by the server.
 */
export interface SamlIdentityProviderFields {
  id: string;
  name?: string;
  disabled?: boolean;
  issuerURI: string;
  ssoTargetURI?: string;
  sloURI?: string;
  sloBinding?: string;
  relyingPartyIdentifier?: string;
  certificate?: string;
  certificates?: string[];
  logoImageData?: string;
  nameIdentifierFormat?: string;
  ssoBinding?: string;
  signAuthnRequests?: boolean;
  providerName?: string;
  displayOnLogin?: boolean;
  selfUri: string;
}

/** The `PureEngage` model (platformclientv2/pureengage.go). */
export interface PureEngageIdentityProvider extends SamlIdentityProviderFields {
  autoProvisionUsers?: boolean;
}

/**
 * The `GenericSAML` model (platformclientv2/genericsaml.go): the "Generic SSO Provider" an
 * administrator configures in Admin > Single Sign-on. The double keeps it because a second
 * provider with the PureEngage provider's issuer is one of the seed's troubleshooting cases.
 */
export interface GenericSamlIdentityProvider extends SamlIdentityProviderFields {
  metadataURL?: string;
  forceAuthn?: boolean;
  endpointCompression?: boolean;
}

/** Any SAML identity provider of the org, as the list answers it (`Samlprovider`). */
export type SamlProvider = PureEngageIdentityProvider | GenericSamlIdentityProvider;

/**
 * Everything the double holds for one Genesys Cloud organization. One field per
 * API area; each area's routes live in a file of their own.
 */
export interface OrgState {
  readonly id: string;
  readonly shortName: string;
  readonly defaultCountryCode: string;
  /** Product ids the org has (`/api/v2/authorization/products`), e.g. `journey` for Predictive Engagement. */
  readonly products: string[];
  readonly homeDivision: DivisionState;
  /** Roles by id (the factory roles `admin`, `employee` and `trustedUser` among them). */
  readonly roles: Record<string, RoleState>;
  /** OAuth clients of the org, by client id (the Terraform admin client among them). */
  readonly oauthClients: Record<string, OAuthClientState>;
  /** Identity providers, by their fixed API id (`pureengage`, ...). */
  readonly identityProviders: { pureengage?: PureEngageIdentityProvider; generic?: GenericSamlIdentityProvider };
  /**
   * Users by id (auto-provisioned by the SAML2 Bearer grant, see `saml2-bearer.ts`); made with the
   * first user, so an org without users looks as it did before the double had users.
   */
  users?: Record<string, UserState>;
  /** Integration credentials by id; made with the first one, as `users`. */
  integrationCredentials?: Record<string, IntegrationCredentialState>;
  /** Which of a SAML provider's certificates verify an assertion (`addOrg`'s `samlCertificates`). */
  readonly samlCertificates: "listed" | "certificate-only";
}

/**
 * Products of a new org, unless `addOrg` is told otherwise: `journey` (Predictive Engagement, which this project
 * needs), `botFlows` (the provider's TestAccDataSourceAuthorizationProduct looks it up) and `voice` (the provider's
 * telephony tests expect it of a test org). A real org lists more; nothing on disk says which.
 */
export const DEFAULT_PRODUCTS: readonly string[] = ["botFlows", "journey", "voice"];

/** A role of the org made from a factory role: the role a new org has, or one `PUT .../roles/default` restores. */
export function roleFromFactory(factory: FactoryRole, id: string): RoleState {
  return {
    id,
    name: factory.name,
    description: factory.description,
    defaultRoleId: factory.defaultRoleId,
    permissions: [...factory.permissions],
    permissionPolicies: factory.policies.map(([domain, entityName, actions]) => ({ domain, entityName, actionSet: [...actions], allowConditions: false })),
    default: true,
    base: false,
  };
}

export function newOrgState(
  id: string,
  shortName: string,
  opts: { products?: readonly string[]; defaultCountryCode?: string; samlCertificates?: OrgState["samlCertificates"] } = {},
): OrgState {
  const products = [...(opts.products ?? DEFAULT_PRODUCTS)];
  const roles = Object.fromEntries(factoryRoles(products).map((f) => roleFromFactory(f, randomUUID())).map((r) => [r.id, r]));
  return {
    id,
    shortName,
    defaultCountryCode: opts.defaultCountryCode ?? "US",
    products,
    homeDivision: { id: randomUUID(), name: "Home", description: "Home Division", homeDivision: true },
    roles,
    oauthClients: {},
    identityProviders: {},
    samlCertificates: opts.samlCertificates ?? "listed",
  };
}

/** The org's role called `name`, or undefined. */
export function roleByName(org: OrgState, name: string): RoleState | undefined {
  return Object.values(org.roles).find((r) => r.name === name);
}

/** A deep copy, for before/after comparisons that later requests cannot change. */
export function cloneOrgState(org: OrgState): OrgState {
  return structuredClone(org);
}
