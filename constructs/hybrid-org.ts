import { TerraformProvider, TerraformVariable, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DataGenesyscloudAuthDivisionHome } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-division-home";
import { DataGenesyscloudAuthRole } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-role";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { RestapiProvider } from "../.gen/providers/restapi/provider";
import { DOMAIN_SUFFIX, matches, ORGANIZATION_ID, ORGANIZATION_SHORT_NAME } from "../core/config/formats";
import { regionEndpoints, RegionEndpoints, REGION_NAMES } from "../core/genesys/regions";
import { credentialVariableNames } from "../core/contract/tenant-variables";
import { claimUniqueAcrossApp } from "./unique-across-app";
import { throwProblems } from "./validation";

const VARIABLE_PREFIX = /^[a-z][a-z0-9_]*$/;

export interface HybridOrgProps {
  /**
   * Genesys Cloud organization id, as Admin > Account Settings > Organization
   * Settings > Advanced shows it. Becomes `general/organization_id`.
   */
  readonly organizationId: string;

  /** Organization short name. Becomes `general/organization_sname`. */
  readonly organizationShortName: string;

  /**
   * Genesys Cloud region, named as the genesyscloud provider's `aws_region`
   * names it (`us-east-1`, `eu-west-1`, `ap-southeast-2`, `ca-central-1`, ...).
   */
  readonly region: string;

  /**
   * Appended to the short name to make an e-mail-like user name when a Genesys
   * Engage agent's user name is not an e-mail address.
   * Becomes `annex/organization_domain_suffix`.
   *
   * @default "com"
   */
  readonly organizationDomainSuffix?: string;

  /**
   * Prefix of the two Terraform variables that carry this org's Terraform
   * admin OAuth client (`<prefix>_admin_client_id`, `<prefix>_admin_client_secret`,
   * set as `TF_VAR_<prefix>_admin_client_id` ...). Each org has its own admin
   * client, so stacks for several orgs deployed together need distinct prefixes.
   *
   * @default "genesyscloud"
   */
  readonly credentialsVariablePrefix?: string;
}

/**
 * A Genesys Cloud organization, as the other constructs use it: its facts, its region's
 * URLs, the look-ups of its roles and home division, and the providers that reach its API
 * with its own Terraform admin client.
 */
export interface IHybridOrg extends IConstruct {
  /** `general/organization_id`. */
  readonly organizationId: string;
  /** `general/organization_sname`. */
  readonly organizationShortName: string;
  /** `annex/organization_domain_suffix`. */
  readonly organizationDomainSuffix: string;
  /** The region, as the genesyscloud provider names it (`eu-west-1`, ...). */
  readonly region: string;
  /** Region URLs: base auth and service URLs, apps URL and firewall rules. */
  readonly endpoints: RegionEndpoints;
  /** Names of the Terraform variables holding the admin client id and secret. */
  readonly credentialVariableNames: { readonly clientId: string; readonly clientSecret: string };
  /** The restapi provider of the org's API (what the genesyscloud provider has no resource for). */
  readonly restapiProvider: TerraformProvider;
  /** The genesyscloud provider of the org's region and admin client. */
  readonly genesyscloudProvider: TerraformProvider;
  /** Id of the org's home division, where the OAuth clients' roles are granted. */
  readonly homeDivisionId: string;
  /** Id of the org's role named `name`; the plan fails when the org has none. */
  roleId(name: string): string;
}

/**
 * One Genesys Cloud organization: its region's URLs, and the provider
 * configurations that reach its API with the org's own Terraform admin client:
 * the genesyscloud provider (OAuth clients, role and division look-ups) and the
 * restapi provider (what the genesyscloud provider has no resource for).
 *
 * The admin client's id and secret are Terraform variables, read from the
 * environment at plan time, so no credential is ever part of the synthesized
 * configuration.
 *
 * The genesyscloud provider and the look-ups are added when first used, so a stack
 * that only registers the identity provider needs the restapi provider alone.
 */
export class HybridOrg extends Construct implements IHybridOrg {
  public readonly organizationId: string;
  public readonly organizationShortName: string;
  public readonly organizationDomainSuffix: string;
  public readonly region: string;
  /** Region URLs: base auth and service URLs, apps URL and firewall rules. */
  public readonly endpoints: RegionEndpoints;
  /** The restapi provider configured for this org's API (used by {@link PureEngageIdp}). */
  public readonly restapiProvider: RestapiProvider;
  /** Names of the Terraform variables holding the admin client id and secret. */
  public readonly credentialVariableNames: { readonly clientId: string; readonly clientSecret: string };

  private readonly adminClientId: string;
  private readonly adminClientSecret: string;
  private genesyscloud?: GenesyscloudProvider;
  private homeDivision?: DataGenesyscloudAuthDivisionHome;
  private readonly roles = new Map<string, DataGenesyscloudAuthRole>();

