import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { CertError } from "./errors";
import { describeFsError } from "../fs-errors";
import { findPemBlock } from "./pem";

export interface CertificateInfo {
  file: string;
  /** The file's text. */
  pem: string;
  /** The file's bytes; `opensslBase64(bytes)` is what cert.pem.b64 must hold. */
  bytes: Buffer;
  /** Base64 DER without BEGIN/END lines or newlines: the identity provider's `certificate`. */
  pemBody: string;
  x509: crypto.X509Certificate;
  /** e.g. "CN=acme hybrid SAML signing, O=acme" */
  subject: string;
  /** Hex, as openssl x509 -serial prints it. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** Colon-separated hex, as openssl x509 -fingerprint -sha256 prints it. */
  fingerprint256: string;
  keyType: string;
  /** RSA modulus length; undefined for key types without one. */
  keyBits?: number;
  /** e.g. "RSA 2048 bits" or "EC prime256v1" */
  keyDescription: string;
}

export type ValidityState = "valid" | "expiring" | "expired" | "not-yet-valid";

export interface Validity {
  state: ValidityState;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
  /** Set for every state but "valid": a one-line sentence naming the file. */
  message?: string;
}

export interface CertificateCheck extends CertificateInfo {
  daysLeft: number;
  /** Non-fatal findings, e.g. expiring within `warnDays`. */
  warnings: string[];
}

export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Reads and parses a PEM certificate file; does not judge its dates (see checkCertificate). */
export function readCertificate(file: string): CertificateInfo {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === "ENOENT" ? "; create it with `hybrid certs create --tenant <name>`" : "";
    throw new CertError(`cannot read certificate ${file}: ${describeFsError(err)}${hint}`, file);
  }
  return parseCertificate(bytes, file);
}

/** Parses PEM holding exactly one certificate. `source` names it in errors. */
export function parseCertificate(data: Buffer | string, source: string): CertificateInfo {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const pem = bytes.toString("utf8");
  const block = findPemBlock(pem, "CERTIFICATE", source);
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(block.der);
  } catch {
    throw new CertError(
      `${source}: not a valid X.509 certificate: the PEM body does not decode to one; restore or recreate the file`,
      source,
    );
  }
  const publicKey = x509.publicKey;
  const keyType = publicKey.asymmetricKeyType ?? "unknown";
  const details = publicKey.asymmetricKeyDetails ?? {};
  const keyBits = details.modulusLength;
  const keyDescription =
    keyBits !== undefined
      ? `${keyType.toUpperCase()} ${keyBits} bits`
      : [keyType.toUpperCase(), details.namedCurve].filter(Boolean).join(" ");
  return {
    file: source,
    pem,
    bytes,
    pemBody: block.body,
    x509,
    subject: x509.subject.split("\n").join(", "),
    serial: x509.serialNumber,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    fingerprint256: x509.fingerprint256,
    keyType,
    keyBits,
    keyDescription,
  };
}

/** Where `now` falls in the certificate's validity window. */
export function certificateValidity(
  cert: Pick<CertificateInfo, "file" | "notBefore" | "notAfter">,
  now: Date = new Date(),
  warnDays: number = EXPIRY_WARNING_DAYS,
): Validity {
  const daysLeft = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
  const until = isoDate(cert.notAfter);
  if (now.getTime() > cert.notAfter.getTime()) {
    return {
      state: "expired",
      daysLeft,
      message: `${cert.file}: certificate expired on ${until}; replace it with \`hybrid certs rotate --tenant <name>\``,
    };
  }
  if (now.getTime() < cert.notBefore.getTime()) {
    return {
      state: "not-yet-valid",
      daysLeft,
      message: `${cert.file}: certificate is not valid before ${isoDate(cert.notBefore)}; check this machine's clock or recreate the certificate`,
    };
  }
  if (daysLeft < warnDays) {
    return {
      state: "expiring",
      daysLeft,
      message: `${cert.file}: certificate expires on ${until}, in ${daysLeft} days; rotate it with \`hybrid certs rotate --tenant <name>\``,
    };
  }
  return { state: "valid", daysLeft };
}

/**
 * What the synthesis code calls before putting a certificate into the identity provider:
 * throws a CertError naming the file when it is missing, unreadable, not a certificate,
 * expired or not yet valid; returns a warning when it expires within `warnDays`.
 */
export function checkCertificate(
  file: string,
  opts: { now?: Date; warnDays?: number } = {},
): CertificateCheck {
  const info = readCertificate(file);
  const validity = certificateValidity(info, opts.now, opts.warnDays);
  if (validity.state === "expired" || validity.state === "not-yet-valid") {
    throw new CertError(validity.message!, file);
  }
  return {
    ...info,
    daysLeft: validity.daysLeft,
    warnings: validity.state === "expiring" ? [validity.message!] : [],
  };
}

/** "2035-11-23 06:29:00 UTC" */
export function isoDate(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

/**
 * The SHA-256 fingerprint of a certificate given as base64 DER (a PEM body, an identity
 * provider's `certificate`), colon-separated hex as `openssl x509 -fingerprint -sha256` prints
 * it; undefined when it is no certificate. The one fingerprint every report shows.
 */
export function fingerprintOf(base64Der: string): string | undefined {
  try {
    return new crypto.X509Certificate(Buffer.from(base64Der.replace(/\s+/g, ""), "base64")).fingerprint256;
  } catch {
    return undefined;
  }
}
