import * as fs from "node:fs";
import * as path from "node:path";
import {
  PASSWORD,
  PASS_ENV,
  certModulus,
  createSet,
  fileHashes,
  hybrid,
  keyModulus,
  leaksSecrets,
  listTree,
  openssl,
  failNthRename,
  opensslOk,
  pemLine,
  tempDir,
} from "./helpers";

const SET = ["cert.pem", "key.pem", "key.pem.enc", "cert.pem.b64", "key.pem.enc.b64"];
const DAY_MS = 86_400_000;

function opensslDates(dir: string): { notBefore: Date; notAfter: Date } {
  const out = opensslOk(["x509", "-in", "cert.pem", "-noout", "-startdate", "-enddate"], { cwd: dir }).toString();
  const field = (name: string) => new Date(/^(\w+)=(.*)$/m.exec(out.split("\n").find((l) => l.startsWith(name))!)![2]);
  return { notBefore: field("notBefore"), notAfter: field("notAfter") };
}

// The module object itself (not an import * namespace copy), so jest.spyOn reaches the lib.
const nodeFs: typeof fs = require("node:fs");

describe("hybrid certs create", () => {
  describe("given HYBRID_KEY_PASSWORD and a tenant name", () => {
    let cwd: string;
    let dir: string;
    let stdout: string;

    beforeAll(async () => {
      cwd = tempDir();
      // when
      const result = await hybrid(["certs", "create", "--tenant", "acme", "--days", "30"], { cwd });
      expect(result.code).toBe(0);
      stdout = result.stdout;
      dir = path.join(cwd, "certs", "acme");
    });

    it("then it writes the five files of the procedure into certs/<tenant>/ and nothing else", () => {
      expect(fs.readdirSync(dir).sort()).toEqual([...SET].sort());
      expect(listTree(path.join(cwd, "certs"))).toEqual(["acme", ...SET.map((n) => `acme/${n}`)].sort());
    });

    it("then openssl x509 reads cert.pem: self-signed, SHA-256, RSA 2048, the requested validity, a subject naming the tenant", () => {
      const text = opensslOk(["x509", "-in", "cert.pem", "-noout", "-text"], { cwd: dir }).toString();
      expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
      expect(text).toMatch(/Public-Key: \(2048 bit\)/);
      expect(text).toMatch(/CA:FALSE/);
      const { notBefore, notAfter } = opensslDates(dir);
      expect(notAfter.getTime() - notBefore.getTime()).toBe(30 * DAY_MS);
      expect(Math.abs(notBefore.getTime() - Date.now())).toBeLessThan(60_000);
      const subject = opensslOk(["x509", "-in", "cert.pem", "-noout", "-subject", "-nameopt", "RFC2253"], { cwd: dir }).toString();
      expect(subject.trim()).toBe("subject=O=acme,CN=acme hybrid SAML signing");
      expect(opensslOk(["verify", "-CAfile", "cert.pem", "cert.pem"], { cwd: dir }).toString()).toMatch(/cert.pem: OK/);
    });

    it("then key.pem.enc is the traditional AES-256 PEM and openssl rsa -passin decrypts it to the certificate's key", () => {
      const head = fs.readFileSync(path.join(dir, "key.pem.enc"), "utf8").split("\n").slice(0, 3);
      expect(head[0]).toBe(pemLine("BEGIN", "RSA PRIVATE KEY"));
      expect(head[1]).toBe("Proc-Type: 4,ENCRYPTED");
      expect(head[2]).toMatch(/^DEK-Info: AES-256-CBC,[0-9A-F]{32}$/);
      expect(keyModulus(dir, "key.pem.enc")).toBe(certModulus(dir));
      expect(keyModulus(dir, "key.pem")).toBe(certModulus(dir));
    });

    it("then key.pem is unencrypted PKCS#8, as openssl req -nodes writes it", () => {
      expect(fs.readFileSync(path.join(dir, "key.pem"), "utf8").startsWith(`${pemLine("BEGIN", "PRIVATE KEY")}\n`)).toBe(true);
    });

    it("then openssl base64 -d of each .b64 file is its PEM file byte for byte, and openssl base64 writes the same .b64", () => {
      for (const [b64, pem] of [
        ["cert.pem.b64", "cert.pem"],
        ["key.pem.enc.b64", "key.pem.enc"],
      ]) {
        const decoded = opensslOk(["base64", "-d", "-in", b64], { cwd: dir });
        expect(decoded.equals(fs.readFileSync(path.join(dir, pem)))).toBe(true);
        const encoded = opensslOk(["base64", "-in", pem], { cwd: dir });
        expect(encoded.equals(fs.readFileSync(path.join(dir, b64)))).toBe(true);
      }
    });

    it("then the private key files are mode 0600 and the certificate files 0644", () => {
      const mode = (name: string) => (fs.statSync(path.join(dir, name)).mode & 0o777).toString(8);
      expect(mode("key.pem")).toBe("600");
      expect(mode("key.pem.enc")).toBe("600");
      expect(mode("key.pem.enc.b64")).toBe("600");
      expect(mode("cert.pem")).toBe("644");
      expect(mode("cert.pem.b64")).toBe("644");
    });

    it("then the output names the files and their transaction object options, but no key or password", () => {
      expect(stdout).toMatch(/certs\/acme\/cert\.pem\.b64 +-> hybrid_integration saml\/certificate/);
      expect(stdout).toMatch(/certs\/acme\/key\.pem\.enc\.b64 -> hybrid_integration saml\/pkey/);
      expect(leaksSecrets(stdout, dir)).toBe(false);
    });
  });

  it("given --format pkcs8, when created, then key.pem.enc is ENCRYPTED PRIVATE KEY that openssl decrypts to the certificate's key", async () => {
    const dir = await createSet(tempDir(), "acme", ["--format", "pkcs8"]);
    expect(fs.readFileSync(path.join(dir, "key.pem.enc"), "utf8").startsWith(`${pemLine("BEGIN", "ENCRYPTED PRIVATE KEY")}\n`)).toBe(true);
    const params = opensslOk(["asn1parse", "-in", "key.pem.enc"], { cwd: dir }).toString();
    expect(params).toMatch(/:PBES2/);
    expect(params).toMatch(/:hmacWithSHA256/);
    expect(params).toMatch(/:aes-256-cbc/);
    expect(keyModulus(dir, "key.pem.enc")).toBe(certModulus(dir));
  });

  it("given --out, --cn, --org and --key-bits 3072, when created, then the set is in that directory with that subject and key size", async () => {
    const cwd = tempDir();
    const result = await hybrid(
      ["certs", "create", "--tenant", "acme", "--out", "elsewhere/saml", "--cn", "https://www.genesys.com/pureengage", "--org", "Acme Ltd", "--key-bits", "3072"],
      { cwd },
    );
    expect(result.code).toBe(0);
    const dir = path.join(cwd, "elsewhere", "saml");
    expect(fs.readdirSync(dir).sort()).toEqual([...SET].sort());
    expect(fs.existsSync(path.join(cwd, "certs"))).toBe(false);
    const text = opensslOk(["x509", "-in", "cert.pem", "-noout", "-text", "-nameopt", "RFC2253"], { cwd: dir }).toString();
    expect(text).toMatch(/Subject: O=Acme Ltd,CN=https:\/\/www.genesys.com\/pureengage/);
    expect(text).toMatch(/Public-Key: \(3072 bit\)/);
  });

  it.each(["traditional", "pkcs8"])(
    "given a non-ASCII password in a --password-file, when created as %s, then openssl decrypts key.pem.enc with -passin file: on the same file",
    async (format) => {
      const cwd = tempDir();
      const passwordFile = path.join(cwd, "password.txt");
      fs.writeFileSync(passwordFile, "Grüße-päss-wört\nsecond line is ignored\n", { mode: 0o600 });
      const dir = await createSet(cwd, "acme", ["--password-file", "password.txt", "--format", format], { env: {} });
      const modulus = opensslOk(["rsa", "-in", "key.pem.enc", "-noout", "-modulus", "-passin", `file:${passwordFile}`], { cwd: dir });
      expect(modulus.equals(opensslOk(["x509", "-in", "cert.pem", "-noout", "-modulus"], { cwd: dir }))).toBe(true);
    },
  );

  it("given both --password-file and HYBRID_KEY_PASSWORD, when created, then the file wins", async () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, "pw"), "from-the-file-123\n");
    const dir = await createSet(cwd, "acme", ["--password-file", "pw"]);
    expect(openssl(["rsa", "-in", "key.pem.enc", "-noout", "-passin", "pass:from-the-file-123"], { cwd: dir }).code).toBe(0);
    expect(openssl(["rsa", "-in", "key.pem.enc", "-noout", "-passin", "env:TEST_KEY_PASSWORD"], { cwd: dir, env: PASS_ENV }).code).not.toBe(0);
  });

  describe("bad input: a one-line error, exit 2 (usage), and no files", () => {
    async function expectRefused(args: string[], env: NodeJS.ProcessEnv | undefined, message: RegExp): Promise<string> {
      const cwd = tempDir();
      const result = await hybrid(["certs", "create", ...args], { cwd, env });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(leaksSecrets(result.stderr + result.stdout, cwd)).toBe(false);
      expect(listTree(cwd)).toEqual([]);
      return cwd;
    }

    it("given no password at all, then it says where to put one", async () => {
      await expectRefused(["--tenant", "acme"], {}, /no key password: set HYBRID_KEY_PASSWORD or pass --password-file FILE/);
    });

    it("given an empty HYBRID_KEY_PASSWORD, then it refuses it", async () => {
      await expectRefused(["--tenant", "acme"], { HYBRID_KEY_PASSWORD: "" }, /HYBRID_KEY_PASSWORD is set but empty/);
    });

    it("given a 7-character password, then it refuses it as too short", async () => {
      await expectRefused(["--tenant", "acme"], { HYBRID_KEY_PASSWORD: "1234567" }, /too short: use at least 8 characters/);
    });

    it("given an empty password file, then it names the file", async () => {
      const cwd = tempDir();
      fs.writeFileSync(path.join(cwd, "pw"), "\n");
      const result = await hybrid(["certs", "create", "--tenant", "acme", "--password-file", "pw"], { cwd, env: {} });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/password file .*pw is empty/);
      expect(fs.existsSync(path.join(cwd, "certs"))).toBe(false);
    });

    it("given a missing password file, then it names the file", async () => {
      await expectRefused(["--tenant", "acme", "--password-file", "nope.txt"], {}, /cannot read password file .*nope\.txt: not found/);
    });

    it("given a password on the command line, then there is no such option", async () => {
      await expectRefused(["--tenant", "acme", "--password", "x"], undefined, /unknown option '--password'/);
    });

    // the tenants file's rule (core/config/formats.ts): a name it refuses never gets a key pair
    it.each([["Acme"], ["acme_1"], ["-acme"], ["ac--me"], [""], ["1acme"], ["a".repeat(41)]])("given the tenant name %p, then it is refused", async (tenant) => {
      await expectRefused(["--tenant", tenant], undefined, /invalid tenant name/);
    });

    it.each([["0"], ["-5"], ["abc"], ["1.5"], ["36501"]])("given --days %p, then it is refused", async (days) => {
      await expectRefused(["--tenant", "acme", "--days", days], undefined, /invalid (--days|validity)/);
    });

    it("given --key-bits 1024, then it is refused", async () => {
      await expectRefused(["--tenant", "acme", "--key-bits", "1024"], undefined, /Allowed choices are 2048, 3072, 4096/);
    });

    it("given an empty --cn, then it is refused", async () => {
      await expectRefused(["--tenant", "acme", "--cn", " "], undefined, /invalid common name/);
    });

    it("given --out below a regular file, then it names the directory it cannot create", async () => {
      const cwd = tempDir();
      fs.writeFileSync(path.join(cwd, "blocker"), "");
      const result = await hybrid(["certs", "create", "--tenant", "acme", "--out", "blocker/acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot create .*\/blocker to hold acme\/: exists and is not a directory/);
      expect(listTree(cwd)).toEqual(["blocker"]);
    });
  });

  describe("given a set already exists", () => {
    it("when created again without --force, then it refuses, names the file and leaves the set as it was", async () => {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      const before = fileHashes(dir, SET);
      const result = await hybrid(["certs", "create", "--tenant", "acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/certs\/acme\/cert\.pem already exists \(and 4 more of the set\): pass --force/);
      expect(fileHashes(dir, SET)).toEqual(before);
    });

    it("when only key.pem.enc.b64 is left over, then it still refuses", async () => {
      const cwd = tempDir();
      fs.mkdirSync(path.join(cwd, "certs", "acme"), { recursive: true });
      fs.writeFileSync(path.join(cwd, "certs", "acme", "key.pem.enc.b64"), "x");
      const result = await hybrid(["certs", "create", "--tenant", "acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/key\.pem\.enc\.b64 already exists: pass --force/);
    });

    it("when created with --force, then the set is replaced and no staging files remain", async () => {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      const before = fileHashes(dir, SET);
      fs.writeFileSync(path.join(dir, "notes.txt"), "not part of the set");
      const result = await hybrid(["certs", "create", "--tenant", "acme", "--force"], { cwd });
      expect(result.code).toBe(0);
      const after = fileHashes(dir, SET);
      for (const name of SET) expect(after[name]).not.toBe(before[name]);
      expect(fs.readdirSync(dir).sort()).toEqual([...SET, "notes.txt"].sort());
      expect(keyModulus(dir, "key.pem.enc")).toBe(certModulus(dir));
    });
  });

  describe("given the file system fails part-way", () => {
    afterEach(() => jest.restoreAllMocks());

    it("when the new directory cannot be moved into place, then nothing is left behind", async () => {
      const cwd = tempDir();
      fs.mkdirSync(path.join(cwd, "certs"));
      jest.spyOn(nodeFs, "renameSync").mockImplementation(() => {
        throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      });
      const result = await hybrid(["certs", "create", "--tenant", "acme"], { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot write .*certs\/acme: permission denied/);
      expect(listTree(path.join(cwd, "certs"))).toEqual([]);
    });

    it("when the third file cannot be renamed over an existing set (--force), then the old set is restored byte for byte", async () => {
      const cwd = tempDir();
      const dir = await createSet(cwd);
      const before = fileHashes(dir, SET);
      // 5 renames move the old set aside, then the new files go in; fail on the third.
      failNthRename(8, "ENOSPC", "no space left on device");
      const result = await hybrid(["certs", "create", "--tenant", "acme", "--force"], { cwd });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot write .*certs\/acme: no space left on device/);
      expect(fileHashes(dir, SET)).toEqual(before);
      expect(fs.readdirSync(dir).sort()).toEqual([...SET].sort());
    });

    // A file where the certs folder should be stops root as well as anyone else,
    // so this runs (and can fail) under CI's root user.
    it("when the output's parent is not a directory, then it names it and writes nothing", async () => {
      const cwd = tempDir();
      const certs = path.join(cwd, "certs");
      fs.writeFileSync(certs, "");
      const result = await hybrid(["certs", "create", "--tenant", "acme"], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cannot create .*certs to hold acme\/: exists and is not a directory/);
      expect(fs.readdirSync(cwd)).toEqual(["certs"]);
      expect(fs.statSync(certs).size).toBe(0);
    });
  });

  it("never prints the password, even when asked for help", async () => {
    const cwd = tempDir();
    const result = await hybrid(["certs", "create", "--help"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--password-file <file>/);
    expect(result.stdout.includes(PASSWORD)).toBe(false);
  });
});