  constructor(scope: Construct, id: string, props: HybridOrgProps) {
    super(scope, id);
    const prefix = props.credentialsVariablePrefix ?? "genesyscloud";
    this.validate(props, prefix);

    this.organizationId = props.organizationId;
    this.organizationShortName = props.organizationShortName;
    this.organizationDomainSuffix = props.organizationDomainSuffix ?? "com";
    this.region = props.region;
    this.endpoints = regionEndpoints(props.region);

    const names = credentialVariableNames(prefix);
    const clientId = new TerraformVariable(this, "admin-client-id", {
      type: "string",
      nullable: false,
      description: `Client id of the Terraform admin OAuth client (Client Credentials) of Genesys Cloud org ${props.organizationShortName}; set TF_VAR_${names.adminClientId}.`,
    });
    clientId.overrideLogicalId(names.adminClientId);
    const clientSecret = new TerraformVariable(this, "admin-client-secret", {
      type: "string",
      nullable: false,
      sensitive: true,
      description: `Secret of that admin OAuth client; set TF_VAR_${names.adminClientSecret}.`,
    });
    clientSecret.overrideLogicalId(names.adminClientSecret);
    this.credentialVariableNames = { clientId: names.adminClientId, clientSecret: names.adminClientSecret };
    this.adminClientId = clientId.stringValue;
    this.adminClientSecret = clientSecret.stringValue;

    this.restapiProvider = new RestapiProvider(this, "restapi", {
      uri: this.endpoints.apiUrl,
      oauthClientCredentials: {
        oauthClientId: clientId.stringValue,
        oauthClientSecret: clientSecret.stringValue,
        oauthTokenEndpoint: this.endpoints.baseAuthUrl,
      },
      // The API answers PUT with the stored object, so state is filled from it
      // without a second request.
      writeReturnsObject: true,
      // restapi waits forever by default; a hung API must not hang a pipeline.
      timeout: 60,
    });

    // The seed: each tenant needs its own Genesys Cloud org. Tenants are separate
    // stacks, so this is checked across the whole app.
    if (!Token.isUnresolved(props.organizationId)) {
      claimUniqueAcrossApp(this, "organizationId", props.organizationId.toLowerCase(), (other) =>
        `${this.node.path}: organizationId "${this.organizationId}" is also the org of ${other.node.path}; every tenant needs its own Genesys Cloud org.`,
      );
    }
  }

  /** The genesyscloud provider configured for this org's region and admin client. */
  public get genesyscloudProvider(): GenesyscloudProvider {
    this.genesyscloud ??= new GenesyscloudProvider(this, "genesyscloud", {
      awsRegion: this.region,
      oauthclientId: this.adminClientId,
      oauthclientSecret: this.adminClientSecret,
    });
    return this.genesyscloud;
  }

  /** Id of the org's home division, where the OAuth clients' roles are granted. */
  public get homeDivisionId(): string {
    this.homeDivision ??= new DataGenesyscloudAuthDivisionHome(this, "home-division", { provider: this.genesyscloudProvider });
    return this.homeDivision.id;
  }

  /**
   * Id of the org's role named `name` (`admin`, `employee`, ...), looked up once per
   * name. The plan fails when the org has no such role.
   */
  public roleId(name: string): string {
    let role = this.roles.get(name);
    if (!role) {
      role = new DataGenesyscloudAuthRole(this, `role-${name}`, { provider: this.genesyscloudProvider, name });
      this.roles.set(name, role);
    }
    return role.id;
  }

  private validate(props: HybridOrgProps, prefix: string): void {
    const where = this.node.path;
    const problems: string[] = [];
    if (!Token.isUnresolved(props.organizationId) && !matches(ORGANIZATION_ID, props.organizationId)) {
      problems.push(`organizationId "${props.organizationId}" is not a UUID; copy the Organization ID from Admin > Organization Settings > Advanced.`);
    }
    if (!Token.isUnresolved(props.organizationShortName) && !matches(ORGANIZATION_SHORT_NAME, props.organizationShortName)) {
      problems.push(`organizationShortName "${props.organizationShortName}" is not an org short name (letters, digits, dashes); copy the Short Name from Admin > Organization Settings > Advanced.`);
    }
    if (!Token.isUnresolved(props.region) && !REGION_NAMES.includes(props.region)) {
      problems.push(`region "${props.region}" is unknown; use one of: ${REGION_NAMES.join(", ")}.`);
    }
    const suffix = props.organizationDomainSuffix;
    if (suffix !== undefined && !Token.isUnresolved(suffix) && !matches(DOMAIN_SUFFIX, suffix)) {
      problems.push(`organizationDomainSuffix "${suffix}" is not a DNS top-level domain; use e.g. "com" or "de".`);
    }
    if (!VARIABLE_PREFIX.test(prefix)) {
      problems.push(`credentialsVariablePrefix "${prefix}" cannot name a Terraform variable; use lowercase letters, digits and underscores, starting with a letter.`);
    }
    throwProblems(where, problems);
  }
}
