/**
 * Measures one full cycle for one org against the Genesys Cloud double: synth, init,
 * apply, plan, destroy, with the real Terraform and restapi provider, and the double's
 * share of it (the server-side handling time it records per request vs wall time).
 *
 *   npx ts-node --transpile-only benchmarks/pureengage-cycle.ts [runs=5]
 *
 * Prints timings and request counts only; no credential is ever printed.
 */
import { randomUUID } from "crypto";
import { generateRsaKeyPair } from "../core/certs/key-pair";
import { createSelfSignedCertificate } from "../core/certs/self-signed-certificate";
import { GenesysCloudDouble, totalHandlingMs } from "../genesys-cloud-double";
import { adminCredentialsEnv } from "../testing/e2e/hybrid-org-at-fake";
import { addPureEngageOrg } from "../testing/e2e/pureengage-stack";
import { synthStack } from "../testing/e2e/synth-stack";
import { makeTempDir, removeTempDir } from "../testing/e2e/temp-dir";
import { terraformOk } from "../testing/e2e/terraform";

interface Step {
  readonly name: string;
  readonly wallMs: number;
  readonly requests: number;
  readonly serverMs: number;
}

async function cycle(fake: GenesysCloudDouble, certificatePem: string): Promise<Step[]> {
  const orgId = randomUUID();
  const creds = fake.addOrg({ id: orgId, shortName: "measure" });
  const outdir = makeTempDir("measure-pureengage");
  const steps: Step[] = [];
  const timed = async (name: string, fn: () => unknown | Promise<unknown>) => {
    const mark = fake.requests.length;
    const started = process.hrtime.bigint();
    await fn();
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const requests = fake.requests.slice(mark);
    steps.push({ name, wallMs, requests: requests.length, serverMs: totalHandlingMs(requests) });
  };
  try {
    let dir = "";
    let env: Record<string, string> = {};
    await timed("synth", () => {
      const synthesized = synthStack(outdir, "measure", (stack) => {
        const { org } = addPureEngageOrg(stack, {
          apiUrl: fake.url,
          organizationId: orgId,
          organizationShortName: "measure",
          credentialsVariablePrefix: "measure",
          issuerUri: "https://engage.measure.example/pureengage",
          certificatePem,
        });
        env = adminCredentialsEnv(org, creds);
      });
      dir = synthesized.dir;
    });
    const opts = () => ({ env, redact: [creds.adminClientSecret] });
    await timed("init", () => terraformOk(dir, ["init"], opts()));
    await timed("apply", () => terraformOk(dir, ["apply", "-auto-approve"], opts()));
    await timed("plan", () => terraformOk(dir, ["plan", "-detailed-exitcode"], opts()));
    await timed("destroy", () => terraformOk(dir, ["destroy", "-auto-approve"], opts()));
    if (fake.identityProvider(orgId) !== undefined) throw new Error("destroy left the identity provider in place");
  } finally {
    removeTempDir(outdir);
  }
  return steps;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => x.toFixed(1).padStart(8);

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const certificatePem = createSelfSignedCertificate({
    keys: generateRsaKeyPair(2048),
    subject: { commonName: "measure SAML signing", organization: "measure" },
    days: 30,
    now: new Date(),
  });
  const fake = await GenesysCloudDouble.start();
  const all: Step[][] = [];
  try {
    for (let i = 0; i < runs; i++) all.push(await cycle(fake, certificatePem));
  } finally {
    await fake.stop();
  }
  if (fake.unknownRequests.length > 0) throw new Error(`unknown requests: ${JSON.stringify(fake.unknownRequests)}`);

  console.log(`One full cycle for one org (synth in-process, then terraform init/apply/plan/destroy), ${runs} runs, medians:`);
  console.log(`step        wall ms  requests  double ms  double share`);
  for (const name of all[0].map((s) => s.name)) {
    const steps = all.map((run) => run.find((s) => s.name === name)!);
    const wall = median(steps.map((s) => s.wallMs));
    const server = median(steps.map((s) => s.serverMs));
    console.log(`${name.padEnd(8)} ${ms(wall)}  ${String(steps[0].requests).padStart(8)}  ${ms(server)}  ${((100 * server) / wall).toFixed(2).padStart(10)} %`);
  }
  const totals = all.map((run) => ({ wall: run.reduce((a, s) => a + s.wallMs, 0), server: run.reduce((a, s) => a + s.serverMs, 0), requests: run.reduce((a, s) => a + s.requests, 0) }));
  const wall = median(totals.map((t) => t.wall));
  const server = median(totals.map((t) => t.server));
  console.log(`${"total".padEnd(8)} ${ms(wall)}  ${String(totals[0].requests).padStart(8)}  ${ms(server)}  ${((100 * server) / wall).toFixed(2).padStart(10)} %`);
  console.log(`per-run totals (wall ms): ${totals.map((t) => t.wall.toFixed(0)).join(", ")}`);
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
