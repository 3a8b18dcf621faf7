import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { Listr, ListrTask } from "listr2";
import { exampleKeyPassword, ensureExampleKeyPair } from "../../core/certs/example-key-pairs";
import { OPTION_LAYOUT } from "../../core/contract/option-layout";
import type { TenantConfig } from "../../core/config/tenant-config";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { startSandbox, type RunningSandbox } from "../sandbox/sandbox";
import { parseSandboxEnv } from "../sandbox/sandbox-env";
import { describeRun, runTerraform } from "../../core/terraform/terraform";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import { UserError } from "../../core/user-error";
import { deploymentTarget } from "../../core/contract/deployment-target";
import { addTenantStacks, checkTenants } from "../../stacks/hybrid-app";
import { loadToolchain, providerInstalled, TOOLCHAIN_MANIFEST } from "../../core/toolchain/toolchain-manifest";

export interface DemoOptions {
  /** The tenants file. */
  readonly config: string;
  /** Where the synthesized stacks, the exports and the sandbox's state go; emptied first. */
  readonly out: string;
  /** Print, one line at a time. */
  readonly write: (text: string) => void;
  /** Runs `hybrid <argv>` in-process (export, doctor) with output to `write`; resolves to its exit code. */
  readonly hybrid: (argv: string[], cwd: string, env: NodeJS.ProcessEnv) => Promise<number>;
  /** Tenants deployed at a time. @default 2 */
  readonly parallel?: number;
  /** Force plain line output (no live redraw), e.g. when stdout is not a terminal. */
  readonly plain?: boolean;
}

export interface DemoResult {
  readonly tenants: readonly { readonly name: string; readonly ok: boolean; readonly seconds: number }[];
  readonly seconds: number;
  /** Time the sandbox itself spent answering requests, in seconds. */
  readonly sandboxSeconds: number;
}

/**
 * The transaction object as an administrator would type it, in the procedure's order
 * (sections, then the Annex), secrets shown as *** and long values shortened.
 */
export function maskedTransactionObject(tenant: string, sections: Record<string, Record<string, string>>): string {
  const lines = [`${tenant}: hybrid_integration`];
  let section = "";
  for (const spec of OPTION_LAYOUT) {
    if (spec.section !== section) {
      section = spec.section;
      lines.push(`  [${section}]${spec.place === "annex" ? "  (the object's Annex)" : ""}`);
    }
    const value = spec.secret ? "***" : (sections[spec.section]?.[spec.option] ?? "(missing)").replace(/\n/g, "");
    lines.push(`    ${spec.option}=${value.length > 60 ? `${value.slice(0, 40)}... (${value.length} characters)` : value}`);
  }
  return lines.join("\n");
}

/**
 * The main job on the embedded default: synthesizes every tenant of the tenants file
 * for a local sandbox, starts the sandbox, deploys each tenant with the real Terraform
 * and providers, prints its transaction object with secrets masked, exports it
 * (`hybrid export`) and checks it (`hybrid doctor`), then stops the sandbox.
 */
