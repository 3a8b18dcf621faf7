import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CertError,
  checkCertificate,
  generateRsaKeyPair,
  opensslBase64,
  readCertificate,
  tenantCertDir,
} from "../../core/certs";
import { createSet, opensslOk, tempDir } from "./helpers";

const DAY_MS = 86_400_000;

// What the synthesis code (stacks/) does with a tenant's cert.pem: checkCertificate, then
// pemBody for the identity provider and opensslBase64 of the bytes for saml/certificate.
describe("a tenant's cert.pem as the synthesis reads it", () => {
  it("given certs/<tenant>/cert.pem, then it returns the identity provider's certificate and saml/certificate as openssl makes them", async () => {
    const cwd = tempDir();
    const dir = await createSet(cwd);
    const tenant = checkCertificate(path.join(tenantCertDir(cwd, "acme"), "cert.pem"));
    const samlCertificate = opensslBase64(tenant.bytes);
    const der = opensslOk(["x509", "-in", "cert.pem", "-outform", "DER"], { cwd: dir });
    expect(tenant.pemBody).toBe(der.toString("base64"));
    expect(samlCertificate).toBe(opensslOk(["base64", "-in", "cert.pem"], { cwd: dir }).toString());
    expect(samlCertificate).toBe(fs.readFileSync(path.join(dir, "cert.pem.b64"), "utf8"));
    expect(tenant.warnings).toEqual([]);
    expect(tenant.daysLeft).toBeGreaterThanOrEqual(3650);
    expect(tenant.keyBits).toBe(2048);
  });

  it("given no set for the tenant, then the error names the file and says how to create it", () => {
    const cwd = tempDir();
    expect(() => checkCertificate(path.join(tenantCertDir(cwd, "acme"), "cert.pem"))).toThrow(
      new CertError(
        `cannot read certificate ${path.join(cwd, "certs", "acme", "cert.pem")}: not found; create it with \`hybrid certs create --tenant <name>\``,
      ),
    );
  });

  it("given an invalid tenant name, then it refuses before touching the file system", () => {
    expect(() => tenantCertDir(tempDir(), "../etc")).toThrow(/invalid tenant name "..\/etc"/);
  });
});

describe("checkCertificate", () => {
  let dir: string;
  let notAfter: Date;

  beforeAll(async () => {
    dir = await createSet(tempDir(), "acme", ["--days", "100"]);
    notAfter = readCertificate(path.join(dir, "cert.pem")).notAfter;
  });

  it("given a valid certificate, then it returns subject, notAfter, days left, fingerprint and key size", () => {
    const file = path.join(dir, "cert.pem");
    const check = checkCertificate(file);
    const fingerprint = opensslOk(["x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha256"], { cwd: dir }).toString().trim();
    expect(check.subject).toBe("CN=acme hybrid SAML signing, O=acme");
    expect(`sha256 Fingerprint=${check.fingerprint256}`).toBe(fingerprint);
    expect(check.daysLeft).toBe(99);
    expect(check.keyBits).toBe(2048);
    expect(check.keyDescription).toBe("RSA 2048 bits");
    expect(check.file).toBe(file);
  });

  it("given it expires within 30 days, then it warns, naming the file", () => {
    const check = checkCertificate(path.join(dir, "cert.pem"), { now: new Date(notAfter.getTime() - 12 * DAY_MS - 1000) });
    expect(check.daysLeft).toBe(12);
    expect(check.warnings).toHaveLength(1);
    expect(check.warnings[0]).toMatch(/cert\.pem: certificate expires on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, in 12 days; rotate it with `hybrid certs rotate/);
  });

  it("given it has expired, then it throws, naming the file and the date", () => {
    expect(() => checkCertificate(path.join(dir, "cert.pem"), { now: new Date(notAfter.getTime() + 1000) })).toThrow(
      /cert\.pem: certificate expired on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; replace it with `hybrid certs rotate/,
    );
  });

  it("given a clock before notBefore, then it throws rather than accept it", () => {
    expect(() => checkCertificate(path.join(dir, "cert.pem"), { now: new Date(Date.now() - 2 * DAY_MS) })).toThrow(/is not valid before/);
  });

  it.each([
    ["a directory", (d: string) => fs.mkdirSync(path.join(d, "cert.pem")), /cannot read certificate .*cert\.pem: is a directory, expected a file/],
    ["empty", (d: string) => fs.writeFileSync(path.join(d, "cert.pem"), ""), /cert\.pem: not a PEM file: no -----BEGIN CERTIFICATE----- line found/],
    ["truncated", (d: string) => fs.writeFileSync(path.join(d, "cert.pem"), fs.readFileSync(path.join(dir, "cert.pem"), "utf8").slice(0, 500)), /cert\.pem: truncated PEM/],
    [
      "a well-formed PEM block that is not a certificate",
      (d: string) => fs.writeFileSync(path.join(d, "cert.pem"), `-----BEGIN CERTIFICATE-----\n${crypto.randomBytes(300).toString("base64")}\n-----END CERTIFICATE-----\n`),
      /cert\.pem: not a valid X\.509 certificate/,
    ],
  ])("given cert.pem is %s, then it throws a CertError naming it", (_what, make, message) => {
    const d = tempDir();
    make(d);
    let error: unknown;
    try {
      checkCertificate(path.join(d, "cert.pem"));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CertError);
    expect((error as CertError).message).toMatch(message);
    expect((error as CertError).message.split("\n")).toHaveLength(1);
    expect((error as CertError).file).toBe(path.join(d, "cert.pem"));
  });
});

describe("generateRsaKeyPair", () => {
  afterEach(() => jest.restoreAllMocks());

  it("generates the key with Node's native crypto.generateKeyPairSync through node-forge, not forge's JavaScript", () => {
    const nodeCrypto: typeof crypto = require("node:crypto");
    const native = jest.spyOn(nodeCrypto, "generateKeyPairSync");
    const keys = generateRsaKeyPair(2048);
    expect(native).toHaveBeenCalledTimes(1);
    expect(native.mock.calls[0][0]).toBe("rsa");
    expect(native.mock.calls[0][1]).toMatchObject({ modulusLength: 2048, publicExponent: 0x10001 });
    expect(keys.nativePrivateKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});
