/**
 * `hybrid plan --changed` through the installed CLI, in a git repository of 200 tenants with
 * their sandbox (the Genesys Cloud double, as a sourced sandbox.env has it). Each case is a
 * branch off `main`: what it plans is what its stacks change, compared with the merge base
 * synthesized in a worktree; the 200 tenants are synthesized on both sides every time, and
 * only the changed ones are planned (a change of every stack is listed with --dry-run).
 */
import { execFileSync } from "child_process";
import { randomBytes } from "crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createCertSet, defaultSubject } from "../../core/certs";
import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { doubleSandboxShell } from "../../testing/double-sandbox";
import { tenantFixture } from "../../testing/tenant-fixture";
import { tenantsYaml, type YamlTenant } from "../../testing/tenants-yaml";
import { makeUserProject } from "../../testing/user-project";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { runInstalledChecked, shellSecrets } from "../helpers/leak-checks";
import { gitIn, initRepository } from "../../testing/git-repo";

const KEY_PASSWORD = randomBytes(12).toString("base64url");
const NAMES = Array.from({ length: 200 }, (_, i) => `t${String(i).padStart(3, "0")}`);
const TENANTS: YamlTenant[] = NAMES.map((name, i) => ({ name, orgId: `5b000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, certificate: null }));
/** Every tenant shares one certificate set (certs/, not in git), as a service provider's may. */
const DEFAULTS = ["saml: { certificate: certs/cert.pem }"];
const IGNORED = ["certs/", "cdktf.out/", ".hybrid-cache/", ".sandbox/", "plans*/", "state/", ".toolchain"];

/** A tenants file of the 200 tenants, each changed by `edit` (by name) first. */
function yamlOf(edit: Readonly<Record<string, Partial<YamlTenant>>> = {}, defaults: readonly string[] = DEFAULTS, without: readonly string[] = []): string {
  return tenantsYaml(
    TENANTS.filter((t) => !without.includes(t.name)).map((t) => ({ ...t, ...edit[t.name] })),
    defaults,
  );
}

const certSet = (dir: string, now = new Date(), days = 365) =>
  createCertSet(dir, { subject: defaultSubject("t"), days, keyBits: 2048, format: "traditional", password: KEY_PASSWORD, now, force: true });

describeWithGenesyscloud(__filename)("hybrid plan --changed, 200 tenants in a git repository", () => {
  let fake: GenesysCloudDouble;
  let repo: string;
  let shell: Record<string, string>;
  const git = (...args: string[]) => gitIn(repo)(...args);
  /** A branch off `from` whose one commit writes `yaml` as the tenants file. */
  const branch = (name: string, yaml: string, from = "main") => {
    git("checkout", "-q", "-b", name, from);
    writeFileSync(join(repo, "tenants.yaml"), yaml);
    git("commit", "-q", "-am", name);
  };
  const hybrid = (args: string[], cwd = repo) => runInstalledChecked(args, { cwd, env: shell, secrets: [KEY_PASSWORD, ...shellSecrets(shell)] });
  const planFiles = (dir: string) => readdirSync(join(repo, dir)).filter((f) => f.endsWith(".plan.json") || f.endsWith(".tfplan")).sort();

  beforeAll(async () => {
    // given a project of 200 tenants committed on main, certs/ ignored, and its sandbox
    repo = mkdtempSync(join(tmpdir(), "fleet-repo-"));
    makeUserProject(repo);
    certSet(join(repo, "certs"));
    writeFileSync(join(repo, "tenants.yaml"), yamlOf());
    writeFileSync(join(repo, ".gitignore"), IGNORED.join("\n") + "\n");
    initRepository(repo, "200 tenants");
    fake = await GenesysCloudDouble.start();
    shell = doubleSandboxShell(fake, repo, NAMES.map((name, i) => ({ name, orgId: TENANTS[i].orgId, keyPassword: KEY_PASSWORD })));
  }, 300_000);

  afterAll(async () => {
    await fake?.stop();
  });

  test("a commit changing one tenant's issuer and another's token duration plans exactly those two; hybrid summary reads the plans", async () => {
    branch("two", yamlOf({ t017: { issuer: "https://engage.t017.example/renamed" }, t042: { extra: ["pacingClient: { accessTokenValiditySeconds: 3600 }"] } }));
    const r = await hybrid(["plan", "--changed", "--out", "plans"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^synthesized 200 tenants into cdktf\.out/m);
    expect(r.stdout).toMatch(/^base: the merge base of HEAD and main, [0-9a-f]{12}; synthesized with its own code in a worktree$/m);
    expect(r.stdout).toMatch(/^changed: t017, t042; new: none; removed: none; unchanged: 198$/m);
    expect(planFiles("plans")).toEqual(["t017.plan.json", "t017.tfplan", "t042.plan.json", "t042.tfplan"]);
    const summary = await hybrid(["summary", "plans/t017.plan.json", "plans/t042.plan.json"]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^\| t017 \| [1-9]\d* \| 0 \| 0 \| 0 \|/m);
    expect(summary.stdout).toMatch(/^\| t042 \| [1-9]\d* \| 0 \| 0 \| 0 \|/m);
    // and the worktree of the base is gone
    expect(git("worktree", "list").trim().split("\n")).toHaveLength(1);
  }, 900_000);

  test("a changed certificate (a new file, certs/ not in git, named by the tenants file) is caught", async () => {
    // given t100's new certificate set beside the others, and the tenants file pointing at it
    certSet(join(repo, "certs", "t100-2026"));
    branch("certificate", yamlOf({ t100: { certificate: "certs/t100-2026/cert.pem" } }));
    const r = await hybrid(["plan", "--changed", "--dry-run"]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: "t100\n" });
    expect(r.stderr).toMatch(/^changed: t100; new: none; removed: none; unchanged: 199$/m);
  }, 900_000);

  test("a change to defaults plans every one of the 200, and --shard shares them out", async () => {
    branch("defaults", yamlOf({}, [...DEFAULTS, "saml2BearerClient: { accessTokenValiditySeconds: 7200 }"]));
    const all = await hybrid(["plan", "--changed", "--dry-run"]);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split("\n")).toEqual(NAMES);
    const shards = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => hybrid(["plan", "--changed", "--dry-run", "--shard", `${i}/8`])));
    const lists = shards.map((s) => s.stdout.trim().split("\n"));
    expect(lists.map((l) => l.length)).toEqual([25, 25, 25, 25, 25, 25, 25, 25]);
    expect(lists.flat().sort()).toEqual(NAMES);
  }, 900_000);

  test("a removed tenant is reported and flagged like a destroy; nothing is planned or saved for it", async () => {
    branch("removed", yamlOf({}, DEFAULTS, ["t150"]));
    const r = await hybrid(["plan", "--changed", "--out", "plans-removed"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^changed: none; new: none; removed: t150; unchanged: 199$/m);
    expect(r.stdout).toMatch(/^removed: t150 is no longer in the tenants file; its org keeps the OAuth clients, the identity provider and the role grant, and prevent_destroy refuses/m);
    expect(planFiles("plans-removed")).toEqual(["t150.plan.json"]);
    const summary = await hybrid(["summary", "plans-removed/t150.plan.json"]);
    expect(summary.code).toBe(3);
    expect(summary.stdout).toMatch(/^\| t150 \| 0 \| 0 \| 0 \| 4 \| ⚠️ 4 \|$/m);
    expect(summary.stdout).toMatch(/\*\*WARNING\*\* \*\*t150\*\*: `genesyscloud_oauth_client\.pacing-client` will be \*\*destroyed\*\*/);
  }, 900_000);

  test("one tenant's problem fails that tenant only: an expired certificate and a missing key are reported, the others planned, exit 1", async () => {
    // given t060 pointed at an expired certificate, t042 at a set whose encrypted key is gone, and t017's issuer changed
    certSet(join(repo, "certs", "t060-old"), new Date(Date.now() - 400 * 86_400_000), 30);
    certSet(join(repo, "certs", "t042-nokey"));
    rmSync(join(repo, "certs", "t042-nokey", "key.pem.enc.b64"));
    branch(
      "problems",
      yamlOf({ t017: { issuer: "https://engage.t017.example/again" }, t042: { certificate: "certs/t042-nokey/cert.pem" }, t060: { certificate: "certs/t060-old/cert.pem" } }),
    );
    const r = await hybrid(["plan", "--changed", "--out", "plans-problems"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^synthesized 199 tenants into cdktf\.out.*; 1 could not be: t060$/m);
    expect(r.stdout).toMatch(/^t017\s+changes\s+\d+\s+\d+\.\d$/m);
    expect(r.stdout).toMatch(/^t042\s+FAILED\s+-\s+0\.0$/m);
    expect(r.stdout).toMatch(/^t060\s+FAILED\s+-\s+0\.0$/m);
    expect(r.stderr).toMatch(/^t042: tenant t042: .*t042-nokey\/key\.pem\.enc\.b64, which its stack reads at plan time .*cannot be read: not found/m);
    expect(r.stderr).toMatch(/^t060: tenants\.t060\.saml\.certificate: .*certificate expired on .*hybrid certs rotate/m);
    expect(r.stderr).toMatch(/hybrid: 2 tenants could not be planned: t042, t060 \(the reasons above\); the others were planned/);
    expect(planFiles("plans-problems")).toEqual(["t017.plan.json", "t017.tfplan"]);
    // and plan --tenant keeps going the same way
    const named = await hybrid(["plan", "--tenant", "t060", "--tenant", "t017", "--out", "plans-named"]);
    expect(named.code).toBe(1);
    expect(planFiles("plans-named")).toEqual(["t017.plan.json", "t017.tfplan"]);
    // and a tenant that fails at the base too (t070's certificate expired on both sides) is an older problem: said, not failed on
    certSet(join(repo, "certs", "t070-old"), new Date(Date.now() - 400 * 86_400_000), 30);
    const expiredAtBase = { t070: { certificate: "certs/t070-old/cert.pem" } };
    branch("expired-base", yamlOf(expiredAtBase));
    branch("on-expired-base", yamlOf({ ...expiredAtBase, t017: { issuer: "https://engage.t017.example/once-more" } }), "expired-base");
    const older = await hybrid(["plan", "--changed", "--base", "expired-base", "--out", "plans-older"]);
    expect(older.code).toBe(0);
    expect(older.stderr).toMatch(/^warning: not planned, and not this change's doing \(the base fails the same way\): tenants\.t070\.saml\.certificate: .*expired/m);
    expect(planFiles("plans-older")).toEqual(["t017.plan.json", "t017.tfplan"]);
  }, 900_000);

  test("bad input is one line and exit 2: an unknown ref, not a git repository, a shallow clone without the base, flags that contradict", async () => {
    git("checkout", "-q", "two");
    const unknown = await hybrid(["plan", "--changed", "--base", "nosuch"]);
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^hybrid: --base nosuch: unknown to git in .* \(no such branch, tag or commit\); name one that exists, or fetch it first[^\n]*\n$/) });

    const loose = tenantFixture({ yaml: tenantsYaml([{ name: "acme", orgId: TENANTS[0].orgId }]) }).dir;
    const notGit = await hybrid(["plan", "--changed"], loose);
    expect({ code: notGit.code, stderr: notGit.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^hybrid: hybrid plan --changed compares with a git commit, but .* is not in a git repository; run it in a clone .*, or plan with --all\n$/) });

    const shallow = join(mkdtempSync(join(tmpdir(), "fleet-shallow-")), "clone");
    execFileSync("git", ["clone", "-q", "--depth", "1", "--branch", "two", `file://${repo}`, shallow]);
    for (const base of ["HEAD~1", "origin/main"]) {
      const r = await hybrid(["plan", "--changed", "--base", base, "--dry-run"], shallow);
      expect({ base, code: r.code }).toEqual({ base, code: 2 });
      expect(r.stderr).toMatch(/^hybrid: --base (HEAD~1|origin\/main): not in this shallow clone \(1 commits of history\); fetch the history down to it: .*fetch-depth: 0.*a depth of 2 with `--base HEAD\^1`[^\n]*\n$/);
    }

    const out = ["--out", "plans-contradictions"];
    const contradictions = await Promise.all([hybrid(["plan", "--changed", "--all", ...out]), hybrid(["plan", "--base", "main", "--all", ...out]), hybrid(["plan", "--changed", "--no-synth", ...out])]);
    expect(contradictions.map((c) => c.code)).toEqual([2, 2, 2]);
    expect(contradictions[0].stderr).toMatch(/^hybrid: --changed selects the tenants itself .*: leave out --tenant and --all\n$/);
    expect(contradictions[1].stderr).toMatch(/^hybrid: --base names what --changed compares with: add --changed, or leave out --base\n$/);
    expect(contradictions[2].stderr).toMatch(/^hybrid: --changed synthesizes the working tree and the base to compare them: leave out --no-synth\n$/);
    expect(existsSync(join(repo, "plans-contradictions"))).toBe(false);
  }, 900_000);
});
