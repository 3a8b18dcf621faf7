import * as fs from "node:fs";
import * as path from "node:path";
import { CERT_SET_FILES, buildCertSet, createCertSet, existingSetFiles, type CertSetOptions } from "./cert-set";
import { readCertificate, type CertificateInfo } from "./certificate-check";
import type { KeyFormat } from "./encrypted-key";
import { CertError } from "./errors";
import { writeFileSet } from "./file-set";
import { parsePemBlocks } from "./pem";
import { readPrivateKey } from "./private-key";
import type { CertificateSubject } from "./self-signed-certificate";

export const PREVIOUS_DIR = "previous";
/** Where `rotate --next` puts the next key set of a rollover, inside the current set's folder. */
export const NEXT_DIR = "next";

/** What a rotation carries over from the current set unless told otherwise. */
export interface CurrentSet {
  certificate: CertificateInfo;
  subject: Partial<CertificateSubject>;
  keyBits?: number;
  /** Undefined when key.pem.enc is missing or unreadable. */
  format?: KeyFormat;
}

export interface Rotation {
  certificate: CertificateInfo;
  previous: CertificateInfo;
  /** Where the replaced files now are. */
  previousDir: string;
  /**
   * Whether the new password also decrypts the previous key.pem.enc, i.e. whether
   * saml/password stays as it is. Undefined when there was no previous key.pem.enc.
   */
  passwordUnchanged?: boolean;
}

export function readCurrentSet(dir: string): CurrentSet {
  const certFile = path.join(dir, CERT_SET_FILES.certificate);
  if (!fs.existsSync(certFile)) {
    throw new CertError(
      `nothing to rotate: ${certFile} not found; create the set with \`hybrid certs create --tenant <name>\``,
      certFile,
    );
  }
  const certificate = readCertificate(certFile);
  return {
    certificate,
    subject: subjectFields(certificate.x509.subject),
    keyBits: certificate.keyType === "rsa" ? certificate.keyBits : undefined,
    format: encryptedKeyFormat(path.join(dir, CERT_SET_FILES.encryptedKey)),
  };
}

/**
 * Replaces the set in `dir` with a new key and certificate. The replaced files move to
 * previous/<UTC timestamp>/ so that moving them back is a complete rollback.
 */
export function rotateCertSet(dir: string, opts: CertSetOptions): Rotation {
  const previous = readCurrentSet(dir).certificate;
  const previousDir = uniqueDir(path.join(dir, PREVIOUS_DIR), timestamp(opts.now));
  const built = buildCertSet(dir, opts);
  writeFileSet(dir, built.files, { overwrite: true, keepReplacedIn: previousDir });
  return { certificate: built.certificate, previous, previousDir, passwordUnchanged: decrypts(path.join(previousDir, CERT_SET_FILES.encryptedKey), opts.password) };
}

export interface NextSet {
  certificate: CertificateInfo;
  current: CertificateInfo;
  /** `<dir>/next`, where the new set is. */
  nextDir: string;
  /** Whether the new password also decrypts the current key.pem.enc. Undefined when there is none. */
  passwordUnchanged?: boolean;
}

/**
 * Makes the next key set of a zero-downtime rollover in `<dir>/next/`, leaving the current set
 * in `dir` as it is (docs/certs.md, "Rolling the key over"). A set already there is refused:
 * it is a rollover under way.
 */
export function createNextCertSet(dir: string, opts: CertSetOptions): NextSet {
  const current = readCurrentSet(dir).certificate;
  const nextDir = path.join(dir, NEXT_DIR);
  const existing = existingSetFiles(nextDir);
  if (existing.length > 0) {
    throw new CertError(
      `${path.join(nextDir, existing[0])} already exists: a key rollover is under way; finish it (docs/certs.md, "Rolling the key over"), ` +
        `or remove ${nextDir} if it never reached the tenants file`,
      path.join(nextDir, existing[0]),
    );
  }
  const certificate = createCertSet(nextDir, { ...opts, force: false });
  return { certificate, current, nextDir, passwordUnchanged: decrypts(path.join(dir, CERT_SET_FILES.encryptedKey), opts.password) };
}

/** Whether `password` decrypts the key in `file`; undefined when there is no such file. */
function decrypts(file: string, password: string): boolean | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    readPrivateKey(file, password);
    return true;
  } catch {
    return false;
  }
}

/** CN and O from Node's RFC 2253-escaped, newline-separated subject. */
export function subjectFields(subject: string): Partial<CertificateSubject> {
  const fields: Partial<CertificateSubject> = {};
  for (const line of subject.split("\n")) {
    const eq = line.indexOf("=");
    const type = line.slice(0, eq);
    const value = unescapeRfc2253(line.slice(eq + 1));
    if (type === "CN") fields.commonName ??= value;
    if (type === "O") fields.organization ??= value;
  }
  return fields;
}

function unescapeRfc2253(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "\\" && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    if (value[i] === "\\" && i + 1 < value.length) i++;
    const cp = value.codePointAt(i)!;
    if (cp > 0xffff) i++;
    bytes.push(...Buffer.from(String.fromCodePoint(cp), "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function encryptedKeyFormat(file: string): KeyFormat | undefined {
  try {
    const blocks = parsePemBlocks(fs.readFileSync(file, "utf8"), file);
    if (blocks.some((b) => b.label === "ENCRYPTED PRIVATE KEY")) return "pkcs8";
    if (blocks.some((b) => /ENCRYPTED/.test(b.headers["Proc-Type"] ?? ""))) return "traditional";
  } catch {
    // A missing or damaged key.pem.enc is what rotation replaces; fall back to the default.
  }
  return undefined;
}

/** 20261123T063340Z: sorts by time and has no characters that are awkward in paths. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function uniqueDir(parent: string, name: string): string {
  let candidate = path.join(parent, name);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(parent, `${name}-${n}`);
  return candidate;
}
