import * as fs from "node:fs";
import * as path from "node:path";
import { parseCertificate, type CertificateInfo } from "./certificate-check";
import { encryptPrivateKey, validateKeyFormat, type KeyFormat } from "./encrypted-key";
import { CertError } from "./errors";
import { writeFileSet, type FileToWrite } from "./file-set";
import { generateRsaKeyPair, validateKeySize } from "./key-pair";
import { opensslBase64 } from "./pem";
import {
  createSelfSignedCertificate,
  validateSubject,
  validateValidityDays,
  type CertificateSubject,
} from "./self-signed-certificate";

/**
 * A tenant's SAML file set, named as in the Genesys procedure. cert.pem.b64 and
 * key.pem.enc.b64 go into the hybrid_integration transaction object as saml/certificate
 * and saml/pkey; cert.pem's body goes into the identity provider.
 */
export const CERT_SET_FILES = {
  certificate: "cert.pem",
  privateKey: "key.pem",
  encryptedKey: "key.pem.enc",
  certificateBase64: "cert.pem.b64",
  encryptedKeyBase64: "key.pem.enc.b64",
} as const;

export const CERT_SET_FILE_NAMES: readonly string[] = Object.values(CERT_SET_FILES);

const PUBLIC_MODE = 0o644;
const SECRET_MODE = 0o600;

export interface CertSetOptions {
  subject: CertificateSubject;
  days: number;
  keyBits: number;
  format: KeyFormat;
  password: string;
  now: Date;
}

export interface BuiltCertSet {
  files: FileToWrite[];
  certificate: CertificateInfo;
}

/**
 * Generates a key and certificate and renders the five files, in memory only; `dir` is
 * where they will go, for the certificate's file name.
 */
export function buildCertSet(dir: string, opts: CertSetOptions): BuiltCertSet {
  validateCertSetOptions(opts);
  const keys = generateRsaKeyPair(opts.keyBits);
  const certPem = createSelfSignedCertificate({
    keys,
    subject: opts.subject,
    days: opts.days,
    now: opts.now,
  });
  const encryptedKeyPem = encryptPrivateKey(keys.privateKey, opts.password, opts.format);
  const files: FileToWrite[] = [
    { name: CERT_SET_FILES.certificate, content: certPem, mode: PUBLIC_MODE },
    { name: CERT_SET_FILES.privateKey, content: keys.privateKeyPem, mode: SECRET_MODE },
    { name: CERT_SET_FILES.encryptedKey, content: encryptedKeyPem, mode: SECRET_MODE },
    { name: CERT_SET_FILES.certificateBase64, content: opensslBase64(certPem), mode: PUBLIC_MODE },
    // Encrypted, but it is still the key: same mode as key.pem.enc.
    { name: CERT_SET_FILES.encryptedKeyBase64, content: opensslBase64(encryptedKeyPem), mode: SECRET_MODE },
  ];
  return { files, certificate: parseCertificate(certPem, path.join(dir, CERT_SET_FILES.certificate)) };
}

/** Everything that can be wrong with the options, before seconds go into a 4096-bit key. */
export function validateCertSetOptions(opts: CertSetOptions): void {
  validateSubject(opts.subject);
  validateValidityDays(opts.days);
  validateKeySize(opts.keyBits);
  validateKeyFormat(opts.format);
}

/** The set's files that exist in `dir`. */
export function existingSetFiles(dir: string): string[] {
  return CERT_SET_FILE_NAMES.filter((name) => {
    try {
      fs.lstatSync(path.join(dir, name));
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Creates the set in `dir`. Existing set files are an error unless `force`, checked
 * before any key is generated; the write itself is all or nothing.
 */
export function createCertSet(dir: string, opts: CertSetOptions & { force: boolean }): CertificateInfo {
  const existing = existingSetFiles(dir);
  if (existing.length > 0 && !opts.force) {
    throw new CertError(
      `${path.join(dir, existing[0])} already exists` +
        (existing.length > 1 ? ` (and ${existing.length - 1} more of the set)` : "") +
        `: pass --force to replace the set, or use \`hybrid certs rotate\` to keep it for rollback`,
      path.join(dir, existing[0]),
    );
  }
  const built = buildCertSet(dir, opts);
  writeFileSet(dir, built.files, { overwrite: opts.force });
  return built.certificate;
}
