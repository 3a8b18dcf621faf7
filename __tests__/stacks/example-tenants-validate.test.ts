import { execFileSync, spawnSync } from "child_process";
import { existsSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { synthesize } from "../../stacks/synthesize";
import { runTerraform } from "../../testing/e2e";
import { describeWithGenesyscloud } from "../helpers/genesyscloud-provider";
import { tenantFixture } from "../../testing/tenant-fixture";

const ROOT = join(__dirname, "..", "..");

describeWithGenesyscloud(__filename)("example tenants", () => {
  test("synthesize to stacks that the real terraform initializes (mirror only) and validates", async () => {
    // given the example tenants file with freshly made certificates
    const { dir, file } = tenantFixture();
    const outdir = join(dir, "cdktf.out");

    // when the app is synthesized
    await synthesize(file, { kind: "genesys-cloud" }, { outdir });

    // then every stack passes `terraform init` from the mirror and `terraform validate`
    const stacks = readdirSync(join(outdir, "stacks")).sort();
    expect(stacks).toEqual(["acme", "globex"]);
    for (const stack of stacks) {
      const cwd = join(outdir, "stacks", stack);
      const init = await runTerraform(cwd, ["init", "-backend=false"]);
      expect({ stack, init: init.code, stderr: init.stderr }).toEqual({ stack, init: 0, stderr: "" });
      const validate = await runTerraform(cwd, ["validate", "-json"]);
      expect({ stack, validate: JSON.parse(validate.stdout) }).toEqual({
        stack,
        validate: expect.objectContaining({ valid: true, error_count: 0, warning_count: 0 }),
      });
    }
  });
});

describe("main.ts", () => {
  test("an invalid tenants file stops synthesis before anything is written, listing every problem", () => {
    // given a tenants file with two problems
    const { dir } = tenantFixture();
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      [
        "tenants:",
        "  acme:",
        "    region: eu-west-9",
        "    organization: { id: 3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f, shortName: acme }",
        "    saml: { issuer: https://engage.acme.example/pureengage, certificate: certs/acme/cert.pem }",
        "    pacingClient: { accessTokenValiditySeconds: 10 }",
        "",
      ].join("\n"),
    );
    const outdir = join(dir, "out");

    // when the app runs as `cdktf synth` runs it
    const result = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", join(ROOT, "main.ts")], {
      cwd: dir,
      env: { ...process.env, HYBRID_CONFIG: bad, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });

    // then it fails with one line per problem, naming tenant, field and fix, and writes nothing
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/tenants\.acme\.region: .*"eu-west-9".*eu-west-1/);
    expect(result.stderr).toMatch(/tenants\.acme\.pacingClient\.accessTokenValiditySeconds: 10 .*300\.\.172800/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(outdir)).toBe(false);
  });

  test("synthesizes the example tenants with no secret in the environment", () => {
    // given the example tenants file and no TF_VAR_*, HYBRID_KEY_PASSWORD or PG_CONN_STR
    const { dir } = tenantFixture();
    const outdir = join(dir, "out");
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TF_VAR_|HYBRID_KEY_PASSWORD|PG_CONN_STR)/.test(k)));

    // when the app runs
    execFileSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", join(ROOT, "main.ts")], {
      cwd: dir,
      env: { ...env, HYBRID_CONFIG: join(dir, "tenants.yaml"), CDKTF_OUTDIR: outdir },
      stdio: "pipe",
    });

    // then both stacks are written
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["acme", "globex"]);
  });
});
