/**
 * `hybrid summary` on a key rollover: the stage change named in plain words (from the plans'
 * `saml_rollover_stage` output), and which changes of the identity provider's certificates are
 * dangerous. Plans are made up here in Terraform's JSON format; summary-real-plans.test.ts and
 * the rollover end-to-end test run the real Terraform.
 */
import type { PlanJson } from "../../services/plan/plan-json";
import { summarizePlan } from "../../services/plan/tenant-plan";
import { summaryMarkdown } from "../../services/plan/summary-markdown";

const C = "MIIcurrent";
const N = "MIInext";
const X = "MIIother";

/** The identity provider's data as a stack of this version PUTs it. */
const data = (certificate: string, certificates?: string[]) => JSON.stringify({ name: "Genesys Engage", autoProvisionUsers: true, certificate, ...(certificates ? { certificates } : {}), issuerURI: "https://engage.acme.example/pureengage", disabled: false });

/** acme's plan: the identity provider's data before and after, and the stage output before and after (undefined: absent). */
function plan(before: string, after: string, stages: [string | undefined, string]): PlanJson {
  return {
    format_version: "1.2",
    resource_changes: [
      { address: "restapi_object.pureengage-idp", mode: "managed", type: "restapi_object", name: "pureengage-idp", change: { actions: before === after ? ["no-op"] : ["update"], before: { data: before }, after: { data: after } } },
    ],
    output_changes: { saml_rollover_stage: { actions: stages[0] === stages[1] ? ["no-op"] : stages[0] === undefined ? ["create"] : ["update"], before: stages[0] ?? null, after: stages[1] } },
    configuration: { root_module: { variables: { acme_admin_client_id: {} } } },
  };
}

const summary = (p: PlanJson) => summarizePlan(p, "acme.plan.json");

describe("hybrid summary of a key rollover", () => {
  test.each([
    ["publish", data(C, [C]), data(C, [C, N]), ["none", "publish"], /starts a SAML key rollover, stage \*\*publish\*\*: the identity provider will trust the next certificate beside the current one/],
    ["switch after publish", data(C, [C, N]), data(N, [N, C]), ["publish", "switch"], /key rollover stage \*\*publish → switch\*\*: the outputs and `hybrid export` will carry the next key, its password and its certificate/],
    ["retire after switch", data(N, [N, C]), data(N, [N]), ["switch", "retire"], /key rollover stage \*\*switch → retire\*\*: the identity provider will trust the next certificate only/],
    ["the next set moved into place after retire", data(N, [N]), data(N, [N]), ["retire", "none"], /the key rollover is finished/],
  ] as const)("%s: named in plain words, and no warning", (_case, before, after, stages, words) => {
    const p = summary(plan(before, after, [...stages]));
    expect(p.warnings).toEqual([]);
    expect(p.rollover).toMatch(words);
    expect(summaryMarkdown([p])).toMatch(new RegExp(`^- 🔑 \\*\\*acme\\*\\*: ${words.source.replace(/^\^/, "")}`, "m"));
  });

  test("a deploy older than `certificates` and the stage output gains [current] and none: nothing dangerous, no rollover line", () => {
    const p = summary(plan(data(C), data(C, [C]), [undefined, "none"]));
    expect({ warnings: p.warnings, rollover: p.rollover }).toEqual({ warnings: [], rollover: undefined });
  });

  test.each([
    ["retire straight after publish", data(C, [C, N]), data(N, [N]), ["publish", "retire"], /skips a stage of the key rollover \(stage \*\*publish\*\* → \*\*retire\*\*\): it stops trusting a certificate whose key may still sign agents' assertions/],
    ["switch without publish", data(C, [C]), data(N, [N, C]), ["none", "switch"], /skips a stage of the key rollover \(stage none → \*\*switch\*\*\): it signs with a certificate it did not trust before/],
    ["a rollback from switch to publish", data(N, [N, C]), data(C, [C, N]), ["switch", "publish"], /rolls the key rollover \*\*back\*\* \(stage \*\*switch\*\* → \*\*publish\*\*\): `hybrid_integration`'s `saml\/certificate`, `saml\/pkey` and `saml\/password` change with it/],
    ["a certificate swapped without a rollover", data(C, [C]), data(X, [X]), ["none", "none"], /changes the SAML signing \*\*certificate\*\* without a key rollover: it stops trusting a certificate .*`hybrid certs rotate --next` rolls a key over without downtime/],
    ["a publish that also swaps the current certificate", data(C, [C]), data(X, [X, N]), ["none", "publish"], /changes the trusted certificates \(stage none → \*\*publish\*\*\): it stops trusting a certificate/],
  ] as const)("%s: a WARNING (exit 3) saying what breaks", (_case, before, after, stages, text) => {
    const p = summary(plan(before, after, [...stages]));
    expect(p.warnings.map((w) => w.text)).toEqual([expect.stringMatching(new RegExp(`^\`restapi_object\\.pureengage-idp\` ${text.source}`))]);
  });
});
