import { readFileSync } from "fs";
import { extractSchemas, schemaFile } from "../../toolchain/vendor-schemas";

// The bindings in .gen/ are generated from schemas/; if the providers in the
// mirror report anything else, the bindings describe providers that do not exist.
describe("vendored provider schemas", () => {
  test("equal what the installed providers report", () => {
    // given the providers that `npm run toolchain` put in the mirror
    // when terraform is asked for their schemas
    const current = extractSchemas();

    // then each vendored file is byte for byte what the extraction writes
    for (const [pin, text] of current) {
      const vendored = readFileSync(schemaFile(pin), "utf8");
      expect({ provider: `${pin.namespace}/${pin.type}`, schema: vendored }).toEqual({
        provider: `${pin.namespace}/${pin.type}`,
        schema: text,
      });
    }
    expect(current.size).toBeGreaterThan(0);
  });
});
