import { CheckResult, fail, pass } from "../check-result";
import { deployCommand, type DoctorTarget } from "../doctor-target";

const STAGE: [string, string] = ["rollover-stage", "the key rollover stage deployed is the tenants file's"];

/**
 * The deployed `saml_rollover_stage` against the tenants file's `saml.rollover.stage`, during a key
 * rollover: each stage is one deploy, and the other checks compare the org with what the tenants
 * file declares.
 */
export function checkRolloverStage(target: DoctorTarget): CheckResult[] {
  const [id, title] = STAGE;
  const declared = target.tenant.saml.rollover?.stage ?? "none";
  const deployed = target.outputs.rolloverStage ?? "none";
  // Outside a rollover there is nothing to say.
  if (declared === "none" && deployed === "none") return [];
  const compared = `saml_rollover_stage ${deployed}, tenants file ${declared === "none" ? "declares no rollover" : `saml.rollover.stage ${declared}`}`;
  return [
    deployed === declared
      ? pass(id, title, compared)
      : fail(id, title, compared, `each stage is one deploy: ${deployCommand(target)} (docs/certs.md, "Rolling the key over")`),
  ];
}
