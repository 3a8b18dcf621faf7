/**
 * The stages of a SAML key rollover, in the order they are deployed (docs/certs.md, "Rolling
 * the key over"): the identity provider trusts the next key too (publish), the transaction
 * object signs with it (switch), the previous key is no longer trusted (retire).
 */
export const ROLLOVER_STAGES = ["publish", "switch", "retire"] as const;

export type RolloverStage = (typeof ROLLOVER_STAGES)[number];

/** A stage, or `none` outside a rollover: what the stack outputs as `saml_rollover_stage`. */
export type RolloverStageOrNone = RolloverStage | "none";

export function isRolloverStage(value: unknown): value is RolloverStage {
  return (ROLLOVER_STAGES as readonly unknown[]).includes(value);
}
