/**
 * The CLI's conventions, through the installed CLI (node bin/hybrid.js, the compiled build) as a
 * separate process with a user's environment: --version, one exit-code table, and bad use ending
 * in one line without a stack trace (HYBRID_DEBUG=1 adds it).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInstalledSync, STACK_FRAME } from "../../testing/installed-cli";
import { REPO_ROOT } from "../../testing/repo";
import { tenantFixture } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";

const YAML = tenantsYaml([{ name: "acme", orgId: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f" }]);

/** A user's project with one tenant (acme) and its key pair, nothing synthesized or deployed. */
function project(): string {
  return tenantFixture({ yaml: YAML }).dir;
}

/** One line on stderr, nothing of a stack trace. */
function oneLine(stderr: string): { lines: number; stack: boolean } {
  return { lines: stderr.trimEnd().split("\n").length, stack: STACK_FRAME.test(stderr) };
}

describe("the installed CLI's conventions", () => {
  test("given --version, then it prints the package's version and exits 0", () => {
    const r = runInstalledSync(["--version"], { cwd: tmpdir() });
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: `${version}\n` });
  });

  test("given --help, then it lists every command and the one exit-code table", () => {
    const r = runInstalledSync(["--help"], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    for (const command of ["certs", "sandbox", "demo", "export", "doctor", "adopt", "plan", "summary"]) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    expect(r.stdout).toContain("Exit codes (every command): 0 ok; 1 what the command checked or did failed; 2 a usage or setup error; 3 attention needed");
  });

  const cases: [string, string[], () => { cwd: string; env?: Record<string, string> }, number, RegExp][] = [
    ["a doctor of a tenant never deployed", ["doctor", "--tenant", "acme"], () => ({ cwd: project() }), 1, /^hybrid: doctor: acme failed its checks/],
    ["an export of an unknown tenant", ["export", "--tenant", "initech"], () => ({ cwd: project() }), 2, /^hybrid: tenant initech is not in the tenants file tenants\.yaml \(its tenants: acme\)/],
    ["a sandbox with a missing tenants file", ["sandbox", "--dir", "sbx", "--config", "nope.yaml"], () => ({ cwd: project() }), 2, /^hybrid: .*nope\.yaml: cannot read the tenants file: not found/],
    ["a plan with a missing tenants file", ["plan", "--all"], () => ({ cwd: project(), env: { HYBRID_CONFIG: "missing.yaml" } }), 2, /^hybrid: .*missing\.yaml: cannot read the tenants file: not found/],
    ["a summary of a missing plan file", ["summary", "plans/acme.plan.json"], () => ({ cwd: tmpdir() }), 2, /^hybrid: plans\/acme\.plan\.json: not found; give the output of `terraform show -json <planfile>`/],
    [
      "a doctor with a non-loopback override",
      ["doctor", "--tenant", "acme"],
      () => ({ cwd: project(), env: { HYBRID_GENESYS_URL_OVERRIDE: "https://api.example.com" } }),
      2,
      /^hybrid: HYBRID_GENESYS_URL_OVERRIDE="https:\/\/api\.example\.com" is refused: it may only name a loopback origin/,
    ],
    ["a certs inspect of a missing tenant", ["certs", "inspect", "certs/initech"], () => ({ cwd: project() }), 2, /^hybrid: cannot read certificate .*certs\/initech\/cert\.pem: not found/],
    ["an adopt of an unknown tenant", ["adopt", "--tenant", "initech"], () => ({ cwd: project() }), 2, /^hybrid: tenant initech is not in the tenants file tenants\.yaml/],
    ["a project command outside any project", ["export", "--all"], () => ({ cwd: mkdtempSync(join(tmpdir(), "no-project-")) }), 2, /^hybrid: export needs a project, but neither .* nor a folder above it holds cdktf\.json/],
    ["an unknown option", ["export", "--tenant", "acme", "--bogus"], () => ({ cwd: project() }), 2, /^error: unknown option '--bogus'/],
  ];

  test.each(cases)("given %s, then it ends in one line without a stack trace, with its exit code", (_what, args, where, code, message) => {
    const r = runInstalledSync(args, where());
    expect({ code: r.code, ...oneLine(r.stderr) }).toEqual({ code, lines: 1, stack: false });
    expect(r.stderr).toMatch(message);
  });

  test("given HYBRID_DEBUG=1, then the one line is followed by the stack trace", () => {
    const r = runInstalledSync(["summary", "missing.plan.json"], { cwd: tmpdir(), env: { HYBRID_DEBUG: "1" } });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(/^hybrid: missing\.plan\.json: not found/);
    expect(STACK_FRAME.test(r.stderr)).toBe(true);
  });

  test("given a subfolder of the project, then the project's tenants file and synthesis folder are found from there", () => {
    const dir = project();
    const sub = join(dir, "demo", "out");
    mkdirSync(sub, { recursive: true });
    const r = runInstalledSync(["export", "--tenant", "acme"], { cwd: sub });
    // the tenants file was found (acme is known), and the stack looked for in the project's cdktf.out
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`tenant acme: no synthesized stack at ${join(dir, "cdktf.out", "stacks", "acme")}`);
  });

  test("given a project without a toolchain, when a sandbox starts, then it says how to build one, exits 2 and writes nothing", () => {
    const dir = project();
    unlinkSync(join(dir, ".toolchain"));
    const r = runInstalledSync(["sandbox", "--dir", "sbx"], { cwd: dir });
    expect({ code: r.code, ...oneLine(r.stderr) }).toEqual({ code: 2, lines: 1, stack: false });
    expect(r.stderr).toMatch(/^hybrid: no toolchain in .*\.toolchain: run `npm run toolchain` in .* first/);
    expect(existsSync(join(dir, "sbx"))).toBe(false);
  });
});
