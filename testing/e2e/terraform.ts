// The Terraform runner lives in lib/ (the demo and the CLI use it too); tests import it from here.
export { runTerraform, terraformOk, planActions, describeRun } from "../../core/terraform/terraform";
export type { TerraformResult, TerraformOptions } from "../../core/terraform/terraform";
