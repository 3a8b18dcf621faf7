/**
 * Deploys N tenants with the real cdktf CLI, Terraform and restapi provider against
 * the Genesys Cloud double, with bounded parallelism, and times each phase:
 * `cdktf synth`, `cdktf deploy '*' --parallelism P`, a `terraform plan` of every
 * stack (P at a time), `cdktf destroy '*' --parallelism P`. Also gives the double's
 * share (server-side handling time it records per request, summed, vs wall time).
 *
 *   npx ts-node --transpile-only benchmarks/tenants-deploy.ts [tenants=10] [parallelism=4]
 *
 * Prints timings and counts only; no credential is printed.
 */
import { randomUUID } from "crypto";
import { join } from "path";
import { GenesysCloudDouble, totalHandlingMs } from "../genesys-cloud-double";
import { runCdktf, writeCdktfProject } from "../testing/e2e/cdktf-project";
import { runTerraform } from "../testing/e2e/terraform";
import { removeTempDir } from "../testing/e2e/temp-dir";
import { tenantFixture, TEST_KEY_PASSWORD } from "../testing/tenant-fixture";
import { REGION_NAMES } from "../core/genesys/regions";

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10);
  const parallelism = Number(process.argv[3] ?? 4);
  const fake = await GenesysCloudDouble.start();
  const names = Array.from({ length: n }, (_, i) => `tenant-${String(i + 1).padStart(2, "0")}`);
  const env: Record<string, string> = { HYBRID_TEST_GENESYS_URL: fake.url };
  const yaml = ["defaults:", "  preventDestroy: false", "tenants:"];
  names.forEach((name, i) => {
    const id = randomUUID();
    const creds = fake.addOrg({ id, shortName: name });
    const v = name.replace(/-/g, "_");
    env[`TF_VAR_${v}_admin_client_id`] = creds.adminClientId;
    env[`TF_VAR_${v}_admin_client_secret`] = creds.adminClientSecret;
    env[`TF_VAR_${v}_saml_key_password`] = TEST_KEY_PASSWORD;
    yaml.push(
      `  ${name}:`,
      `    region: ${REGION_NAMES[i % REGION_NAMES.length]}`,
      `    organization: { id: ${id}, shortName: ${name} }`,
      `    saml: { issuer: https://engage.${name}.example/pureengage, certificate: certs/${name}/cert.pem }`,
    );
  });
  const { dir } = tenantFixture({ yaml: yaml.join("\n") + "\n" });
  writeCdktfProject(dir);

  const rows: { phase: string; wallMs: number; requests: number; serverMs: number }[] = [];
  const phase = async (name: string, fn: () => Promise<void>) => {
    const mark = fake.requests.length;
    const started = Date.now();
    await fn();
    const requests = fake.requests.slice(mark);
    rows.push({ phase: name, wallMs: Date.now() - started, requests: requests.length, serverMs: totalHandlingMs(requests) });
  };
  const cdktf = async (args: string[]) => {
    const r = await runCdktf(dir, args, env, Object.values(env));
    if (r.code !== 0) throw new Error(`cdktf ${args.join(" ")} failed:\n${r.output.slice(-3000)}`);
  };

  try {
    await phase("cdktf synth", () => cdktf(["synth"]));
    await phase(`cdktf deploy (parallelism ${parallelism})`, () => cdktf(["deploy", "*", "--auto-approve", "--skip-provider-lock", "--parallelism", String(parallelism)]));
    await phase(`terraform plan, every stack (${parallelism} at a time)`, () =>
      inBatches(names, parallelism, async (name) => {
        const r = await runTerraform(join(dir, "cdktf.out", "stacks", name), ["plan", "-detailed-exitcode"], { env, redact: Object.values(env) });
        if (r.code !== 0) throw new Error(`plan of ${name} exited ${r.code}: not an empty plan`);
      }),
    );
    await phase(`cdktf destroy (parallelism ${parallelism})`, () => cdktf(["destroy", "*", "--auto-approve", "--skip-provider-lock", "--parallelism", String(parallelism)]));
  } finally {
    await fake.stop();
    removeTempDir(dir);
  }

  const total = rows.reduce((a, r) => ({ wallMs: a.wallMs + r.wallMs, requests: a.requests + r.requests, serverMs: a.serverMs + r.serverMs }), { wallMs: 0, requests: 0, serverMs: 0 });
  console.log(`${n} tenants, parallelism ${parallelism}`);
  console.log("| phase | wall s | requests | double ms | double's share |");
  console.log("|---|---|---|---|---|");
  for (const r of [...rows, { phase: "total", ...total }]) {
    console.log(`| ${r.phase} | ${(r.wallMs / 1000).toFixed(1)} | ${r.requests} | ${r.serverMs.toFixed(0)} | ${((100 * r.serverMs) / r.wallMs).toFixed(2)} % |`);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
