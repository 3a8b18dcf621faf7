/**
 * `hybrid drift --all` on N tenants deployed into their sandbox (the Genesys Cloud double, in this
 * process, as a sourced sandbox.env has it): the tenants are planned (`hybrid plan --all`) and
 * their saved plans applied first, then three of them are edited through the API as an
 * administrator would (a client's token duration, a Journey permission, the issuer), and the
 * installed CLI checks every tenant. Prints the seconds of the check alone, and what it found.
 *
 *   TMPDIR=/some/fast/disk npx ts-node --transpile-only benchmarks/drift.ts [tenants=200] [parallel=4]
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runBounded } from "../core/bounded-pool";
import { GenesysCloudDouble, PUREENGAGE_PATH } from "../genesys-cloud-double";
import { doubleSandboxShell } from "../testing/double-sandbox";
import { GenesysApiClient, runTerraform } from "../testing/e2e";
import { runInstalled } from "../testing/installed-cli";
import { writeManyTenants } from "../testing/many-tenants";
import { makeUserProject } from "../testing/user-project";

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? "200");
  const parallel = process.argv[3] ?? "4";
  const dir = mkdtempSync(join(tmpdir(), "drift-"));
  makeUserProject(dir);
  writeManyTenants(dir, n);
  const names = Array.from({ length: n }, (_, i) => `t${i}`);
  const orgId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
  const double = await GenesysCloudDouble.start();
  try {
    const shell = doubleSandboxShell(double, dir, names.map((name, i) => ({ name, orgId: orgId(i), keyPassword: "test-only" })));
    const started = Date.now();
    const plan = await runInstalled(["plan", "--all", "--parallel", parallel, "--out", "plans"], { cwd: dir, env: shell, timeoutMs: 4 * 3600_000 });
    if (plan.code !== 0) throw new Error(`plan --all exited ${plan.code}:\n${plan.stderr.slice(-3000)}`);
    await runBounded(names, Number(parallel), async (name) => {
      const r = await runTerraform(join(dir, "cdktf.out", "stacks", name), ["apply", join(dir, "plans", `${name}.tfplan`)], { env: shell, timeoutMs: 600_000 });
      if (r.code !== 0) throw new Error(`apply of ${name} exited ${r.code}:\n${r.stderr.slice(-2000)}`);
    });
    console.log(`deployed ${n} tenants in ${((Date.now() - started) / 1000).toFixed(0)} s (plan --all, then each saved plan applied)`);

    // Three hand edits, as in the drift test.
    const api = (i: number) => new GenesysApiClient(double.url, { adminClientId: shell[`TF_VAR_t${i}_admin_client_id`], adminClientSecret: shell[`TF_VAR_t${i}_admin_client_secret`] });
    const pacing = double.oauthClients(orgId(1)).find((c) => c.name === "PureEngage Client Credentials")!;
    await api(1).request("PUT", `/api/v2/oauth/clients/${pacing.id}`, { name: pacing.name, description: pacing.description, authorizedGrantType: pacing.authorizedGrantType, roleDivisions: pacing.roleDivisions, state: pacing.state, accessTokenValiditySeconds: 3600 });
    const employee = double.role(orgId(2), "employee")!;
    const without = employee.permissionPolicies.filter((p) => !(p.domain === "journey" && p.entityName === "session"));
    await api(2).request("PUT", `/api/v2/authorization/roles/${employee.id}`, { name: employee.name, description: employee.description, defaultRoleId: employee.defaultRoleId, permissionPolicies: without });
    await api(3).request("PUT", PUREENGAGE_PATH, { ...double.identityProvider(orgId(3))!, issuerURI: "https://engage.t3.example/typo" });

    const checked = Date.now();
    const drift = await runInstalled(["drift", "--all", "--parallel", parallel], { cwd: dir, env: shell, timeoutMs: 4 * 3600_000 });
    const seconds = (Date.now() - checked) / 1000;
    console.log(`drift --all, ${n} tenants: ${seconds.toFixed(1)} s (${((seconds / n) * 1000).toFixed(0)} ms per tenant), exit code ${drift.code}`);
    console.log(drift.stderr.trim().split("\n").pop());
  } finally {
    await double.stop();
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
