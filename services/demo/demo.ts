import { mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { configuredKeyPassword, ensureExampleKeyPair, exampleKeyPassword } from "../../core/certs/example-key-pairs";
import type { TenantConfig } from "../../core/config/tenant-config";
import type { TenantsFile } from "../../core/config/tenants-file";
import { deploymentTarget } from "../../core/contract/deployment-target";
import { OPTION_LAYOUT, optionValue, type TransactionObjectOptions } from "../../core/contract/option-layout";
import { readTenantOutputs, secretValues } from "../../core/contract/tenant-outputs";
import { tenantKeySets } from "../../core/contract/signing-set";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import { urlOverride } from "../../core/genesys/loopback";
import type { Project } from "../../core/project";
import { REDACTED } from "../../core/redaction";
import { initStacks } from "../../core/terraform/init-stacks";
import { describeRun, projectTerraform, runTerraform } from "../../core/terraform/terraform";
import { loadToolchain, providerInstalled } from "../../core/toolchain/toolchain-manifest";
import { ExitCode, UserError } from "../../core/user-error";
import { runBounded } from "../../core/bounded-pool";
import { SYNTHESIS_WORKER_ENTRY } from "../../stacks/parallel-synthesis";
import { synthesize } from "../../stacks/synthesize";
import { doctorTenant } from "../doctor/run-doctor";
import { DEFAULT_TEST_AGENT } from "../doctor/test-agent";
import { prepareExports, writeExport } from "../export/tenant-export";
import { parseSandboxEnv } from "../sandbox/sandbox-env";
import { startSandbox } from "../sandbox/sandbox";

export interface DemoOptions {
  readonly project: Project;
  readonly file: TenantsFile;
  /** Where the synthesized stacks, the exports and the sandbox's state go; emptied first. */
  readonly out: string;
  /** The caller's environment: key passwords (TF_VAR_<tenant>_saml_key_password, TF_VAR_<tenant>_saml_next_key_password, HYBRID_KEY_PASSWORD), PATH. */
  readonly env: NodeJS.ProcessEnv;
  /** Tenants deployed at a time. */
  readonly parallel: number;
  /** Each tenant's progress: the step it starts. */
  readonly onStep?: (tenant: string, step: string) => void;
  /** A tenant is done (deployed, exported and checked, or failed). */
  readonly onDone?: (result: DemoTenantResult) => void;
}

export interface DemoTenantResult {
  readonly name: string;
  readonly ok: boolean;
  readonly seconds: number;
  /** The transaction object as an administrator would type it, secrets masked (when deployed). */
  readonly transactionObject?: string;
  /** Where its export went. */
  readonly exportDir?: string;
  /** Where it failed, Terraform's or the check's own words (secrets masked). */
  readonly error?: string;
}

export interface DemoResult {
  readonly tenants: readonly DemoTenantResult[];
  /** Time the sandbox itself spent answering requests, in seconds. */
  readonly sandboxSeconds: number;
  /** The secrets the demo came to hold (key passwords, the sandbox's admin secrets, the clients' secrets): never to be printed. */
  readonly secrets: readonly string[];
}

/**
 * The transaction object as an administrator would type it, in the procedure's order
 * (sections, then the Annex), secrets masked and long values shortened.
 */
export function maskedTransactionObject(tenant: string, options: TransactionObjectOptions): string {
  const lines = [`${tenant}: hybrid_integration`];
  let section = "";
  for (const spec of OPTION_LAYOUT) {
    if (spec.section !== section) {
      section = spec.section;
      lines.push(`  [${section}]${spec.place === "annex" ? "  (the object's Annex)" : ""}`);
    }
    const value = spec.secret ? REDACTED : (optionValue(options, spec) ?? "").replace(/\n/g, "");
    lines.push(`    ${spec.option}=${value.length > 60 ? `${value.slice(0, 40)}... (${value.length} characters)` : value}`);
  }
  return lines.join("\n");
}

/**
 * Each key set's SAML key password, by its Terraform variable, in the order a deploy takes it:
 * TF_VAR_<tenant>_saml_key_password (during a key rollover, the next set's
 * TF_VAR_<tenant>_saml_next_key_password too), HYBRID_KEY_PASSWORD, else the key-password file of
 * the example key pair the demo makes for a set that has none.
 */
function keyPasswords(file: TenantsFile, env: NodeJS.ProcessEnv): Map<string, string> {
  const passwords = new Map<string, string>();
  const missing: { variable: string; dir: string }[] = [];
  for (const tenant of file.tenants) {
    for (const set of tenantKeySets(tenant)) {
      const configured = configuredKeyPassword(tenant, env, set.role);
      ensureExampleKeyPair(tenant, configured, set.role);
      const password = configured ?? exampleKeyPassword(tenant, set.role);
      if (password) passwords.set(set.passwordVariable, password);
      else missing.push({ variable: `TF_VAR_${set.passwordVariable}`, dir: path.dirname(set.certificateFile) });
    }
  }
  if (missing.length > 0) {
    throw new UserError(
      `no SAML key password for ${missing.map((m) => m.dir).join(", ")}: set ${missing.map((m) => m.variable).join(", ")} ` +
        `(as for a deploy) or HYBRID_KEY_PASSWORD, or let the demo make example key pairs (remove those folders).`,
      ExitCode.Usage,
    );
  }
  return passwords;
}

/**
 * The main job on the embedded default: synthesizes every tenant of the tenants file for a
 * local sandbox, starts the sandbox, deploys each tenant with the real Terraform and
 * providers, reads its transaction object, exports it (the export service) and checks it
 * live (the doctor service), then stops the sandbox.
 */
export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const toolchain = loadToolchain(opts.project);
  if (!providerInstalled(toolchain, "mypurecloud/genesyscloud")) {
    throw new UserError(
      "the genesyscloud Terraform provider (mypurecloud/genesyscloud 1.82.0) is not installed, so the demo cannot deploy the OAuth clients and the role grant. " +
        "What still works without it: `npm run synth` (every stack, synthesized) and the identity provider half (restapi). " +
        "Install the provider from a filesystem mirror (README, \"Providers on an air-gapped site\"), run `npm run toolchain`, then `npm run demo` again.",
      ExitCode.Usage,
    );
  }
  const passwords = keyPasswords(opts.file, opts.env);
  const out = path.resolve(opts.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true, mode: 0o700 });

  const sandbox = await startSandbox(opts.project, opts.file, { dir: path.join(out, "sandbox") });
  try {
    const sandboxEnv = parseSandboxEnv(readFileSync(sandbox.envFile, "utf8"));
    const synthDir = path.join(out, "cdktf.out");
    await synthesize(opts.file, deploymentTarget(sandboxEnv), { outdir: synthDir, env: opts.env, workerEntry: SYNTHESIS_WORKER_ENTRY });
    // The demo's stacks are its own folder: Terraform's usual .terraform is fine there.
    const env: NodeJS.ProcessEnv = { ...opts.env, ...sandboxEnv, TF_DATA_DIR: "" };
    for (const [variable, password] of passwords) env[`TF_VAR_${variable}`] = password;
    const tf = projectTerraform(opts.project, env, toolchain);
    const secrets = [...passwords.values(), ...opts.file.tenants.map((t) => sandboxEnv[`TF_VAR_${tenantVariableNames(t.name).adminClientSecret}`])];

    const dirOf = (tenant: TenantConfig) => path.join(synthDir, "stacks", tenant.name);
    const started = new Map<string, number>();
    const inits = await initStacks(tf, opts.file.tenants.map(dirOf), {
      parallel: opts.parallel,
      onStart: (dir) => {
        started.set(path.basename(dir), Date.now());
        opts.onStep?.(path.basename(dir), "terraform init");
      },
    });
    const deploy = async (tenant: TenantConfig, i: number): Promise<DemoTenantResult> => {
      const step = (text: string) => opts.onStep?.(tenant.name, text);
      const seconds = () => (Date.now() - (started.get(tenant.name) ?? Date.now())) / 1000;
      const done = (r: Omit<DemoTenantResult, "name" | "seconds">): DemoTenantResult => {
        const result = { name: tenant.name, seconds: seconds(), ...r };
        opts.onDone?.(result);
        return result;
      };
      if (inits[i].code !== 0) return done({ ok: false, error: describeRun(inits[i]) });
      step("terraform apply");
      const apply = await runTerraform(tf, dirOf(tenant), ["apply", "-auto-approve"], { secrets, timeoutMs: 300_000 });
      if (apply.code !== 0) return done({ ok: false, error: describeRun(apply) });

      step("transaction object");
      const outputs = await readTenantOutputs(tenant.name, { project: opts.project, synthDir, env });
      secrets.push(...secretValues(outputs));
      const transactionObject = maskedTransactionObject(tenant.name, outputs.options);

      step("hybrid export");
      const [prepared] = await prepareExports([tenant.name], { project: opts.project, synthDir, env, outDir: out, format: "cfg", includeSecrets: true, readOutputs: async () => outputs });
      writeExport(prepared);

      step("hybrid doctor");
      const report = await doctorTenant(tenant, { project: opts.project, synthDir, env, now: new Date(), agent: DEFAULT_TEST_AGENT, override: urlOverride(env), readOutputs: async () => outputs });
      const failed = report.checks.filter((c) => c.status === "fail");
      if (failed.length > 0) return done({ ok: false, transactionObject, exportDir: prepared.dir, error: failed.map((c) => `${c.id}: ${c.compared}${c.fix ? ` (fix: ${c.fix})` : ""}`).join("; ") });
      return done({ ok: true, transactionObject, exportDir: prepared.dir });
    };
    const results = await runBounded(opts.file.tenants, opts.parallel, async (tenant, i) => {
      try {
        return await deploy(tenant, i);
      } catch (err) {
        // A tenant's own problem (its outputs, its export) fails that tenant, reported; a bug still surfaces.
        if (!(err instanceof UserError)) throw err;
        const result = { name: tenant.name, ok: false, seconds: (Date.now() - (started.get(tenant.name) ?? Date.now())) / 1000, error: err.message };
        opts.onDone?.(result);
        return result;
      }
    });
    const sandboxMs = sandbox.cloud.requests.reduce((sum, r) => sum + r.durationMs, 0);
    return { tenants: results, sandboxSeconds: sandboxMs / 1000, secrets };
  } finally {
    await sandbox.stop();
  }
}
