/**
 * `npm run demo [-- --out DIR]`: the main job on the embedded default. Deploys every
 * tenant of the tenants file (HYBRID_CONFIG, default tenants.yaml) to a local sandbox
 * with the real Terraform and providers, prints each transaction object with secrets
 * masked, writes `hybrid export`'s files to DIR/<tenant>/ (default demo/out), runs
 * `hybrid doctor`, and stops the sandbox. A second run starts clean.
 */
import * as path from "node:path";
import { Command } from "commander";
import { run } from "../cli/hybrid";
import { tenantsFilePath } from "../core/config/tenants-file";
import { runDemo } from "../services/demo/demo";
import { UserError } from "../core/user-error";

async function main(): Promise<number> {
  const flags = new Command("demo")
    .option("--out <dir>", "where the exports (and the demo's stacks and sandbox state) go", "demo/out")
    .option("--parallel <n>", "tenants deployed at a time", "2")
    .parse(process.argv)
    .opts<{ out: string; parallel: string }>();
  const write = (text: string) => process.stdout.write(text);
  try {
    const result = await runDemo({
      config: tenantsFilePath(),
      out: path.resolve(flags.out),
      write,
      parallel: Number(flags.parallel),
      plain: !process.stdout.isTTY,
      hybrid: (argv, cwd, env) => run(argv, { cwd, env, now: () => new Date(), stdout: () => undefined, stderr: (t) => process.stderr.write(t) }),
    });
    const failed = result.tenants.filter((t) => !t.ok);
    // The whole demo process, start-up included: what its user waits for.
    const seconds = process.uptime();
    write(
      `demo: ${result.tenants.length - failed.length} of ${result.tenants.length} tenant(s) deployed, exported and checked in ${seconds.toFixed(1)} s ` +
        `(the sandbox's share ${((100 * result.sandboxSeconds) / seconds).toFixed(1)} %); exports in ${path.relative(process.cwd(), path.resolve(flags.out)) || "."}/<tenant>/` +
        (failed.length > 0 ? `; FAILED: ${failed.map((t) => t.name).join(", ")}` : "") +
        "\n",
    );
    return failed.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`demo: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
