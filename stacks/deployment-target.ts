import { Aspects, IAspect, TerraformStack, TerraformVariable } from "cdktf";
import { IConstruct } from "constructs";
import { GenesyscloudProvider } from "../.gen/providers/genesyscloud/provider";
import { RestapiProvider } from "../.gen/providers/restapi/provider";
import { HybridOrg } from "../constructs/hybrid-org";
import { type DeploymentTarget, SANDBOX_URL_ENV, SANDBOX_VARIABLE } from "../core/contract/deployment-target";

/**
 * Makes a tenant stack deploy to `target`. Every stack gets the plan-time guard
 * variable; a sandbox stack also has its orgs' providers pointed at the sandbox (its
 * state in the sandbox's state folder is the tenant's backend: see addTenantStacks).
 */
export function applyDeploymentTarget(stack: TerraformStack, orgs: readonly HybridOrg[], target: DeploymentTarget): void {
  const expected = target.kind === "sandbox" ? target.url : "";
  const guard = new TerraformVariable(stack, SANDBOX_VARIABLE, {
    type: "string",
    default: "",
    description: "Set by a sandbox's sandbox.env; must match the target this stack was synthesized for.",
    validation: [
      target.kind === "sandbox"
        ? {
            condition: `\${var.${SANDBOX_VARIABLE} == "${expected}"}`,
            errorMessage: `This stack was synthesized for the sandbox at ${expected}, but the environment does not point at it (TF_VAR_${SANDBOX_VARIABLE} is not "${expected}"): source that sandbox's sandbox.env, or synthesize again without ${SANDBOX_URL_ENV} to deploy to Genesys Cloud.`,
          }
        : {
            condition: `\${var.${SANDBOX_VARIABLE} == ""}`,
            errorMessage: `This stack deploys to Genesys Cloud, but the environment points at a sandbox (TF_VAR_${SANDBOX_VARIABLE} is set, from a sandbox.env): use a shell without the sandbox's variables, or synthesize with the sandbox's ${SANDBOX_URL_ENV} to rehearse there.`,
          },
    ],
  });
  guard.overrideLogicalId(SANDBOX_VARIABLE);
  // Aspects run in the order they are added: pointed at the sandbox first, so that the guard wraps the sandbox's URL.
  if (target.kind !== "genesys-cloud") for (const org of orgs) pointOrgAt(org, target.url);
  for (const org of orgs) Aspects.of(org).add(new ConfigureAfterGuard(`var.${SANDBOX_VARIABLE}`));
}

/**
 * Makes each provider's configuration refer to the guard variable, so Terraform
 * configures the provider only once the guard's validation passed: a stack planned
 * from the wrong environment stops before any provider contacts any host. The value
 * itself is unchanged (the same on both branches).
 */
class ConfigureAfterGuard implements IAspect {
  constructor(private readonly guard: string) {}

  visit(node: IConstruct): void {
    const guarded = (value: string) => `\${${this.guard} == "" ? ${JSON.stringify(value)} : ${JSON.stringify(value)}}`;
    if (node instanceof RestapiProvider && node.uri && !node.uri.startsWith("${")) node.uri = guarded(node.uri);
    else if (node instanceof GenesyscloudProvider && node.awsRegion && !node.awsRegion.startsWith("${")) node.awsRegion = guarded(node.awsRegion);
  }
}

/**
 * Points an org's providers at a Genesys Cloud double or sandbox on loopback: the
 * restapi provider's `uri` and OAuth token endpoint, and the genesyscloud provider's
 * `gateway` (which replaces its region's login and API hosts). An aspect, so it also
 * reaches the genesyscloud provider the org adds on first use, whenever that is.
 */
export function pointOrgAt(org: HybridOrg, baseUrl: string): void {
  Aspects.of(org).add(new PointAtLoopback(new URL(baseUrl)));
}

class PointAtLoopback implements IAspect {
  constructor(private readonly url: URL) {}

  visit(node: IConstruct): void {
    const base = this.url.origin;
    if (node instanceof RestapiProvider) {
      const creds = node.oauthClientCredentials;
      if (!creds) throw new Error(`${node.node.path}: the restapi provider has no oauth_client_credentials to redirect`);
      node.uri = base;
      node.oauthClientCredentials = { ...creds, oauthTokenEndpoint: `${base}/oauth/token` };
    } else if (node instanceof GenesyscloudProvider) {
      // The provider ignores its GENESYSCLOUD_GATEWAY_* variables unless a gateway block exists.
      node.gateway = [{ host: this.url.hostname, port: this.url.port, protocol: this.url.protocol.replace(":", "") }];
      // genesyscloud 1.82.0 fills its SDK client pool from several goroutines that all read
      // the gateway block at once, and crashes now and then ("concurrent map writes" in
      // setupGateway); one pooled client reads it once.
      node.tokenPoolSize = 1;
    }
  }
}
