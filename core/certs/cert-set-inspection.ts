import type * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { CERT_SET_FILES } from "./cert-set";
import {
  certificateValidity,
  readCertificate,
  type CertificateInfo,
  type Validity,
} from "./certificate-check";
import { CertError } from "./errors";
import { describeFsError } from "../fs-errors";
import { PASSWORD_ENV } from "./password";
import { decodeOpensslBase64 } from "./pem";
import { PasswordRequiredError, readPrivateKey } from "./private-key";

export type CheckStatus = "ok" | "warn" | "fail" | "skipped" | "absent";

export interface SetCheck {
  /** File name within the set, e.g. "key.pem.enc". */
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface CertSetReport {
  dir: string;
  certificate: CertificateInfo;
  validity: Validity;
  checks: SetCheck[];
  /** False when any check failed: a mismatch, an unreadable file, or an expired certificate. */
  ok: boolean;
}

/**
 * Checks a set the way the transaction object and identity provider will use it. Throws
 * only when cert.pem itself cannot be read; every other problem is a failed check, so one
 * run reports all of them. Nothing secret ends up in the report.
 */
export function inspectCertSet(
  dir: string,
  opts: { password?: string; now?: Date } = {},
): CertSetReport {
  const certificate = readCertificate(path.join(dir, CERT_SET_FILES.certificate));
  const validity = certificateValidity(certificate, opts.now);
  const checks: SetCheck[] = [validityCheck(validity)];

  checks.push(
    keyCheck(dir, CERT_SET_FILES.privateKey, certificate.x509, opts.password, {
      required: false,
      mustBeEncrypted: false,
    }),
  );
  checks.push(
    keyCheck(dir, CERT_SET_FILES.encryptedKey, certificate.x509, opts.password, {
      required: true,
      mustBeEncrypted: true,
    }),
  );
  checks.push(base64Check(dir, CERT_SET_FILES.certificateBase64, CERT_SET_FILES.certificate, "saml/certificate"));
  checks.push(base64Check(dir, CERT_SET_FILES.encryptedKeyBase64, CERT_SET_FILES.encryptedKey, "saml/pkey"));

  return { dir, certificate, validity, checks, ok: checks.every((c) => c.status !== "fail") };
}

function validityCheck(validity: Validity): SetCheck {
  const name = CERT_SET_FILES.certificate;
  switch (validity.state) {
    case "valid":
      return { name, status: "ok", detail: `valid for ${validity.daysLeft} more days` };
    case "expiring":
      return { name, status: "warn", detail: `expires in ${validity.daysLeft} days: rotate it soon` };
    case "expired":
      return { name, status: "fail", detail: `expired ${-validity.daysLeft} days ago` };
    case "not-yet-valid":
      return { name, status: "fail", detail: "not valid yet: check this machine's clock" };
  }
}

function keyCheck(
  dir: string,
  name: string,
  x509: crypto.X509Certificate,
  password: string | undefined,
  opts: { required: boolean; mustBeEncrypted: boolean },
): SetCheck {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    return opts.required
      ? { name, status: "fail", detail: "missing: saml/pkey is made from it" }
      : { name, status: "absent", detail: "not present (only key.pem.enc is used downstream)" };
  }
  let key;
  try {
    key = readPrivateKey(file, password);
  } catch (err) {
    if (err instanceof PasswordRequiredError) {
      return { name, status: "skipped", detail: `not checked: set ${PASSWORD_ENV} or pass --password-file to decrypt it` };
    }
    return { name, status: "fail", detail: errorDetail(err, file) };
  }
  if (opts.mustBeEncrypted && !key.encrypted) {
    return { name, status: "fail", detail: `not encrypted (${key.format}): saml/pkey must hold an encrypted key` };
  }
  let matches = false;
  try {
    matches = x509.checkPrivateKey(key.key);
  } catch {
    // Different key types (e.g. an EC key for an RSA certificate): simply not a match.
  }
  return matches
    ? { name, status: "ok", detail: `${key.encrypted ? "decrypts and " : ""}matches the certificate (${key.format})` }
    : { name, status: "fail", detail: `does not match the certificate in ${CERT_SET_FILES.certificate} (${key.format})` };
}

function base64Check(dir: string, name: string, pemName: string, option: string): SetCheck {
  const file = path.join(dir, name);
  const pemFile = path.join(dir, pemName);
  let decoded: Buffer;
  let pem: Buffer;
  try {
    decoded = decodeOpensslBase64(fs.readFileSync(file, "latin1"), file);
  } catch (err) {
    return { name, status: "fail", detail: errorDetail(err, file, `${option} is made from it`) };
  }
  try {
    pem = fs.readFileSync(pemFile);
  } catch (err) {
    return { name, status: "fail", detail: `cannot compare: ${pemName} ${describeFsError(err)}` };
  }
  return decoded.equals(pem)
    ? { name, status: "ok", detail: `decodes to ${pemName} byte for byte (${option})` }
    : { name, status: "fail", detail: `does not decode to ${pemName}: regenerate it with \`openssl base64 -in ${pemName} -out ${name}\`` };
}

/** The reason without the path prefix: the report already shows which file it is about. */
function errorDetail(err: unknown, file: string, missingHint?: string): string {
  if (err instanceof CertError) {
    return err.message.startsWith(`${file}: `) ? err.message.slice(file.length + 2) : err.message;
  }
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT" && missingHint) return `missing: ${missingHint}`;
  return describeFsError(err);
}
