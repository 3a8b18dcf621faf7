/**
 * One secret, fed through every output path, comes out masked the same way everywhere
 * (core/redaction): the installed CLI's text, its --json, its error lines, the doctor's
 * report, a plan summary, and the Terraform runner's log.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REDACTED } from "../../core/redaction";
import { projectTerraform, runTerraform } from "../../core/terraform/terraform";
import { runInstalledSync } from "../../testing/installed-cli";
import { REPO_PROJECT } from "../../testing/repo";
import { tenantFixture } from "../../testing/tenant-fixture";
import { tenantsYaml } from "../../testing/tenants-yaml";
import { userEnv } from "../../testing/user-env";

/** A presumed secret (a TF_VAR_ value) that can also be a file name and a tenant name, so every path can carry it. */
const SECRET = "secretsecretsecret7";
const FORMS = [SECRET, Buffer.from(SECRET).toString("base64"), encodeURIComponent(SECRET)];
const ENV = { TF_VAR_acme_admin_client_secret: SECRET };

/** Whether `text` shows the secret in any form, and whether it shows the one placeholder. */
function seen(text: string): { secret: boolean; masked: boolean } {
  return { secret: FORMS.some((f) => text.includes(f)), masked: text.includes(REDACTED) };
}

describe("one secret, every output path", () => {
  // A project in a folder named like the secret: every path, message and report that names a file carries it.
  const base = mkdtempSync(join(tmpdir(), "masking-"));
  const fixture = tenantFixture({ yaml: tenantsYaml([{ name: "acme", orgId: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f" }]) });
  const project = join(base, SECRET);
  mkdirSync(project);
  for (const f of ["cdktf.json", "tenants.yaml"]) writeFileSync(join(project, f), require("node:fs").readFileSync(join(fixture.dir, f)));
  require("node:fs").symlinkSync(join(fixture.dir, ".toolchain"), join(project, ".toolchain"));
  require("node:fs").cpSync(join(fixture.dir, "certs"), join(project, "certs"), { recursive: true });

  test("given the CLI's text, its --json and a report: the doctor of a tenant never deployed", () => {
    for (const args of [["doctor", "--tenant", "acme"], ["doctor", "--tenant", "acme", "--json"]]) {
      const r = runInstalledSync(args, { cwd: project, env: ENV });
      expect({ args, code: r.code, stdout: seen(r.stdout), stderr: seen(r.stderr) }).toEqual({
        args,
        code: 1,
        stdout: { secret: false, masked: true },
        stderr: { secret: false, masked: false },
      });
    }
  });

  test("given an error line: an unknown tenant named like the secret", () => {
    const r = runInstalledSync(["export", "--tenant", SECRET], { cwd: project, env: ENV });
    expect({ code: r.code, stderr: seen(r.stderr), line: r.stderr.startsWith(`hybrid: tenant ${REDACTED} is not in the tenants file`) }).toEqual({
      code: 2,
      stderr: { secret: false, masked: true },
      line: true,
    });
  });

  test("given a plan summary: a sensitive variable's value inside a resource's description", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {},
      variables: { acme_admin_client_secret: { value: SECRET } },
      resource_changes: [
        {
          address: "genesyscloud_oauth_client.pacing-client",
          mode: "managed",
          type: "genesyscloud_oauth_client",
          name: "pacing-client",
          change: { actions: ["update"], before: { description: "old" }, after: { description: `new ${SECRET}` }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
        },
      ],
      configuration: { root_module: { variables: { acme_admin_client_id: {}, acme_admin_client_secret: { sensitive: true } } } },
    };
    const dir = mkdtempSync(join(tmpdir(), "masking-plan-"));
    writeFileSync(join(dir, "acme.plan.json"), JSON.stringify(plan));
    // no TF_VAR_ in the environment: the summary masks the plan's own sensitive values
    const r = runInstalledSync(["summary", "acme.plan.json"], { cwd: dir });
    expect({ code: r.code, stdout: seen(r.stdout) }).toEqual({ code: 0, stdout: { secret: false, masked: true } });
  });

  test("given Terraform's log: an output that prints a TF_VAR_ value", async () => {
    const dir = mkdtempSync(join(tmpdir(), "masking-tf-"));
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ variable: { v: { type: "string" } }, output: { shown: { value: "${var.v}" } } }));
    const tf = projectTerraform(REPO_PROJECT, userEnv({ TF_VAR_v: SECRET }));
    const applied = await runTerraform(tf, dir, ["apply", "-auto-approve"]);
    expect({ code: applied.code, stdout: seen(applied.stdout) }).toEqual({ code: 0, stdout: { secret: false, masked: true } });
  }, 60_000);
});
