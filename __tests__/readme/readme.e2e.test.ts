/**
 * The README is a test: the shell blocks of README.md, then of docs/*.md, run in order in one
 * bash session, in a fresh `git clone` of this repository's working tree, as a user types them
 * on a fresh machine (`npm ci` included; only the genesyscloud provider comes from Terraform's
 * implied local mirror). Only what a real site must supply is supplied: the key passwords, as
 * the environment of the session (testing/readme-blocks). A command that stops working fails
 * the build.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { Redactor } from "../../core/redaction";
import { sessionScript, shellBlocks, type ShellBlock } from "../../testing/readme-blocks";
import { REPO_ROOT } from "../../testing/repo";
import { userEnv } from "../../testing/user-env";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";

/** A fresh clone of this repository, with the working tree's uncommitted changes (tracked and new files) on top. */
function cloneWorkingTree(into: string): string {
  const clone = join(into, "clone");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, clone]);
  const git = (args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])) {
    const from = join(REPO_ROOT, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(from, join(clone, file));
  }
  for (const file of git(["ls-files", "-z", "--deleted"])) rmSync(join(clone, file), { force: true });
  return clone;
}

/** The documents whose shell blocks run, in order: the README, then docs/ by name. */
function documents(root: string): { file: string; name: string }[] {
  const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort();
  return [{ file: join(root, "README.md"), name: "README.md" }, ...docs.map((d) => ({ file: join(root, "docs", d), name: `docs/${d}` }))];
}

describeWithGenesyscloud(__filename)("the README's and docs' shell blocks, as written", () => {
  test("run in order in a fresh clone: setup, the demo, the sandbox, deploys, export, doctor, plan, summary, adopt, certificates", async () => {
    const work = mkdtempSync(join(tmpdir(), "readme-"));
    const clone = cloneWorkingTree(work);
    const blocks: ShellBlock[] = documents(clone).flatMap((d) => shellBlocks(d.file, d.name));
    // A skipped block says why, in the block itself.
    expect(blocks.filter((b) => b.skipped !== undefined && b.skipped.length < 10).map((b) => b.where)).toEqual([]);

    const session = join(work, "session");
    mkdirSync(session);
    const script = sessionScript(blocks, clone, session, (file, text) => writeFileSync(file, text));
    // What a real site supplies: each tenant's key password (as a deploy takes it), and the one hybrid certs reads.
    const supplied = {
      TF_VAR_acme_saml_key_password: `acme-${randomBytes(9).toString("base64url")}`,
      TF_VAR_globex_saml_key_password: `globex-${randomBytes(9).toString("base64url")}`,
      HYBRID_KEY_PASSWORD: `certs-${randomBytes(9).toString("base64url")}`,
    };
    const env = userEnv(supplied);
    const redactor = Redactor.fromEnv(env, Object.values(supplied));

    const run = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn("bash", ["-c", script], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr.on("data", (c: Buffer) => (output += c.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 40 * 60_000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, output: redactor.mask(output) });
      });
    });

    const started = [...run.output.matchAll(/^::block (\S+)$/gm)].map((m) => m[1]);
    const failedIn = started[started.length - 1];
    expect({ code: run.code, failedIn: run.code === 0 ? "" : failedIn, tail: run.code === 0 ? "" : run.output.split("\n").slice(-80).join("\n") }).toEqual({ code: 0, failedIn: "", tail: "" });
    // every block that is not skipped ran, in order
    expect(started).toEqual(blocks.filter((b) => b.skipped === undefined).map((b) => b.where));
    expect(run.output).toMatch(/^::done$/m);
    // and the demo's last line, the sandbox's deploys and the checks said what they did
    expect(run.output).toMatch(/^demo: 2 of 2 tenant\(s\) deployed, exported and checked in /m);
    expect(run.output).toMatch(/✔ acme: \d+ passed, 0 failed/);
    // and nothing called home from this air-gapped session: sandbox.env is complete (CHECKPOINT_DISABLE, the mirror-only CLI configuration)
    expect(run.output).not.toMatch(/checkpoint-api\.hashicorp\.com|registry\.terraform\.io/);
    rmSync(work, { recursive: true, force: true });
  }, 45 * 60_000);
});
