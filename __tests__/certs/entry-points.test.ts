import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runInstalledSync } from "../../testing/installed-cli";
import { PASSWORD, REPO_ROOT, certModulus, keyModulus, leaksSecrets, tempDir } from "./helpers";

/** The installed CLI (node bin/hybrid.js, the compiled build), run from a directory of its own, outside any project. */
function spawnCli(args: string[], cwd: string, env: Record<string, string>) {
  const r = runInstalledSync(args, { cwd, env });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

describe("the hybrid command as a process", () => {
  it("given the installed CLI outside any project, when certs create runs, then it exits 0 and writes the set", () => {
    const cwd = tempDir();
    const result = spawnCli(["certs", "create", "--tenant", "acme"], cwd, { HYBRID_KEY_PASSWORD: PASSWORD });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const dir = path.join(cwd, "certs", "acme");
    expect(keyModulus(dir, "key.pem.enc")).toBe(certModulus(dir));
    expect(leaksSecrets(result.stdout, dir)).toBe(false);
  });

  it("given bad input, when run, then it prints one line to stderr and exits 2 (usage)", () => {
    const cwd = tempDir();
    const result = spawnCli(["certs", "inspect", "certs/acme"], cwd, {});
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^hybrid: cannot read certificate .*cert\.pem: not found/);
  });

  it("given --help, then it lists the three certs commands", () => {
    const result = spawnCli(["certs", "--help"], tempDir(), {});
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/create \[options\]/);
    expect(result.stdout).toMatch(/inspect \[options\] <dir>/);
    expect(result.stdout).toMatch(/rotate \[options\]/);
  });

  it("given bin/hybrid.js without a dist/ build next to it, then it says to run npm run build and exits 2 (setup)", () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, "bin"));
    fs.copyFileSync(path.join(REPO_ROOT, "bin", "hybrid.js"), path.join(root, "bin", "hybrid.js"));
    const result = spawnSync(process.execPath, [path.join(root, "bin", "hybrid.js"), "certs", "--help"], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/dist\/cli\/hybrid\.js not found: run `npm run build` first/);
  });

  it("bin/hybrid.js is executable and starts with a node shebang", () => {
    const bin = path.join(REPO_ROOT, "bin", "hybrid.js");
    expect(fs.readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
  });
});
