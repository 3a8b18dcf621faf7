// Helpers for end-to-end tests that synthesize stacks and run the real Terraform on them.
export { runTerraform, terraformOk, planActions, describeRun } from "./terraform";
export type { TerraformResult, TerraformOptions } from "./terraform";
export { synthStack } from "./synth-stack";
export type { SynthesizedStack } from "./synth-stack";
export { makeTempDir, removeTempDir } from "./temp-dir";
export { pointHybridOrgAt, adminCredentialsEnv } from "./hybrid-org-at-fake";
export { addPureEngageOrg } from "./pureengage-stack";
export type { PureEngageStackProps } from "./pureengage-stack";
export { GenesysApiClient } from "./genesys-api-client";
export type { ClientCredentials, ApiResponse } from "./genesys-api-client";
export { synthTenantsAtFake, tenantTerraformEnv } from "./tenant-stacks-at-fake";
