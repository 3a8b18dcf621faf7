import { readFileSync } from "fs";
import { loadProviderPins } from "../../core/toolchain/providers";
import { loadToolchain, providerInstalled } from "../../core/toolchain/toolchain-manifest";
import { REPO_PROJECT } from "../../testing/repo";
import { extractSchemas, schemaFile } from "../../toolchain/vendor-schemas";
import { GENESYSCLOUD_PROVIDER } from "../helpers/genesyscloud-provider";

// The bindings in .gen/ are generated from schemas/; if the providers in the
// mirror report anything else, the bindings describe providers that do not exist.
describe("vendored provider schemas", () => {
  const pins = loadProviderPins(REPO_PROJECT.root);
  // Only the genesyscloud provider may be missing (it comes from a filesystem mirror); every other one the toolchain installs.
  const tc = loadToolchain(REPO_PROJECT);
  const installed = pins.filter((p) => `${p.namespace}/${p.type}` !== GENESYSCLOUD_PROVIDER || providerInstalled(tc, GENESYSCLOUD_PROVIDER));
  for (const pin of pins.filter((p) => !installed.includes(p))) {
    process.stderr.write(`\nSKIPPED schema drift check of ${pin.namespace}/${pin.type} ${pin.version}: the provider is not installed (see \`npm run toolchain\`).\n`);
  }

  test("equal what the installed providers report", async () => {
    // given the providers that `npm run toolchain` put in the mirror
    // when terraform is asked for their schemas
    const current = await extractSchemas(REPO_PROJECT, installed);

    // then each vendored file is byte for byte what the extraction writes
    for (const [pin, text] of current) {
      const vendored = readFileSync(schemaFile(REPO_PROJECT, pin), "utf8");
      expect({ provider: `${pin.namespace}/${pin.type}`, schema: vendored }).toEqual({
        provider: `${pin.namespace}/${pin.type}`,
        schema: text,
      });
    }
    expect(current.size).toBe(installed.length);
    expect(current.size).toBeGreaterThan(0);
  });
});
