import * as fs from "node:fs";
import * as path from "node:path";
import {
  PASSWORD,
  createSet,
  hybrid,
  leaksSecrets,
  opensslOk,
  runSeedOpensslCommands,
  tempDir,
} from "./helpers";

const DAY_MS = 86_400_000;

function checkLine(stdout: string, name: string): string {
  return stdout.split("\n").find((l) => new RegExp(`^  \\S+ +${name.replace(/\./g, "\\.")} `).test(l)) ?? "";
}

describe("hybrid certs inspect", () => {
  describe("given a set made by hybrid certs create", () => {
    let cwd: string;
    let dir: string;

    beforeAll(async () => {
      cwd = tempDir();
      dir = await createSet(cwd);
    });

    it("when inspected with the password, then it shows the certificate as openssl sees it and every check passes", async () => {
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(0);
      const fingerprint = opensslOk(["x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"], { cwd: dir })
        .toString()
        .trim()
        .split("=")[1];
      const serial = opensslOk(["x509", "-in", "cert.pem", "-noout", "-serial"], { cwd: dir }).toString().trim().split("=")[1];
      expect(result.stdout).toContain(`sha256       ${fingerprint}`);
      expect(result.stdout).toContain(`serial       ${serial}`);
      expect(result.stdout).toContain("subject      CN=acme hybrid SAML signing, O=acme");
      expect(result.stdout).toContain("public key   RSA 2048 bits");
      expect(result.stdout).toMatch(/valid until  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(365[01] days left\)/);
      expect(checkLine(result.stdout, "key.pem")).toMatch(/^  ok +key\.pem +matches the certificate \(PKCS#8, unencrypted\)/);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/^  ok +key\.pem\.enc +decrypts and matches the certificate \(traditional PEM, AES-256-CBC\)/);
      expect(checkLine(result.stdout, "cert.pem.b64")).toMatch(/^  ok +cert\.pem\.b64 +decodes to cert\.pem byte for byte \(saml\/certificate\)/);
      expect(checkLine(result.stdout, "key.pem.enc.b64")).toMatch(/^  ok +key\.pem\.enc\.b64 +decodes to key\.pem\.enc byte for byte \(saml\/pkey\)/);
      expect(leaksSecrets(result.stdout + result.stderr, dir)).toBe(false);
    });

    it("when inspected without a password, then key.pem.enc is reported as not checked and the rest passes", async () => {
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd, env: {} });
      expect(result.code).toBe(0);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/skipped +key\.pem\.enc +not checked: set HYBRID_KEY_PASSWORD or pass --password-file/);
    });

    it("when inspected with the wrong password, then key.pem.enc fails with a one-line error naming it", async () => {
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd, env: { HYBRID_KEY_PASSWORD: "not-the-password" } });
      expect(result.code).toBe(1);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/FAIL +key\.pem\.enc +cannot decrypt the private key: wrong password, or the file is corrupted/);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^hybrid: certs\/acme: 1 check failed: key\.pem\.enc cannot decrypt/);
      expect(leaksSecrets(result.stdout + result.stderr, dir, "not-the-password")).toBe(false);
    });

    it("when the password comes from --password-file, then it is used", async () => {
      fs.writeFileSync(path.join(cwd, "pw"), `${PASSWORD}\n`);
      const result = await hybrid(["certs", "inspect", "certs/acme", "--password-file", "pw"], { cwd, env: {} });
      expect(result.code).toBe(0);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/^  ok /);
    });
  });

  describe.each([
    ["OpenSSL 3 (PKCS#8 key.pem.enc)", false, "PKCS#8, encrypted"],
    ["OpenSSL 1.1 (traditional key.pem.enc, via -traditional)", true, "traditional PEM, AES-256-CBC"],
  ])("given a set made by the procedure's four openssl commands, %s", (_label, traditional, format) => {
    it("when inspected, then every check passes", async () => {
      const dir = tempDir();
      runSeedOpensslCommands(dir, { traditional });
      const result = await hybrid(["certs", "inspect", dir], { cwd: dir, env: { HYBRID_KEY_PASSWORD: PASSWORD } });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("subject      CN=seed, O=acme");
      expect(checkLine(result.stdout, "key.pem.enc")).toContain(`decrypts and matches the certificate (${format})`);
      expect(checkLine(result.stdout, "key.pem.enc.b64")).toMatch(/^  ok /);
      expect(leaksSecrets(result.stdout, dir)).toBe(false);
    });
  });

  describe("given a set with a problem", () => {
    async function brokenSet(breakIt: (dir: string, cwd: string) => void | Promise<void>): Promise<{ cwd: string; dir: string }> {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      await breakIt(dir, cwd);
      return { cwd, dir };
    }

    it("when key.pem and key.pem.enc belong to another certificate, then both fail as not matching", async () => {
      const { cwd } = await brokenSet(async (dir, cwd) => {
        const other = await createSet(cwd, "other");
        for (const name of ["key.pem", "key.pem.enc"]) fs.copyFileSync(path.join(other, name), path.join(dir, name));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(1);
      expect(checkLine(result.stdout, "key.pem")).toMatch(/FAIL +key\.pem +does not match the certificate in cert\.pem/);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/FAIL +key\.pem\.enc +does not match the certificate in cert\.pem/);
      // key.pem.enc.b64 still decodes to the original key.pem.enc, which was replaced.
      expect(checkLine(result.stdout, "key.pem.enc.b64")).toMatch(/FAIL +key\.pem\.enc\.b64 +does not decode to key\.pem\.enc/);
      expect(result.stderr).toMatch(/^hybrid: certs\/acme: 3 checks failed: key\.pem does not match/);
    });

    it("when key.pem.enc is truncated, then it fails as truncated", async () => {
      const { cwd } = await brokenSet((dir) => {
        const file = path.join(dir, "key.pem.enc");
        const text = fs.readFileSync(file, "utf8");
        fs.writeFileSync(file, text.slice(0, text.length / 2));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(1);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/FAIL +key\.pem\.enc +truncated PEM: -----BEGIN RSA PRIVATE KEY-{5} has no matching -----END RSA PRIVATE KEY-{5} line/);
    });

    it("when key.pem.enc is the unencrypted key, then it fails: saml/pkey must be encrypted", async () => {
      const { cwd } = await brokenSet((dir) => {
        fs.copyFileSync(path.join(dir, "key.pem"), path.join(dir, "key.pem.enc"));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(1);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/FAIL +key\.pem\.enc +not encrypted/);
    });

    it("when key.pem.enc is missing, then it fails, while a missing key.pem is fine", async () => {
      const { cwd } = await brokenSet((dir) => {
        fs.rmSync(path.join(dir, "key.pem"));
        fs.rmSync(path.join(dir, "key.pem.enc"));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(1);
      expect(checkLine(result.stdout, "key.pem")).toMatch(/absent +key\.pem +not present/);
      expect(checkLine(result.stdout, "key.pem.enc")).toMatch(/FAIL +key\.pem\.enc +missing: saml\/pkey is made from it/);
    });

    it("when cert.pem.b64 has a stray character or is cut off, then it fails saying so", async () => {
      const { cwd, dir } = await brokenSet((dir) => {
        const file = path.join(dir, "cert.pem.b64");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^(.{10})./m, "$1!"));
        const keyB64 = path.join(dir, "key.pem.enc.b64");
        fs.writeFileSync(keyB64, fs.readFileSync(keyB64, "utf8").slice(0, 100));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(1);
      expect(checkLine(result.stdout, "cert.pem.b64")).toMatch(/FAIL +cert\.pem\.b64 +not base64: line 1 has characters outside the base64 alphabet/);
      expect(checkLine(result.stdout, "key.pem.enc.b64")).toMatch(/FAIL +key\.pem\.enc\.b64 +truncated base64/);
      expect(leaksSecrets(result.stdout + result.stderr, dir)).toBe(false);
    });

    it("when cert.pem is truncated, then it stops with a one-line error naming cert.pem", async () => {
      const { cwd } = await brokenSet((dir) => {
        const file = path.join(dir, "cert.pem");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").slice(0, 300));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^hybrid: .*certs\/acme\/cert\.pem: truncated PEM: -----BEGIN CERTIFICATE----- has no matching -----END CERTIFICATE----- line/);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    });

    it("when cert.pem holds a private key instead, then it says what it found", async () => {
      const { cwd } = await brokenSet((dir) => {
        fs.copyFileSync(path.join(dir, "key.pem"), path.join(dir, "cert.pem"));
      });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cert\.pem: expected a PEM CERTIFICATE, found PRIVATE KEY/);
      expect(result.stderr.includes(PASSWORD)).toBe(false);
    });

    it("when the directory has no cert.pem, then it says how to create one", async () => {
      const cwd = tempDir();
      const result = await hybrid(["certs", "inspect", "certs/nobody"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot read certificate .*certs\/nobody\/cert\.pem: not found; create it with `hybrid certs create --tenant <name>`/);
    });
  });

  describe("given certificates near or past the end of their validity", () => {
    it("when the certificate has expired, then it fails and exits 1", async () => {
      const cwd = tempDir();
      await createSet(cwd, "acme", ["--days", "30"], { now: new Date(Date.now() - 40 * DAY_MS) });
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/\(expired 1[01] days ago\)/);
      expect(checkLine(result.stdout, "cert.pem")).toMatch(/FAIL +cert\.pem +expired 1[01] days ago/);
      expect(result.stderr).toMatch(/1 check failed: cert\.pem expired/);
    });

    it("when it expires within 30 days, then it warns but exits 0", async () => {
      const cwd = tempDir();
      await createSet(cwd, "acme", ["--days", "10"]);
      const result = await hybrid(["certs", "inspect", "certs/acme"], { cwd });
      expect(result.code).toBe(0);
      expect(checkLine(result.stdout, "cert.pem")).toMatch(/WARN +cert\.pem +expires in 9 days: rotate it soon/);
    });
  });
});
