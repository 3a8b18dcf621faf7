import * as fs from "node:fs";
import * as path from "node:path";
import {
  certModulus,
  createSet,
  fileHashes,
  hybrid,
  keyModulus,
  leaksSecrets,
  listTree,
  failNthRename,
  opensslOk,
  pemLine,
  tempDir,
} from "./helpers";

const SET = ["cert.pem", "key.pem", "key.pem.enc", "cert.pem.b64", "key.pem.enc.b64"];
const NOW = new Date("2026-03-01T12:34:56.789Z");

function fingerprint(dir: string): string {
  return opensslOk(["x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"], { cwd: dir }).toString();
}

describe("hybrid certs rotate", () => {
  describe("given a tenant's set made with a custom subject, a 3072-bit key and pkcs8", () => {
    let cwd: string;
    let dir: string;
    let before: Record<string, string>;
    let oldFingerprint: string;
    let result: { code: number; stdout: string; stderr: string };

    beforeAll(async () => {
      cwd = tempDir();
      dir = await createSet(cwd, "acme", ["--cn", "https://www.genesys.com/pureengage", "--org", "Acme Ltd", "--key-bits", "3072", "--format", "pkcs8"]);
      before = fileHashes(dir, SET);
      oldFingerprint = fingerprint(dir);
      // when
      result = await hybrid(["certs", "rotate", "--tenant", "acme", "--days", "400"], { cwd, now: NOW });
    });

    it("then a new key and certificate replace the set, and openssl accepts them", () => {
      expect(result.code).toBe(0);
      expect(fingerprint(dir)).not.toBe(oldFingerprint);
      const after = fileHashes(dir, SET);
      for (const name of SET) expect(after[name]).not.toBe(before[name]);
      expect(keyModulus(dir, "key.pem.enc")).toBe(certModulus(dir));
      expect(opensslOk(["x509", "-in", "cert.pem", "-noout", "-enddate"], { cwd: dir }).toString()).toMatch(/Apr  5 12:34:56 2027 GMT/);
    });

    it("then the old set is in previous/<UTC timestamp>/, byte for byte", () => {
      const previous = path.join(dir, "previous", "20260301T123456Z");
      expect(fs.readdirSync(previous).sort()).toEqual([...SET].sort());
      expect(fileHashes(previous, SET)).toEqual(before);
      expect(listTree(dir).filter((n) => !n.startsWith("previous"))).toEqual([...SET].sort());
    });

    it("then subject, key size and key.pem.enc form carry over", () => {
      const text = opensslOk(["x509", "-in", "cert.pem", "-noout", "-text", "-nameopt", "RFC2253"], { cwd: dir }).toString();
      expect(text).toMatch(/Subject: O=Acme Ltd,CN=https:\/\/www.genesys.com\/pureengage/);
      expect(text).toMatch(/Public-Key: \(3072 bit\)/);
      expect(fs.readFileSync(path.join(dir, "key.pem.enc"), "utf8").startsWith(pemLine("BEGIN", "ENCRYPTED PRIVATE KEY"))).toBe(true);
    });

    it("then it prints the next steps: deploy, update the transaction object, and how to roll back", () => {
      expect(result.stdout).toContain("1. cdktf deploy acme");
      expect(result.stdout).toContain("certificate = the content of certs/acme/cert.pem.b64");
      expect(result.stdout).toContain("pkey        = the content of certs/acme/key.pem.enc.b64");
      expect(result.stdout).toContain("password    = unchanged");
      expect(result.stdout).toContain("Rollback: mv -f certs/acme/previous/20260301T123456Z/* certs/acme/");
      expect(leaksSecrets(result.stdout + result.stderr, dir)).toBe(false);
    });

    it("then both the new and the previous set pass inspection", async () => {
      expect((await hybrid(["certs", "inspect", "certs/acme"], { cwd })).code).toBe(0);
      expect((await hybrid(["certs", "inspect", "certs/acme/previous/20260301T123456Z"], { cwd })).code).toBe(0);
    });
  });

  it("given a rotated set, when the previous files are moved back, then the old certificate is current and intact", async () => {
    const cwd = tempDir();
    const dir = await createSet(cwd);
    const oldFingerprint = fingerprint(dir);
    expect((await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd, now: NOW })).code).toBe(0);
    // when: the documented rollback
    const previous = path.join(dir, "previous", "20260301T123456Z");
    for (const name of fs.readdirSync(previous)) fs.renameSync(path.join(previous, name), path.join(dir, name));
    // then
    expect(fingerprint(dir)).toBe(oldFingerprint);
    expect((await hybrid(["certs", "inspect", "certs/acme"], { cwd })).code).toBe(0);
  });

  it("given two rotations in the same second, then each keeps its own previous set", async () => {
    const cwd = tempDir();
    const dir = await createSet(cwd);
    expect((await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd, now: NOW })).code).toBe(0);
    expect((await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd, now: NOW })).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "previous")).sort()).toEqual(["20260301T123456Z", "20260301T123456Z-2"]);
  });

  it("given a new password, when rotated, then it says saml/password must change too", async () => {
    const cwd = tempDir();
    await createSet(cwd);
    const result = await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd, env: { HYBRID_KEY_PASSWORD: "a-brand-new-password" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("password    = the password from $HYBRID_KEY_PASSWORD (it differs from the previous set's: change it)");
    expect(result.stdout.includes("a-brand-new-password")).toBe(false);
  });

  describe("--next: the next key set of a rollover, beside the current one", () => {
    it("given a set, then a new set carrying its subject, size and form is made in next/, the current set untouched, and the rollover's steps printed", async () => {
      // given acme's set with a custom subject, 3072 bits, pkcs8
      const cwd = tempDir();
      const dir = await createSet(cwd, "acme", ["--cn", "Acme signing", "--key-bits", "3072", "--format", "pkcs8"]);
      const before = fileHashes(dir, SET);
      // when
      const result = await hybrid(["certs", "rotate", "--tenant", "acme", "--next"], { cwd, now: NOW });
      // then the current set is as it was, and next/ holds a whole new set that openssl reads
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
      expect(fileHashes(dir, SET)).toEqual(before);
      const next = path.join(dir, "next");
      expect(fs.readdirSync(next).sort()).toEqual([...SET].sort());
      expect(fingerprint(next)).not.toBe(fingerprint(dir));
      expect(keyModulus(next, "key.pem.enc")).toBe(certModulus(next));
      const text = opensslOk(["x509", "-in", "cert.pem", "-noout", "-text", "-nameopt", "RFC2253"], { cwd: next }).toString();
      expect(text).toMatch(/Subject: O=acme,CN=Acme signing/);
      expect(text).toMatch(/Public-Key: \(3072 bit\)/);
      expect(fs.readFileSync(path.join(next, "key.pem.enc"), "utf8").startsWith(pemLine("BEGIN", "ENCRYPTED PRIVATE KEY"))).toBe(true);
      expect(fs.existsSync(path.join(dir, "previous"))).toBe(false);
      // and it prints each stage with the tenants-file line and the next key's password variable
      expect(result.stdout).toContain("rollover: { certificate: certs/acme/next/cert.pem, stage: publish }");
      expect(result.stdout).toContain("set TF_VAR_acme_saml_next_key_password to the same password as the current set's");
      expect(result.stdout).toMatch(/2\. switch .*\n.*hybrid export --tenant acme --include-secrets/);
      expect(result.stdout).toMatch(/3\. retire \(platform team, once every agent logged in again\)/);
      expect(leaksSecrets(result.stdout + result.stderr, dir)).toBe(false);
      expect((await hybrid(["certs", "inspect", "certs/acme/next"], { cwd })).code).toBe(0);
    });

    it("given a rollover already under way (next/ holds a set), then it refuses with exit 2 and changes nothing", async () => {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      expect((await hybrid(["certs", "rotate", "--tenant", "acme", "--next"], { cwd })).code).toBe(0);
      const next = fileHashes(path.join(dir, "next"), SET);
      const again = await hybrid(["certs", "rotate", "--tenant", "acme", "--next"], { cwd });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/^hybrid: .*certs\/acme\/next\/cert\.pem already exists: a key rollover is under way; finish it \(docs\/certs\.md, "Rolling the key over"\)/);
      expect(fileHashes(path.join(dir, "next"), SET)).toEqual(next);
    });

    it("given no current set, then there is nothing to roll over from", async () => {
      const cwd = tempDir();
      const result = await hybrid(["certs", "rotate", "--tenant", "acme", "--next"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/nothing to rotate: .*certs\/acme\/cert\.pem not found/);
      expect(listTree(cwd)).toEqual([]);
    });
  });

  describe("bad input: a one-line error, exit 2 (usage), and the current set untouched", () => {
    it("given no set yet, then there is nothing to rotate", async () => {
      const cwd = tempDir();
      const result = await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^hybrid: nothing to rotate: .*certs\/acme\/cert\.pem not found; create the set with `hybrid certs create --tenant <name>`\n$/);
      expect(listTree(cwd)).toEqual([]);
    });

    it("given a short password, then nothing is moved", async () => {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      const before = fileHashes(dir, SET);
      const result = await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd, env: { HYBRID_KEY_PASSWORD: "short" } });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/too short/);
      expect(fileHashes(dir, SET)).toEqual(before);
      expect(fs.existsSync(path.join(dir, "previous"))).toBe(false);
    });

    it("given a truncated cert.pem, then it names it and moves nothing", async () => {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      fs.writeFileSync(path.join(dir, "cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
      const result = await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/certs\/acme\/cert\.pem: truncated PEM/);
      expect(fs.existsSync(path.join(dir, "previous"))).toBe(false);
    });

    describe("given the file system fails while the new files go in", () => {
      afterEach(() => jest.restoreAllMocks());

      it("then the current set is back in place and no previous/<timestamp> is left", async () => {
        const cwd = tempDir();
        const dir = await createSet(cwd);
        const before = fileHashes(dir, SET);
        failNthRename(9, "EIO", "i/o error");
        const result = await hybrid(["certs", "rotate", "--tenant", "acme"], { cwd, now: NOW });
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/^hybrid: cannot write .*certs\/acme: EIO: i\/o error\n$/);
        expect(fileHashes(dir, SET)).toEqual(before);
        expect(listTree(dir)).toEqual([...SET].sort());
      });
    });
  });
});
