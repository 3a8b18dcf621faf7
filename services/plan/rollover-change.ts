import { isRolloverStage, ROLLOVER_STAGES, type RolloverStageOrNone } from "../../core/config/rollover-stage";
import { compactCertificate, trustedCertificates } from "../../core/contract/pureengage-fields";
import { OUTPUTS } from "../../core/contract/tenant-stack-contract";
import type { PlanJson } from "./plan-json";

/** A plan's key rollover stage before and after, from its `saml_rollover_stage` output. */
export interface StageChange {
  readonly from: RolloverStageOrNone;
  readonly to: RolloverStageOrNone;
}

/**
 * The stage before and after the plan. An output missing before (a deploy older than it) is
 * `none`; a plan without the output at all (not a tenant stack of this version) says nothing.
 */
export function stageChangeOf(plan: PlanJson): StageChange | undefined {
  const change = plan.output_changes?.[OUTPUTS.rolloverStage];
  if (!change) return undefined;
  const stage = (v: unknown): RolloverStageOrNone => (isRolloverStage(v) ? v : "none");
  return { from: stage(change.before), to: stage(change.after) };
}

/** What the identity provider trusts: its signing `certificate`, and every certificate it accepts. */
export interface Trust {
  readonly main?: string;
  readonly all: ReadonlySet<string>;
}

/** The trust of an identity provider's `data` (a deploy older than `certificates` lists `certificate` alone). */
export function trustOf(data: Readonly<Record<string, unknown>>): Trust {
  return { main: compactCertificate(data.certificate), all: new Set(trustedCertificates(data)) };
}

const ORDER: readonly RolloverStageOrNone[] = ["none", ...ROLLOVER_STAGES];

/**
 * Why a change of the identity provider's certificates is dangerous, as a sentence, or undefined when
 * it is not: nothing it trusts changes, or it is the next stage of a rollover and has that stage's shape
 * (publish adds the next certificate, switch signs with it, retire drops the other one). Everything else
 * may break agents' token exchange until the transaction object is retyped.
 */
export function trustChangeDanger(before: Trust, after: Trust, stages: StageChange | undefined): string | undefined {
  const same = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((c) => b.has(c));
  if (before.main === after.main && same(before.all, after.all)) return undefined;
  const from = stages?.from ?? "none";
  const to = stages?.to ?? "none";
  const step = `${from}>${to}`;
  const added = [...after.all].filter((c) => !before.all.has(c));
  const removed = [...before.all].filter((c) => !after.all.has(c));
  const shaped =
    (step === "none>publish" && after.main === before.main && added.length === 1 && removed.length === 0) ||
    (step === "publish>switch" && same(before.all, after.all) && after.main !== undefined && after.main !== before.main) ||
    (step === "switch>retire" && after.main === before.main && added.length === 0 && after.all.size === 1);
  if (shaped) return undefined;

  const consequences: string[] = [];
  if (removed.length > 0) {
    consequences.push(
      `it stops trusting ${removed.length === 1 ? "a certificate" : `${removed.length} certificates`} whose key may still sign agents' assertions ` +
        "(every agent whose `hybrid_integration` transaction object holds that key fails until `saml/certificate`, `saml/pkey` and `saml/password` are retyped)",
    );
  }
  if (after.main !== before.main && after.main !== undefined && !before.all.has(after.main)) {
    consequences.push("it signs with a certificate it did not trust before (the transaction object must be retyped from the new key set right after)");
  } else if (after.main !== before.main) {
    consequences.push("`hybrid_integration`'s `saml/certificate`, `saml/pkey` and `saml/password` change with it: import the new export");
  }
  if (from === "none" && to === "none") {
    return `changes the SAML signing **certificate** without a key rollover: ${consequences.join("; ")}. \`hybrid certs rotate --next\` rolls a key over without downtime (docs/certs.md).`;
  }
  const direction = ORDER.indexOf(to) < ORDER.indexOf(from) ? "rolls the key rollover **back**" : ORDER.indexOf(to) - ORDER.indexOf(from) > 1 ? "skips a stage of the key rollover" : "changes the trusted certificates";
  return `${direction} (stage ${stageName(from)} → ${stageName(to)}): ${consequences.join("; ") || "its certificates change beyond what the stage does"}. Deploy the stages in order: publish, switch, retire (docs/certs.md, "Rolling the key over").`;
}

function stageName(stage: RolloverStageOrNone): string {
  return stage === "none" ? "none" : `**${stage}**`;
}

/** The stage change in plain words for a reviewer (undefined when the stage stays). */
export function rolloverText(stages: StageChange | undefined): string | undefined {
  if (!stages || stages.from === stages.to) return undefined;
  const texts: Partial<Record<string, string>> = {
    "none>publish":
      "starts a SAML key rollover, stage **publish**: the identity provider will trust the next certificate beside the current one, and the transaction object still signs with the current key. " +
      "After the deploy, `hybrid doctor` proves the next key is trusted, with a signed assertion.",
    "publish>switch":
      "key rollover stage **publish → switch**: the outputs and `hybrid export` will carry the next key, its password and its certificate, for the Configuration Server administrator to import; both keys stay trusted.",
    "switch>retire": "key rollover stage **switch → retire**: the identity provider will trust the next certificate only. Deploy it once every agent logged in again with the next key.",
    "retire>none": "the key rollover is finished: the next key set is the current one now, and the identity provider stays as the retire stage left it.",
  };
  return texts[`${stages.from}>${stages.to}`] ?? `key rollover stage ${stageName(stages.from)} → ${stageName(stages.to)}.`;
}
