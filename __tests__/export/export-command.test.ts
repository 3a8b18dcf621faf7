/**
 * `hybrid export`'s argument and tenants-file errors, run in-process. Everything here
 * fails before Terraform would run; what needs a deployed stack is in export.e2e.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { hybrid, tempDir, treeState } from "./helpers";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { makeUserProject } from "../../testing/user-project";

const YAML = tenantsYaml([
  { name: "acme", orgId: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f" },
  { name: "globex", orgId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b", region: "us-east-1" },
]);

/** A user's project with a tenants file (at `name`) and nothing synthesized. */
function project(name = "tenants.yaml"): string {
  const dir = tempDir();
  makeUserProject(dir);
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), YAML);
  return dir;
}

/** Runs `hybrid export <args>` in `cwd` and returns its result and whether the folder stayed as it was. */
async function exportIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const before = treeState(cwd);
  const result = await hybrid(["export", ...args], { cwd, env });
  return { ...result, untouched: JSON.stringify(treeState(cwd)) === JSON.stringify(before) };
}

describe("hybrid export, before any stack is read", () => {
  test("without --tenant or --all: says which to give, exit 2, nothing written", async () => {
    const cwd = project();
    const r = await exportIn(cwd, []);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: "hybrid: name the tenant to export with --tenant <name>, or export every tenant with --all\n",
      untouched: true,
    });
  });

  test("--tenant with --all: refused, exit 2, nothing written", async () => {
    const cwd = project();
    const r = await exportIn(cwd, ["--tenant", "acme", "--all"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option '--tenant <name>' cannot be used with option '--all'/);
    expect(r.untouched).toBe(true);
  });

  test("an unknown --format: refused with the choices", async () => {
    const cwd = project();
    const r = await exportIn(cwd, ["--tenant", "acme", "--format", "ini"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/'ini' is invalid.*cfg, conf, json/);
    expect(r.untouched).toBe(true);
  });

  test("a tenant not in the tenants file: names it, the file, its tenants and the fix; exit 2, nothing written", async () => {
    const cwd = project();
    const r = await exportIn(cwd, ["--tenant", "initech"]);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: "hybrid: tenant initech is not in the tenants file tenants.yaml (its tenants: acme, globex); add it there, or name another tenant\n",
      untouched: true,
    });
  });

  test("reads the tenants file from --config, else HYBRID_CONFIG, else the project's tenants.yaml", async () => {
    // given a project whose tenants file is elsewhere
    const cwd = project("config/hybrid.yaml");
    // when --config names it, or HYBRID_CONFIG does
    const byFlag = await exportIn(cwd, ["--tenant", "initech", "--config", "config/hybrid.yaml"]);
    const byEnv = await exportIn(cwd, ["--tenant", "initech"], { HYBRID_CONFIG: "config/hybrid.yaml" });
    const byDefault = await exportIn(cwd, ["--tenant", "initech"]);
    // then the first two read it (and name it), the default looks for tenants.yaml
    expect(byFlag.stderr).toMatch(/^hybrid: tenant initech is not in the tenants file config\/hybrid\.yaml \(its tenants: acme, globex\)/);
    expect(byEnv.stderr).toBe(byFlag.stderr);
    expect(byDefault.stderr).toMatch(/tenants\.yaml: cannot read the tenants file: not found; create it .*HYBRID_CONFIG/);
    for (const r of [byFlag, byEnv, byDefault]) expect({ code: r.code, untouched: r.untouched }).toEqual({ code: 2, untouched: true });
  });

  test("a tenant never synthesized: names it and the commands that fix it; exit 1, nothing written", async () => {
    const cwd = project();
    const r = await exportIn(cwd, ["--tenant", "globex", "--out", "exports"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `hybrid: tenant globex: no synthesized stack at ${path.join(cwd, "cdktf.out", "stacks", "globex")}; ` +
        "run `npm run synth` (or `npx cdktf synth`) first, then `npx cdktf deploy globex`. Nothing was written.\n",
    );
    expect(r.untouched).toBe(true);
  });

  test("--all reports every tenant's problem at once", async () => {
    const cwd = project();
    const r = await exportIn(cwd, ["--all"]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe("hybrid: 2 of 2 tenants cannot be exported:");
    expect(lines[1]).toMatch(/^tenant acme: no synthesized stack .*`npx cdktf deploy acme`\.$/);
    expect(lines[2]).toMatch(/^tenant globex: no synthesized stack .*`npx cdktf deploy globex`\.$/);
    expect(lines[3]).toBe("Nothing was written.");
    expect(r.untouched).toBe(true);
  });
});
