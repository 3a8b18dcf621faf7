/**
 * `npm run demo` as a user runs it, on a tenants file of three tenants in three regions:
 * exit code, what it prints (no secret among it), and the files it writes.
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { exampleKeyPassword } from "../../core/certs/example-key-pairs";
import { loadTenantsFile } from "../../core/config/tenants-file";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { makeTempDir } from "../../testing/e2e";
import { writeFileSync } from "fs";
import { tenantsYaml } from "../../testing/tenants-yaml";

const ROOT = join(__dirname, "..", "..");
const TENANTS = tenantsYaml([
  { name: "acme", orgId: "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f" },
  { name: "globex", orgId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b", region: "us-east-1" },
  // in a key rollover at its switch stage: the transaction object carries the next key set
  { name: "initech", orgId: "7d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f", region: "ap-southeast-2", rollover: { certificate: "certs/initech/next/cert.pem", stage: "switch" } },
]);

function demo(dir: string, out: string) {
  // the environment a user has: no sandbox, no credentials
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TF_VAR_") && !k.startsWith("HYBRID_SANDBOX") && k !== "TF_DATA_DIR"));
  return spawnSync("npm", ["run", "-s", "demo", "--", "--out", out], {
    cwd: ROOT,
    env: { ...env, HYBRID_CONFIG: join(dir, "tenants.yaml") },
    encoding: "utf8",
    timeout: 300_000,
  });
}

describeWithGenesyscloud(__filename)("npm run demo", () => {
  test("deploys three tenants in three regions (one in a key rollover) to a sandbox, prints their transaction objects without secrets and exports them; a second run starts clean", () => {
    // given a tenants file of three tenants and no key pairs yet
    const dir = makeTempDir("demo");
    writeFileSync(join(dir, "tenants.yaml"), TENANTS);
    const out = join(dir, "out");

    // when the demo runs
    const first = demo(dir, out);

    // then it succeeded and ended with one line of totals
    const printed = first.stdout + first.stderr;
    expect({ status: first.status, tail: first.status === 0 ? "" : printed.slice(-3000) }).toEqual({ status: 0, tail: "" });
    expect(first.stdout.trim().split("\n").pop()).toMatch(/^demo: 3 of 3 tenant\(s\) deployed, exported and checked in \d+\.\d s \(the sandbox's share \d+\.\d %\); exports in /);
    // and each tenant's transaction object was printed, its region's URLs in it, secrets masked
    for (const [tenant, domain] of [["acme", "mypurecloud.ie"], ["globex", "mypurecloud.com"], ["initech", "mypurecloud.com.au"]]) {
      expect(first.stdout).toContain(`${tenant}: hybrid_integration`);
      expect(first.stdout).toContain(`base_auth_url=https://login.${domain}/oauth/token`);
    }
    expect(first.stdout.match(/password=\[REDACTED\]/g)).toHaveLength(9);
    // and no secret is among the printed lines: not a key password, not a key, not a client secret
    const file = loadTenantsFile(join(dir, "tenants.yaml"));
    for (const tenant of file.tenants) {
      // (the next key set's password too, for initech)
      for (const password of [exampleKeyPassword(tenant)!, ...(tenant.saml.rollover ? [exampleKeyPassword(tenant, "next")!] : [])]) {
        expect(password.length).toBeGreaterThan(10);
        expect(printed.includes(password)).toBe(false);
      }
      const pkey = readFileSync(join(dir, "certs", tenant.name, "key.pem.enc.b64"), "utf8").split("\n")[1];
      expect(printed.includes(pkey)).toBe(false);
      const exported = readFileSync(join(out, tenant.name, "hybrid_integration.cfg"), "utf8");
      const passwords = exported.split("\n").filter((l) => /^password=/.test(l)).map((l) => l.slice("password=".length));
      // saml/password, saml_auth/password and ewt/password: the loop below checks each
      expect(passwords.length).toBe(3);
      for (const secret of passwords) {
        expect(secret.length).toBeGreaterThan(10);
        expect(printed.includes(secret)).toBe(false);
      }
    }
    // and initech's export carries its next key set, under the next set's own example password
    const initech = readFileSync(join(out, "initech", "hybrid_integration.cfg"), "utf8");
    expect(initech).toContain(`certificate=${readFileSync(join(dir, "certs", "initech", "next", "cert.pem.b64"), "utf8").replace(/\n/g, "")}\n`);
    expect(initech.includes(`password=${exampleKeyPassword(file.tenants.find((t) => t.name === "initech")!, "next")}\n`)).toBe(true);
    // and the export's files are there, the secret ones owner-only
    for (const tenant of ["acme", "globex", "initech"]) {
      expect(readdirSync(join(out, tenant)).sort()).toEqual(["README.txt", "annex.cfg", "hybrid_integration.cfg", "hybrid_integration.json"]);
      expect(statSync(join(out, tenant, "hybrid_integration.cfg")).mode & 0o777).toBe(0o600);
    }

    // when it runs a second time
    const second = demo(dir, out);
    // then it starts clean (a fresh sandbox, no state of the first run) and succeeds again
    expect({ status: second.status, tail: second.status === 0 ? "" : (second.stdout + second.stderr).slice(-3000) }).toEqual({ status: 0, tail: "" });
    expect(existsSync(join(out, "sandbox", "state", "acme.tfstate"))).toBe(true);
  }, 600_000);
});
