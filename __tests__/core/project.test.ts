import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Project } from "../../core/project";
import { UserError } from "../../core/user-error";

/** A folder tree: `root` holding cdktf.json, with a subfolder. */
function tree(): { root: string; sub: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), "project-"));
  const root = join(base, "site");
  const sub = join(root, "demo", "out");
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(root, "cdktf.json"), "{}");
  const outside = join(base, "elsewhere");
  mkdirSync(outside);
  return { root, sub, outside };
}

describe("finding the project (the nearest folder upward holding cdktf.json)", () => {
  test("given the project's root or any folder below it, then the project is that root", () => {
    const { root, sub } = tree();
    expect(Project.find(root)?.root).toBe(root);
    expect(Project.find(sub)?.root).toBe(root);
    expect(Project.find(sub)?.toolchainDir).toBe(join(root, ".toolchain"));
  });

  test("given a folder outside any project, then there is none, and requiring one is a usage error naming the command", () => {
    const { outside } = tree();
    expect(Project.find(outside)).toBeUndefined();
    let error: unknown;
    try {
      Project.require(outside, "hybrid export");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toMatch(/^hybrid export needs a project, but neither .* nor a folder above it holds cdktf\.json; /);
  });

  test("given no flag and no HYBRID_CONFIG, then the tenants file is the project's tenants.yaml, wherever below it the command runs", () => {
    const { root, sub } = tree();
    expect(Project.find(sub)!.tenantsFile(sub, {})).toBe(join(root, "tenants.yaml"));
    expect(Project.find(sub)!.tenantsFile(sub, { HYBRID_CONFIG: "" })).toBe(join(root, "tenants.yaml"));
  });

  test("given HYBRID_CONFIG or --config, then they name the file relative to the working directory, the flag first", () => {
    const { sub } = tree();
    const project = Project.find(sub)!;
    expect(project.tenantsFile(sub, { HYBRID_CONFIG: "prod.yaml" })).toBe(join(sub, "prod.yaml"));
    expect(project.tenantsFile(sub, { HYBRID_CONFIG: "/etc/hybrid/t.yaml" })).toBe("/etc/hybrid/t.yaml");
    expect(project.tenantsFile(sub, { HYBRID_CONFIG: "prod.yaml" }, "flag.yaml")).toBe(join(sub, "flag.yaml"));
  });

  test("given no --synth-dir, then the synthesis folder is the project's cdktf.out; given one, it is relative to the working directory", () => {
    const { root, sub } = tree();
    const project = Project.find(sub)!;
    expect(project.synthDir(sub)).toBe(join(root, "cdktf.out"));
    expect(project.synthDir(sub, "out")).toBe(join(sub, "out"));
  });
});
