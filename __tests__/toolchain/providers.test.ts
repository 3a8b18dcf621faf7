import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadProviderPins } from "../../toolchain/providers";

function projectWith(cdktfJson: object): string {
  const dir = mkdtempSync(join(tmpdir(), "pins-"));
  writeFileSync(join(dir, "cdktf.json"), JSON.stringify(cdktfJson));
  return dir;
}

describe("provider pins", () => {
  test("come from cdktf.json with the Go module that builds them", () => {
    // given the project's cdktf.json
    // when the pins are loaded
    const pins = loadProviderPins();

    // then the restapi provider is pinned to one exact version with its module
    expect(pins).toEqual([
      expect.objectContaining({ namespace: "mastercard", type: "restapi", version: "1.20.0", goModule: "github.com/Mastercard/terraform-provider-restapi" }),
    ]);
  });

  test("refuse a version range", () => {
    // given a cdktf.json with a range instead of an exact version
    const dir = projectWith({ terraformProviders: ["mastercard/restapi@~> 1.20"] });

    // when / then
    expect(() => loadProviderPins(dir)).toThrow(/"mastercard\/restapi@~> 1.20" is not an exact pin; write it as "namespace\/type@= X.Y.Z"/);
  });

  test("refuse a provider the toolchain cannot build", () => {
    // given a provider with no Go module on record
    const dir = projectWith({ terraformProviders: ["hashicorp/random@= 3.6.0"] });

    // when / then
    expect(() => loadProviderPins(dir)).toThrow(/"hashicorp\/random" has no build facts; add its Go module to toolchain\/providers.ts/);
  });
});
