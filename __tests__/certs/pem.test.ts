import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CertError,
  decodeOpensslBase64,
  opensslBase64,
  parsePemBlocks,
  pemBody,
} from "../../core/certs";
import { opensslOk, pemLine, runSeedOpensslCommands, tempDir } from "./helpers";

describe("opensslBase64", () => {
  it.each([0, 1, 2, 3, 47, 48, 49, 95, 96, 97, 1000])(
    "given %i random bytes, then it writes exactly what openssl base64 writes",
    (size) => {
      const dir = tempDir();
      const data = crypto.randomBytes(size);
      fs.writeFileSync(path.join(dir, "in"), data);
      const expected = opensslOk(["base64", "-in", "in"], { cwd: dir });
      expect(Buffer.from(opensslBase64(data)).equals(expected)).toBe(true);
      expect(decodeOpensslBase64(opensslBase64(data), "in").equals(data)).toBe(true);
    },
  );

  it("given a string, then it encodes its UTF-8 bytes", () => {
    expect(opensslBase64("é")).toBe("w6k=\n");
  });
});

describe("decodeOpensslBase64", () => {
  it("given CRLF line ends, then it still decodes", () => {
    expect(decodeOpensslBase64("aGVs\r\nbG8=\r\n", "x.b64").toString()).toBe("hello");
  });

  it("given a character outside the alphabet, then it names the file and line instead of skipping it", () => {
    expect(() => decodeOpensslBase64("aGVs\nbG*8\n", "certs/acme/cert.pem.b64")).toThrow(
      new CertError("certs/acme/cert.pem.b64: not base64: line 2 has characters outside the base64 alphabet"),
    );
  });

  it("given a cut-off last line, then it reports it as truncated", () => {
    expect(() => decodeOpensslBase64("aGVsbG8", "k.b64")).toThrow(/k\.b64: truncated base64/);
  });
});

describe("pemBody", () => {
  it("given a certificate made by openssl, then it is the base64 DER with no BEGIN/END lines and no newlines", () => {
    const dir = tempDir();
    runSeedOpensslCommands(dir);
    const pem = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
    const der = opensslOk(["x509", "-in", "cert.pem", "-outform", "DER"], { cwd: dir });
    const body = pemBody(pem, "CERTIFICATE", "cert.pem");
    expect(body).toBe(der.toString("base64"));
    expect(body).not.toMatch(/[\r\n-]/);
    // CRLF files and text before the block (openssl x509 -text output) give the same body.
    expect(pemBody(`Certificate:\n    Data: ...\n${pem.replace(/\n/g, "\r\n")}`, "CERTIFICATE", "cert.pem")).toBe(body);
  });

  it("given no block of that label, then it says what it found instead", () => {
    expect(() => pemBody(`${pemLine("BEGIN", "PRIVATE KEY")}\nAAAA\n${pemLine("END", "PRIVATE KEY")}\n`, "CERTIFICATE", "c.pem")).toThrow(
      "c.pem: expected a PEM CERTIFICATE, found PRIVATE KEY",
    );
    expect(() => pemBody("hello", "CERTIFICATE", "c.pem")).toThrow("c.pem: not a PEM file: no -----BEGIN CERTIFICATE----- line found");
  });

  it("given two certificates, then it refuses to pick one", () => {
    const block = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    expect(() => pemBody(block + block, "CERTIFICATE", "c.pem")).toThrow(/c\.pem: contains 2 CERTIFICATE blocks, expected exactly one/);
  });
});

describe("parsePemBlocks", () => {
  it("given a traditional encrypted key, then it returns its headers", () => {
    const [block] = parsePemBlocks(
      `${pemLine("BEGIN", "RSA PRIVATE KEY")}\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00FF\n\nAAAA\n${pemLine("END", "RSA PRIVATE KEY")}\n`,
      "k",
    );
    expect(block.headers).toEqual({ "Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00FF" });
    expect(block.body).toBe("AAAA");
  });

  it.each([
    ["no END line", "-----BEGIN CERTIFICATE-----\nAAAA\n", /c\.pem: truncated PEM: -----BEGIN CERTIFICATE----- has no matching -----END CERTIFICATE----- line/],
    ["a different END label", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n", /c\.pem: corrupt PEM: -----BEGIN CERTIFICATE----- is closed by -----END PRIVATE KEY-----/],
    ["a non-base64 line", "-----BEGIN CERTIFICATE-----\nAA%A\n-----END CERTIFICATE-----\n", /c\.pem: corrupt PEM: line 2 of the CERTIFICATE block is not base64/],
    ["a cut-off body", "-----BEGIN CERTIFICATE-----\nAAAAA\n-----END CERTIFICATE-----\n", /c\.pem: truncated or corrupt PEM/],
    ["an empty body", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", /c\.pem: truncated or corrupt PEM/],
  ])("given %s, then it throws a CertError naming the file", (_what, text, message) => {
    let error: unknown;
    try {
      parsePemBlocks(text, "c.pem");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CertError);
    expect((error as CertError).file).toBe("c.pem");
    expect((error as CertError).message).toMatch(message);
  });
});
