import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadProviderPins } from "../../core/toolchain/providers";
import { REPO_ROOT } from "../../testing/repo";

function projectWith(cdktfJson: object): string {
  const dir = mkdtempSync(join(tmpdir(), "pins-"));
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify(cdktfJson));
  return dir;
}

describe("provider pins", () => {
  test("come from cdktf.json, with the Go module of the one the Go module proxy serves", () => {
    // given the project's cdktf.json
    // when the pins are loaded
    const pins = loadProviderPins(REPO_ROOT);

    // then each provider is pinned to one exact version; only restapi can be built from a Go module
    expect(pins).toEqual([
      expect.objectContaining({ namespace: "mastercard", type: "restapi", version: "1.20.0", goModule: expect.objectContaining({ path: "github.com/Mastercard/terraform-provider-restapi" }) }),
      expect.objectContaining({ namespace: "mypurecloud", type: "genesyscloud", version: "1.82.0" }),
    ]);
    expect(pins[1].goModule).toBeUndefined();
    expect(pins[1].resources).toEqual(["genesyscloud_oauth_client"]);
  });

  test("refuse a version range", () => {
    // given a cdktf.json with a range instead of an exact version
    const dir = projectWith({ terraformProviders: ["mastercard/restapi@~> 1.20"] });

    // when / then
    expect(() => loadProviderPins(dir)).toThrow(/"mastercard\/restapi@~> 1.20" is not an exact pin; write it as "namespace\/type@= X.Y.Z"/);
  });

  test("refuse a provider the project knows nothing about", () => {
    // given a provider with no build facts on record
    const dir = projectWith({ terraformProviders: ["hashicorp/random@= 3.6.0"] });

    // when / then
    expect(() => loadProviderPins(dir)).toThrow(/"hashicorp\/random" has no build facts; add it \(resources, data sources, Go module if any\) to toolchain\/providers.ts/);
  });
});
