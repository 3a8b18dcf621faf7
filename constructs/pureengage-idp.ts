import { Token } from "cdktf";
import { Construct } from "constructs";
import { ObjectResource } from "../.gen/providers/restapi/object-resource";
import { pemBody } from "../core/certs/pem";
import { HTTPS_URL, ISSUER_URI, matches } from "../core/config/formats";
import { PUREENGAGE_IDP_PATH } from "../core/genesys/api-paths";
import { IDENTITY_PROVIDER_IMPORT_ID } from "../core/config/adoption-file";
import { isRolloverStage, ROLLOVER_STAGES, type RolloverStage } from "../core/config/rollover-stage";
import { pureEngageFields } from "../core/contract/pureengage-fields";
import type { IHybridOrg } from "./hybrid-org";
import { claimUniqueAcrossApp } from "./unique-across-app";
import { throwProblems } from "./validation";

export interface PureEngageIdpProps {
  /** The org the identity provider is registered in. */
  readonly org: IHybridOrg;

  /**
   * `issuerURI`: the SAML issuer that Genesys Engage puts in its assertions. Must
   * equal `saml/issuer` of the transaction object exactly, and no two identity
   * providers may share it.
   */
  readonly issuerUri: string;

  /**
   * The SAML signing certificate, PEM (the tenant's cert.pem). The identity
   * provider gets its body without the BEGIN/END lines, as the seed asks.
   */
  readonly certificatePem: string;

  /**
   * A key rollover under way (docs/certs.md, "Rolling the key over"): the next signing
   * certificate, trusted beside `certificatePem` from the publish stage, signing from the
   * switch, alone after the retire stage. Each stage is an in-place update.
   *
   * @default - no rollover: the identity provider trusts `certificatePem` alone
   */
  readonly rollover?: SamlKeyRollover;

  /**
   * `ssoTargetURI`: where Genesys Cloud sends the browser after a SAML login.
   *
   * @default - the region's apps URL, e.g. https://apps.mypurecloud.ie
   */
  readonly ssoTargetUri?: string;

  /**
   * `name` of the identity provider.
   *
   * @default "Genesys Engage"
   */
  readonly name?: string;

  /**
   * `autoProvisionUsers`. Only `true` is accepted: the seed's troubleshooting
   * says the integration fails without it, since agents are created on their
   * first token exchange.
   *
   * @default true
   */
  readonly autoProvisionUsers?: boolean;

  /**
   * Refuse to destroy the identity provider (Terraform `prevent_destroy`).
   * Deleting it breaks every agent's token exchange until it is recreated.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** The next signing key of a {@link PureEngageIdp}, and how far its rollover got. */
export interface SamlKeyRollover {
  /** The next key set's certificate, PEM (its cert.pem). */
  readonly nextCertificatePem: string;
  /** `publish`, `switch` or `retire`, deployed in that order. */
  readonly stage: RolloverStage;
}

/**
 * The org's PureEngage SAML identity provider (`PUT /api/v2/identityproviders/pureengage`).
 *
 * The genesyscloud provider has no resource for it, so it is a `restapi_object`:
 * a singleton at a fixed path, created and updated with PUT, read with GET and
 * deleted with DELETE on that same path. Only the fields the seed sets are sent;
 * what the server adds (`id`, `selfUri`) lands in `api_data` and never in a diff.
 */
export class PureEngageIdp extends Construct {
  /** The issuer URI, for `saml/issuer` of the transaction object. */
  public readonly issuer: string;
  /** Genesys Cloud's id of the singleton, also its Terraform id. */
  public readonly identityProviderId = "pureengage";
  /** The rollover stage deployed, or undefined outside a rollover. */
  public readonly rolloverStage?: RolloverStage;
  private readonly resource: ObjectResource;

  constructor(scope: Construct, id: string, props: PureEngageIdpProps) {
    super(scope, id);
    const current = pemBody(props.certificatePem, "CERTIFICATE", `${this.node.path} certificatePem`);
    const next = props.rollover && pemBody(props.rollover.nextCertificatePem, "CERTIFICATE", `${this.node.path} rollover.nextCertificatePem`);
    this.validate(props, current, next);
    this.issuer = props.issuerUri;
    this.rolloverStage = props.rollover?.stage;

    const body = pureEngageFields({
      name: props.name ?? "Genesys Engage",
      issuerUri: props.issuerUri,
      ssoTargetUri: props.ssoTargetUri ?? props.org.endpoints.appsUrl,
      certificate: current,
      rollover: props.rollover && { certificate: next!, stage: props.rollover.stage },
    });

    // "Default" keeps the Terraform address the construct's own id: restapi_object.<id>.
    this.resource = new ObjectResource(this, "Default", {
      provider: props.org.restapiProvider,
      path: PUREENGAGE_IDP_PATH,
      createPath: PUREENGAGE_IDP_PATH,
      readPath: PUREENGAGE_IDP_PATH,
      updatePath: PUREENGAGE_IDP_PATH,
      destroyPath: PUREENGAGE_IDP_PATH,
      createMethod: "PUT",
      updateMethod: "PUT",
      destroyMethod: "DELETE",
      // A fixed id: the endpoint is a singleton, and its response id is not part of the API contract.
      objectId: this.identityProviderId,
      data: JSON.stringify(body),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });

    // The seed: "Ensure that you don't have multiple issuers with the same URI".
    // Tenants are separate stacks, so this is checked across the whole app.
    if (!Token.isUnresolved(props.issuerUri)) {
      claimUniqueAcrossApp(this, "issuerUri", props.issuerUri, (other) =>
        `${this.node.path}: issuerUri "${this.issuer}" is also the issuer of ${other.node.path}; give every tenant its own issuer URI.`,
      );
    }
  }

  /**
   * Takes over the org's identity provider made by hand (`hybrid adopt` found it) by a
   * Terraform import instead of creating it; the next apply updates it in place.
   */
  public adoptExisting(): void {
    this.resource.importFrom(IDENTITY_PROVIDER_IMPORT_ID);
  }

  private validate(props: PureEngageIdpProps, current: string, next: string | undefined): void {
    const problems: string[] = [];
    if (props.rollover && !isRolloverStage(props.rollover.stage)) {
      problems.push(`rollover.stage "${String(props.rollover.stage)}" is not a stage; use one of ${ROLLOVER_STAGES.join(", ")}, deployed in that order.`);
    }
    if (next !== undefined && next === current) {
      problems.push("rollover.nextCertificatePem is the current certificate; give the next key set's certificate (hybrid certs rotate --next makes one).");
    }
    if (props.autoProvisionUsers === false) {
      problems.push("autoProvisionUsers is false; the PureEngage identity provider must auto-provision users (seed troubleshooting), so leave it unset or true.");
    }
    if (!Token.isUnresolved(props.issuerUri) && !matches(ISSUER_URI, props.issuerUri)) {
      problems.push(`issuerUri "${props.issuerUri}" is not an absolute http(s) URL or URN; use the issuer Genesys Engage signs with, e.g. https://engage.example.com/pureengage.`);
    }
    if (props.ssoTargetUri !== undefined && !Token.isUnresolved(props.ssoTargetUri) && !matches(HTTPS_URL, props.ssoTargetUri)) {
      problems.push(`ssoTargetUri "${props.ssoTargetUri}" is not an https URL; use the region's apps URL, e.g. https://apps.mypurecloud.com, or leave it unset.`);
    }
    throwProblems(this.node.path, problems);
  }
}
