import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REGION_NAMES } from "../../core/genesys/regions";
import { loadProviderPins } from "../../core/toolchain/providers";
import { runTerraform } from "../../testing/e2e";
import { REPO_ROOT } from "../../testing/repo";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";

// A region the genesyscloud provider does not know fails every plan of a tenant in it: the
// table of core/genesys/regions.ts must be exactly the provider's, less its internal test
// environments. The provider says its list when it refuses a region.
describeWithGenesyscloud(__filename)("the region table", () => {
  test("given the installed genesyscloud provider, then the regions it accepts are exactly the table's (less dca and tca)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "regions-"));
    writeFileSync(
      join(dir, "main.tf.json"),
      JSON.stringify({
        terraform: { required_providers: { genesyscloud: { source: "mypurecloud/genesyscloud", version: `= ${loadProviderPins(REPO_ROOT).find((p) => p.type === "genesyscloud")!.version}` } } },
        provider: { genesyscloud: [{ aws_region: "no-such-region-1", oauthclient_id: "x", oauthclient_secret: "y" }] },
        data: { genesyscloud_auth_division_home: { home: {} } },
      }),
    );
    expect((await runTerraform(dir, ["init"])).code).toBe(0);
    const plan = await runTerraform(dir, ["plan"]);
    const listed = /expected aws_region to be one of \[([^\]]*)\]/.exec(plan.stderr.replace(/\s+/g, " "));
    expect(listed).not.toBeNull();
    const accepted = [...listed![1].matchAll(/"([^"]+)"/g)].map((m) => m[1]).filter((r) => r !== "dca" && r !== "tca").sort();
    expect(accepted).toEqual([...REGION_NAMES].sort());
  }, 120_000);
});
