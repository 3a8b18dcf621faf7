import { relative } from "path";
import { App, Fn, LocalBackend, PgBackend, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";
import { Construct } from "constructs";
import { HybridOrg } from "../constructs/hybrid-org";
import { JourneyRoleGrant } from "../constructs/journey-role-grant";
import { PacingClient } from "../constructs/pacing-client";
import { PureEngageIdp } from "../constructs/pureengage-idp";
import { Saml2BearerClient } from "../constructs/saml2-bearer-client";
import type { Adoption } from "../core/config/adoption-file";
import { CertificateInfo } from "../core/certs/certificate-check";
import { opensslBase64 } from "../core/certs/pem";
import type { RolloverStageOrNone } from "../core/config/rollover-stage";
import { TenantConfig } from "../core/config/tenant-config";
import { outputsOf, type TransactionObjectOptions } from "../core/contract/option-layout";
import { MANAGED, ORG_CONSTRUCT_ID, OUTPUTS } from "../core/contract/tenant-stack-contract";
import { type KeySetRole, signingSet, tenantKeySets } from "../core/contract/signing-set";
import { terraformVariablePrefix } from "../core/contract/tenant-variables";

export interface TenantStackProps {
  /** The tenant, validated (core/config). */
  readonly tenant: TenantConfig;
  /**
   * The tenant's SAML certificate, read and checked (core/certs `checkCertificate`): its
   * text and bytes are all the stack needs, which also lets a worker thread receive it.
   */
  readonly certificate: Pick<CertificateInfo, "pem" | "bytes">;
  /**
   * The next key set's certificate (`saml.rollover.certificate`), read and checked the same way:
   * required while the tenant declares a rollover, ignored otherwise.
   */
  readonly nextCertificate?: Pick<CertificateInfo, "pem" | "bytes">;
  /**
   * What the org already holds, made by hand, that the stack takes over by import
   * (core/config/adoption-file, `hybrid adopt`): each adopted object gets a Terraform `import` block.
   */
  readonly adoption?: Adoption;
}

/**
 * Everything one Genesys Engage tenant needs in its Genesys Cloud org, and the
 * values of its `hybrid_integration` transaction object as outputs.
 *
 * Its construct ids and outputs are a contract (core/contract/tenant-stack-contract):
 * renaming one makes Terraform replace the resource, which issues new OAuth credentials
 * or drops the identity provider. Its transaction-object outputs follow the one layout
 * (core/contract/option-layout).
 */
export class TenantStack extends TerraformStack {
  public readonly org: HybridOrg;
  public readonly idp: PureEngageIdp;
  public readonly pacingClient: PacingClient;
  public readonly saml2BearerClient: Saml2BearerClient;
  public readonly roleGrant: JourneyRoleGrant;

  constructor(scope: Construct, props: TenantStackProps) {
    const { tenant, certificate, nextCertificate, adoption } = props;
    super(scope, tenant.name);
    const varPrefix = terraformVariablePrefix(tenant.name);
    const rollover = tenant.saml.rollover;
    if (rollover && !nextCertificate) {
      throw new Error(`tenant ${tenant.name} declares saml.rollover: TenantStack needs its next certificate (nextCertificate)`);
    }

    if (tenant.backend.type === "pg") {
      const backend = new PgBackend(this, { connStr: "", schemaName: tenant.backend.schemaName });
      // The connection string holds a password: Terraform takes it from PG_CONN_STR.
      backend.addOverride("conn_str", undefined);
    } else {
      new LocalBackend(this, { path: this.pathFromStackDir(tenant.backend.path) });
    }

    this.org = new HybridOrg(this, ORG_CONSTRUCT_ID, {
      organizationId: tenant.organization.id,
      organizationShortName: tenant.organization.shortName,
      organizationDomainSuffix: tenant.organization.domainSuffix,
      region: tenant.region,
      credentialsVariablePrefix: varPrefix,
    });

    this.idp = new PureEngageIdp(this, MANAGED.identityProvider.id, {
      org: this.org,
      issuerUri: tenant.saml.issuer,
      certificatePem: certificate.pem,
      rollover: rollover && { nextCertificatePem: nextCertificate!.pem, stage: rollover.stage },
      ssoTargetUri: tenant.saml.ssoTargetUri,
      name: tenant.saml.identityProviderName,
      preventDestroy: tenant.preventDestroy,
    });

    this.pacingClient = new PacingClient(this, MANAGED.pacingClient.id, {
      org: this.org,
      name: tenant.pacingClient.name,
      description: tenant.pacingClient.description,
      accessTokenValiditySeconds: tenant.pacingClient.accessTokenValiditySeconds,
      roles: tenant.pacingClient.roles,
      preventDestroy: tenant.preventDestroy,
    });

    this.saml2BearerClient = new Saml2BearerClient(this, MANAGED.saml2BearerClient.id, {
      org: this.org,
      name: tenant.saml2BearerClient.name,
      description: tenant.saml2BearerClient.description,
      accessTokenValiditySeconds: tenant.saml2BearerClient.accessTokenValiditySeconds,
      authorizedRedirectUris: tenant.saml2BearerClient.authorizedRedirectUris,
      scopes: tenant.saml2BearerClient.scopes,
      preventDestroy: tenant.preventDestroy,
    });

    this.roleGrant = new JourneyRoleGrant(this, MANAGED.roleGrant.id, { org: this.org, roleName: tenant.roleGrant.roleName });

    // Import blocks (Terraform >= 1.5 / OpenTofu): the next plan takes these objects over
    // instead of creating new ones; once they are in state the blocks are no-ops.
    if (adoption?.pacingClient) this.pacingClient.adopt(adoption.pacingClient.id);
    if (adoption?.saml2BearerClient) this.saml2BearerClient.adopt(adoption.saml2BearerClient.id);
    if (adoption?.identityProvider) this.idp.adoptExisting();

    // One password variable per key set: the next set's exists only while a rollover is declared.
    const passwords = new Map<KeySetRole, TerraformVariable>();
    for (const set of tenantKeySets(tenant)) {
      const variable = new TerraformVariable(this, set.role === "next" ? "saml-next-key-password" : "saml-key-password", {
        type: "string",
        nullable: false,
        sensitive: true,
        description:
          set.role === "next"
            ? `Password of ${tenant.name}'s next encrypted SAML key (next set's key.pem.enc): saml/password from the rollover's switch stage on; set TF_VAR_${set.passwordVariable}.`
            : `Password of ${tenant.name}'s encrypted SAML key (key.pem.enc): saml/password; set TF_VAR_${set.passwordVariable}.`,
      });
      variable.overrideLogicalId(set.passwordVariable);
      passwords.set(set.role, variable);
    }
    // The transaction object carries the set that signs at the declared stage.
    const signing = signingSet(tenant);

    const e = this.org.endpoints;
    const options: TransactionObjectOptions = {
      general: {
        organization_sname: this.org.organizationShortName,
        organization_id: this.org.organizationId,
        default_agent_role_name: "employee",
        default_admin_role_name: "admin",
        base_auth_url: e.baseAuthUrl,
        base_service_url: e.baseServiceUrl,
      },
      saml: {
        issuer: this.idp.issuer,
        certificate: opensslBase64((signing.role === "next" ? nextCertificate! : certificate).bytes),
        // Read by Terraform at plan time, so the encrypted key never enters the synthesized JSON.
        pkey: Fn.file(this.pathFromStackDir(signing.encryptedKeyBase64File)),
        password: passwords.get(signing.role)!.stringValue,
        expire_time: String(tenant.saml.expireTimeHours),
      },
      // null for a client adopted by import: see adopted_clients.
      saml_auth: { client_id: this.saml2BearerClient.clientId, password: this.saml2BearerClient.clientSecretOrNull },
      ewt: { client_id: this.pacingClient.clientId, password: this.pacingClient.clientSecretOrNull },
      annex: { organization_domain_suffix: this.org.organizationDomainSuffix },
    };
    const values = outputsOf(options);
    new TerraformOutput(this, OUTPUTS.transactionObject, {
      description: "Options of the hybrid_integration transaction object, by section (secrets are in hybrid_integration_secrets).",
      value: values.hybrid_integration,
    });
    new TerraformOutput(this, OUTPUTS.secrets, {
      description: "Secret options of the hybrid_integration transaction object.",
      sensitive: true,
      value: values.hybrid_integration_secrets,
    });

    // Genesys Cloud answers a client's secret only to its creation, and the genesyscloud
    // provider records it only then: an imported client has none in state. Its password
    // is the one the transaction object already holds, so hybrid_integration_secrets has
    // null there (never an empty string posing as a secret), and this lists the sections.
    const adopted = (section: string, client: { readonly adoptedByImport: string }) => `${client.adoptedByImport} ? ["${section}"] : []`;
    new TerraformOutput(this, OUTPUTS.adoptedClients, {
      description:
        "Sections of hybrid_integration whose OAuth client was adopted by import: Terraform has no secret for them, so their password " +
        "(null in hybrid_integration_secrets) is the one the transaction object already holds.",
      value: Token.asList(`\${concat(${adopted("ewt", this.pacingClient)}, ${adopted("saml_auth", this.saml2BearerClient)})}`),
    });

    const stage: RolloverStageOrNone = this.idp.rolloverStage ?? "none";
    new TerraformOutput(this, OUTPUTS.rolloverStage, {
      description:
        "The SAML key rollover stage deployed: publish (the identity provider trusts the next key too), switch (hybrid_integration carries the next key), " +
        "retire (only the next key is trusted), or none.",
      value: stage,
    });

    new TerraformOutput(this, OUTPUTS.firewallHosts, {
      description: "Hosts and ports the on-premises firewall must open to Genesys Cloud.",
      value: e.firewall.map((r) => ({ host: r.host, port: r.port, purpose: r.purpose })),
    });
  }

  /**
   * Only makes sure a backend exists. cdktf's own preparation also resolves every element
   * once more, solely to discover references into other stacks (turning them into remote
   * state look-ups); a tenant stack is built from its tenant alone and holds none, and that
   * pass was a third of synthesis at 1,000 tenants. So nothing added to a tenant stack may
   * reference another stack; the stack tests hold its output equal to cdktf's preparation.
   */
  public prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * A file path as Terraform sees it from the stack's working directory
   * (`<outdir>/stacks/<tenant>`), so the synthesized JSON holds no machine-specific path.
   */
  private pathFromStackDir(file: string): string {
    return relative(`${App.of(this).outdir}/stacks/${this.node.id}`, file);
  }
}
