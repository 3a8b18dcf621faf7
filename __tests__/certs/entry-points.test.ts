import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PASSWORD, REPO_ROOT, certModulus, keyModulus, leaksSecrets, tempDir } from "./helpers";

function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  // node -r ts-node/register/transpile-only cli/hybrid.ts, run from a directory of its own.
  const tsNode = require.resolve("ts-node/register/transpile-only");
  return spawnSync(process.execPath, ["-r", tsNode, path.join(REPO_ROOT, "cli", "hybrid.ts"), ...args], {
    cwd,
    env: {
      PATH: process.env.PATH,
      TS_NODE_PROJECT: path.join(REPO_ROOT, "tsconfig.json"),
      ...env,
    },
    encoding: "utf8",
  });
}

describe("the hybrid command as a process", () => {
  it("given cli/hybrid.ts run by node, when certs create runs, then it exits 0 and writes the set", () => {
    const cwd = tempDir();
    const result = spawnCli(["certs", "create", "--tenant", "acme"], cwd, { HYBRID_KEY_PASSWORD: PASSWORD });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const dir = path.join(cwd, "certs", "acme");
    expect(keyModulus(dir, "key.pem.enc")).toBe(certModulus(dir));
    expect(leaksSecrets(result.stdout, dir)).toBe(false);
  });

  it("given bad input, when run, then it prints one line to stderr and exits 1", () => {
    const cwd = tempDir();
    const result = spawnCli(["certs", "inspect", "certs/acme"], cwd, {});
    expect(result.status).toBe(1);
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

  it("given bin/hybrid.js without a dist/ build next to it, then it says to run npm run build and exits 1", () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, "bin"));
    fs.copyFileSync(path.join(REPO_ROOT, "bin", "hybrid.js"), path.join(root, "bin", "hybrid.js"));
    const result = spawnSync(process.execPath, [path.join(root, "bin", "hybrid.js"), "certs", "--help"], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/dist\/cli\/hybrid\.js not found: run `npm run build` first/);
  });

  it("bin/hybrid.js is executable and starts with a node shebang", () => {
    const bin = path.join(REPO_ROOT, "bin", "hybrid.js");
    expect(fs.readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
  });
});
