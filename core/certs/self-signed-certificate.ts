import * as crypto from "node:crypto";
import type * as Forge from "node-forge";
import { CertError } from "./errors";
import { forge } from "./forge";
import type { RsaKeyPair } from "./key-pair";
import { toLf } from "./pem";

export interface CertificateSubject {
  commonName: string;
  organization: string;
}

export const DEFAULT_VALIDITY_DAYS = 3652;
/** Past this, notAfter would outlive anything that will ever read it. */
export const MAX_VALIDITY_DAYS = 36500;
/** RFC 5280 upper bounds for CN and O. */
const MAX_NAME_LENGTH = 64;

const DAY_MS = 86_400_000;

export function validateValidityDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALIDITY_DAYS) {
    throw new CertError(
      `invalid validity "${days}" days: use a whole number from 1 to ${MAX_VALIDITY_DAYS} (default ${DEFAULT_VALIDITY_DAYS}, ten years)`,
    );
  }
  return days;
}

export function validateSubject(subject: CertificateSubject): CertificateSubject {
  for (const [field, value] of [
    ["common name (--cn)", subject.commonName],
    ["organization (--org)", subject.organization],
  ] as const) {
    const length = [...value].length;
    if (value.trim() === "" || length > MAX_NAME_LENGTH || /[\u0000-\u001f]/.test(value)) {
      throw new CertError(
        `invalid ${field} "${value}": use 1 to ${MAX_NAME_LENGTH} printable characters`,
      );
    }
  }
  return subject;
}

/**
 * A self-signed X.509 v3 certificate for SAML signing, SHA-256 with RSA, valid for
 * exactly `days` days from `now` (what `openssl req -x509 -days` produces).
 *
 * node-forge builds the certificate; the signature is computed by Node's crypto because
 * forge's JavaScript RSA takes ~100 ms per 2048-bit signature where native takes ~1 ms.
 */
export function createSelfSignedCertificate(opts: {
  keys: RsaKeyPair;
  subject: CertificateSubject;
  days: number;
  now: Date;
}): string {
  const f = forge();
  validateSubject(opts.subject);
  validateValidityDays(opts.days);

  const cert = f.pki.createCertificate();
  cert.publicKey = opts.keys.publicKey;
  cert.serialNumber = randomSerial();
  // X.509 times have whole seconds; truncating keeps notAfter - notBefore exactly `days`.
  const notBefore = new Date(Math.floor(opts.now.getTime() / 1000) * 1000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + opts.days * DAY_MS);

  // UTF8String, as openssl's default string_mask writes; forge's default PrintableString
  // cannot hold characters such as "_", "@" or "é".
  const utf8 = f.asn1.Type.UTF8 as unknown as Forge.asn1.Class;
  const name = [
    { name: "commonName", value: opts.subject.commonName, valueTagClass: utf8 },
    { name: "organizationName", value: opts.subject.organization, valueTagClass: utf8 },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  // openssl req -x509 marks its certificate CA:TRUE; this one only signs SAML
  // assertions and must not be usable to issue other certificates.
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: true },
  ]);

  cert.signatureOid = f.pki.oids.sha256WithRSAEncryption;
  cert.siginfo.algorithmOid = f.pki.oids.sha256WithRSAEncryption;
  const tbs = (
    f.pki as unknown as { getTBSCertificate(c: Forge.pki.Certificate): Forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const tbsDer = Buffer.from(f.asn1.toDer(tbs).getBytes(), "binary");
  cert.tbsCertificate = tbs;
  cert.signature = crypto.sign("sha256", tbsDer, opts.keys.nativePrivateKey).toString("binary");
  return toLf(f.pki.certificateToPem(cert));
}

/** 127 random bits as a positive, minimally encoded DER INTEGER (RFC 5280 §4.1.2.2). */
function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0] = bytes[0] & 0x7f || 0x01;
  return bytes.toString("hex");
}
