import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { hybrid } from "./helpers";

/** The smallest document `terraform show -json <planfile>` writes for a tenant stack with one update. */
function planJson(prefix: string, actions: string[] = ["update"]): string {
  return JSON.stringify({
    format_version: "1.2",
    planned_values: {},
    resource_changes: [
      {
        address: "genesyscloud_oauth_client.pacing-client",
        mode: "managed",
        type: "genesyscloud_oauth_client",
        name: "pacing-client",
        change: { actions, before: { name: "a" }, after: { name: "b" }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
      },
    ],
    configuration: { root_module: { variables: { [`${prefix}_admin_client_id`]: {}, [`${prefix}_admin_client_secret`]: { sensitive: true } } } },
  });
}

describe("hybrid summary input", () => {
  const dir = mkdtempSync(join(tmpdir(), "plan-summary-"));

  test("the tenant is read from the plan's admin client variable, dashes restored, whatever the file name", async () => {
    // given a plan of tenant acme-eu saved under an unrelated name
    writeFileSync(join(dir, "whatever.json"), planJson("acme_eu"));
    // when summarized
    const r = await hybrid(["summary", "whatever.json"], dir);
    // then the tenant is acme-eu
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| acme-eu \| 0 \| 1 \| 0 \| 0 \|/m);
  });

  test("files that are not plans: exit 2 (usage), every one named, nothing on stdout", async () => {
    // given a binary plan, a state's JSON and a missing file beside a good plan
    writeFileSync(join(dir, "acme.tfplan"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]));
    writeFileSync(join(dir, "state.json"), JSON.stringify({ format_version: "1.0", values: {} }));
    writeFileSync(join(dir, "good.plan.json"), planJson("good"));
    // when summarized together
    const r = await hybrid(["summary", "good.plan.json", "acme.tfplan", "state.json", "missing.plan.json"], dir);
    // then the run fails naming each bad file and what to give instead
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/acme\.tfplan: is not JSON .*terraform show -json/);
    expect(r.stderr).toMatch(/state\.json: is Terraform's JSON of a state, not of a plan/);
    expect(r.stderr).toMatch(/missing\.plan\.json: not found/);
    expect(r.stderr).not.toMatch(/good\.plan\.json/);
  });

  test("two plans of one tenant are refused, naming both files", async () => {
    writeFileSync(join(dir, "a.plan.json"), planJson("dup"));
    writeFileSync(join(dir, "b.plan.json"), planJson("dup"));
    const r = await hybrid(["summary", "a.plan.json", "b.plan.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.plan\.json, b\.plan\.json: all plans of tenant dup/);
  });

  test("a destroy of a client raises a warning and exit 3", async () => {
    writeFileSync(join(dir, "gone.plan.json"), planJson("gone", ["delete"]));
    const r = await hybrid(["summary", "gone.plan.json"], dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/WARNING\*\* \*\*gone\*\*: `genesyscloud_oauth_client\.pacing-client` will be \*\*destroyed\*\*.*`ewt\/client_id`/);
  });
});
