import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const CONFIG = join(ROOT, ".dependency-cruiser.js");
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");
/** Every folder of the project that holds TypeScript, as `npm test` checks it. */
const TREE = ["main.ts", "core", "constructs", "stacks", "genesys-cloud-double", "services", "cli", "toolchain", "testing", "scripts", "benchmarks", "__tests__"];

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** dependency-cruiser's violations of the project's rules, run in `cwd` on `paths`. */
function violations(cwd: string, paths: readonly string[]): Violation[] {
  const r = spawnSync(DEPCRUISE, ["--config", CONFIG, "--output-type", "json", ...paths], { cwd, encoding: "utf8" });
  if (r.stdout === "") throw new Error(`depcruise printed nothing (exit ${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A throwaway project tree of `files` (path → source), with a tsconfig as the project's rules expect. */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "layers-"));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "commonjs", strict: true } }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe("the layers (.dependency-cruiser.js)", () => {
  it("given the project's tree, when cruised, then no import points up and there is no cycle", () => {
    const found = violations(ROOT, TREE).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual([]);
  });

  it("given core importing a service, when cruised, then the import is refused", () => {
    const dir = fixture({
      "core/low.ts": 'import { high } from "../services/high";\nexport const low = high + 1;\n',
      "services/high.ts": "export const high = 1;\n",
    });
    expect(violations(dir, ["core", "services"]).map((v) => [v.rule.name, v.from, v.to])).toEqual([["core-is-the-bottom", "core/low.ts", "services/high.ts"]]);
  });

  it("given product code importing a test helper, when cruised, then the import is refused", () => {
    const dir = fixture({
      "services/sandbox.ts": 'import { fake } from "../testing/fake";\nexport const s = fake;\n',
      "testing/fake.ts": "export const fake = 1;\n",
    });
    expect(violations(dir, ["services", "testing"]).map((v) => v.rule.name)).toContain("product-not-on-tests");
  });

  it("given two modules importing each other, even for types only, when cruised, then the cycle is refused", () => {
    const dir = fixture({
      "genesys-cloud-double/a.ts": 'import type { B } from "./b";\nexport interface A { b?: B }\n',
      "genesys-cloud-double/b.ts": 'import type { A } from "./a";\nexport interface B { a?: A }\n',
    });
    expect(violations(dir, ["genesys-cloud-double"]).map((v) => v.rule.name)).toContain("no-cycles");
  });
});