export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  if (!existsSync(TOOLCHAIN_MANIFEST)) throw new UserError("no toolchain: run `npm run toolchain` first (it also tells which providers are missing).");
  const file = loadTenantsFile(opts.config);
  if (!providerInstalled("mypurecloud/genesyscloud", loadToolchain())) {
    throw new UserError(
      "the genesyscloud Terraform provider (mypurecloud/genesyscloud 1.82.0) is not installed, so the demo cannot deploy the OAuth clients and the role grant. " +
        "What still works without it: `npm run synth` (every stack, synthesized) and the identity provider half (restapi). " +
        "Install the provider from a filesystem mirror (README, \"Providers on an air-gapped site\"), run `npm run toolchain`, then `npm run demo` again.",
    );
  }
  const out = path.resolve(opts.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true, mode: 0o700 });
  for (const tenant of file.tenants) ensureExampleKeyPair(tenant);
  const passwords = new Map(file.tenants.map((t) => [t.name, exampleKeyPassword(t)]));
  const noPassword = file.tenants.filter((t) => !passwords.get(t.name)).map((t) => t.name);
  if (noPassword.length > 0) {
    throw new UserError(`no SAML key password for ${noPassword.join(", ")}: set HYBRID_KEY_PASSWORD, or let the demo make example key pairs (remove those tenants' certs/<tenant>/ folders).`);
  }

  let sandbox: RunningSandbox | undefined;
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  try {
    sandbox = await startSandbox(file, { dir: path.join(out, "sandbox") });
    const sandboxEnv = parseSandboxEnv(readFileSync(sandbox.envFile, "utf8"));
    const cdktfOut = path.join(out, "cdktf.out");
    const target = deploymentTarget(sandboxEnv);
    const app = new App({ outdir: cdktfOut });
    addTenantStacks(app, checkTenants(file), target);
    app.synth();

    const envFor = (tenant: TenantConfig): NodeJS.ProcessEnv => ({
      ...process.env,
      ...sandboxEnv,
      // The demo's stacks are its own folder: Terraform's usual .terraform is fine there.
      TF_DATA_DIR: "",
      [`TF_VAR_${tenantVariableNames(tenant.name).samlKeyPassword}`]: passwords.get(tenant.name)!,
    });
    const secretsOf = (tenant: TenantConfig) => [passwords.get(tenant.name)!, sandboxEnv[`TF_VAR_${tenantVariableNames(tenant.name).adminClientSecret}`]];
    const lines: string[] = [];
    // `terraform init`s one at a time: two inits filling the shared plugin cache at once
    // race on its folders ("file exists", "text file busy"); everything else runs in parallel.
    let initQueue: Promise<unknown> = Promise.resolve();
    const oneInitAtATime = <T>(fn: () => Promise<T>): Promise<T> => {
      const next = initQueue.then(fn, fn);
      initQueue = next.catch(() => undefined);
      return next;
    };

    const tenantTask = (tenant: TenantConfig): ListrTask => ({
      title: tenant.name,
      task: (_ctx, task) => {
        const dir = path.join(cdktfOut, "stacks", tenant.name);
        const env = envFor(tenant);
        const terraform = async (args: string[]) => {
          const run = await runTerraform(dir, args, { env: env as Record<string, string>, redact: secretsOf(tenant), timeoutMs: 300_000 });
          if (run.code !== 0) throw new Error(`${tenant.name}: ${describeRun(run)}`);
          return run;
        };
        const hybrid = async (argv: string[]) => {
          // In `out`, where the demo's cdktf.out is: export and doctor read the stacks there.
          const code = await opts.hybrid([...argv, "--tenant", tenant.name, "--config", opts.config], out, env);
          if (code !== 0) throw new Error(`${tenant.name}: hybrid ${argv[0]} exited ${code}`);
        };
        let t0 = 0;
        const step = (title: string, fn: () => Promise<void>): ListrTask => ({
          title,
          task: async (_c, sub) => {
            const s0 = Date.now();
            t0 ||= s0;
            try {
              await fn();
            } catch (err) {
              results.push({ name: tenant.name, ok: false, seconds: (Date.now() - t0) / 1000 });
              throw err;
            }
            sub.title = `${title} (${((Date.now() - s0) / 1000).toFixed(1)} s)`;
          },
        });
        return task.newListr(
          [
            step("terraform init", () => oneInitAtATime(async () => void (await terraform(["init"])))),
            step("terraform apply", async () => void (await terraform(["apply", "-auto-approve"]))),
            step("transaction object", async () => {
              // The secrets output is never read: they are shown as *** whatever they are.
              lines.push(maskedTransactionObject(tenant.name, JSON.parse((await terraform(["output", "-json", "hybrid_integration"])).stdout)));
            }),
            step(`hybrid export to ${path.relative(process.cwd(), path.join(out, tenant.name)) || "."}`, () => hybrid(["export", "--out", out, "--include-secrets"])),
            step("hybrid doctor", () => hybrid(["doctor"])),
            step("done", async () => {
              results.push({ name: tenant.name, ok: true, seconds: (Date.now() - t0) / 1000 });
              task.title = `${tenant.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
            }),
          ],
          { concurrent: false, exitOnError: true },
        );
      },
    });

    const tasks = new Listr(file.tenants.map(tenantTask), {
      concurrent: opts.parallel ?? 2,
      exitOnError: false,
      renderer: opts.plain ? "simple" : "default",
      fallbackRenderer: "simple",
    });
    await tasks.run();
    for (const text of lines.sort()) opts.write(`${text}\n`);
    const sandboxMs = sandbox.cloud.requests.reduce((sum, r) => sum + r.durationMs, 0);
    return { tenants: results.sort((a, b) => a.name.localeCompare(b.name)), seconds: (Date.now() - started) / 1000, sandboxSeconds: sandboxMs / 1000 };
  } finally {
    await sandbox?.stop();
  }
}
