import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { configuredKeyPassword, ensureExampleKeyPair, exampleKeyPassword } from "../../core/certs/example-key-pairs";
import { parseTenants } from "../../core/config/tenants-file";
import { tempDir } from "./helpers";

/** A tenant `big-co` whose certificate lives in `dir`/certs/big-co. */
function tenant(dir: string) {
  const yaml = "tenants:\n  big-co:\n    region: eu-west-1\n    organization: { id: 3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f, shortName: bigco }\n    saml: { issuer: https://engage.big-co.example/pureengage, certificate: certs/big-co/cert.pem }\n";
  return parseTenants(yaml, dir, "tenants.yaml").tenants[0];
}

describe("the key password a deploy and the demo take", () => {
  test("given TF_VAR_<tenant>_saml_key_password (dashes as underscores), then it wins over HYBRID_KEY_PASSWORD", () => {
    const t = tenant(tempDir());
    expect(configuredKeyPassword(t, { TF_VAR_big_co_saml_key_password: "per-tenant-pw", HYBRID_KEY_PASSWORD: "shared-pw" })).toBe("per-tenant-pw");
    expect(configuredKeyPassword(t, { HYBRID_KEY_PASSWORD: "shared-pw" })).toBe("shared-pw");
    expect(configuredKeyPassword(t, { TF_VAR_big_co_saml_key_password: "", HYBRID_KEY_PASSWORD: "" })).toBeUndefined();
  });

  test("given no configured password, then an example key pair is made under a random one kept in key-password (0600)", () => {
    const dir = tempDir();
    const t = tenant(dir);
    expect(ensureExampleKeyPair(t, undefined)).toBe(true);
    const file = join(dir, "certs", "big-co", "key-password");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(exampleKeyPassword(t)).toBe(readFileSync(file, "utf8").trim());
    // and a second call makes nothing
    expect(ensureExampleKeyPair(t, undefined)).toBe(false);
  });

  test("given a configured password, then the example key pair is encrypted under it and no key-password file is written", () => {
    const dir = tempDir();
    const t = tenant(dir);
    expect(ensureExampleKeyPair(t, "configured-password")).toBe(true);
    expect(exampleKeyPassword(t)).toBeUndefined();
  });
});

describe("during a key rollover, the next set's password", () => {
  /** big-co rolling over to certs/big-co/next. */
  function rolling(dir: string) {
    const yaml =
      "tenants:\n  big-co:\n    region: eu-west-1\n    organization: { id: 3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f, shortName: bigco }\n" +
      "    saml: { issuer: https://engage.big-co.example/pureengage, certificate: certs/big-co/cert.pem, rollover: { certificate: certs/big-co/next/cert.pem, stage: publish } }\n";
    return parseTenants(yaml, dir, "tenants.yaml").tenants[0];
  }

  test("is TF_VAR_<tenant>_saml_next_key_password, else HYBRID_KEY_PASSWORD, as for the current set", () => {
    const t = rolling(tempDir());
    const env = { TF_VAR_big_co_saml_key_password: "current-pw", TF_VAR_big_co_saml_next_key_password: "next-pw", HYBRID_KEY_PASSWORD: "shared-pw" };
    expect([configuredKeyPassword(t, env), configuredKeyPassword(t, env, "next")]).toEqual(["current-pw", "next-pw"]);
    expect(configuredKeyPassword(t, { HYBRID_KEY_PASSWORD: "shared-pw" }, "next")).toBe("shared-pw");
    // and a tenant without a rollover has no next set
    expect(configuredKeyPassword(tenant(tempDir()), env, "next")).toBeUndefined();
  });

  test("an example next set is made in its own folder, with its own key-password file", () => {
    const dir = tempDir();
    const t = rolling(dir);
    expect([ensureExampleKeyPair(t, undefined), ensureExampleKeyPair(t, undefined, "next")]).toEqual([true, true]);
    expect(exampleKeyPassword(t, "next")).toBe(readFileSync(join(dir, "certs", "big-co", "next", "key-password"), "utf8").trim());
    expect(exampleKeyPassword(t, "next")).not.toBe(exampleKeyPassword(t));
  });
});
