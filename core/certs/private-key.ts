import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { CertError } from "./errors";
import { describeFsError } from "../fs-errors";
import { formatPemBlock, parsePemBlocks, type PemBlock } from "./pem";
import { PASSWORD_ENV } from "./password";

const KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

export interface PrivateKeyFile {
  key: crypto.KeyObject;
  encrypted: boolean;
  /** e.g. "traditional PEM, AES-256-CBC" or "PKCS#8, unencrypted", for display. */
  format: string;
}

export class PasswordRequiredError extends CertError {}

/**
 * Reads a PEM private key in any form openssl writes (PKCS#8 or traditional, encrypted
 * or not). Decryption is left to Node's crypto, which is OpenSSL, so keys made by the
 * procedure's openssl commands of any OpenSSL version are read as openssl reads them.
 */
export function readPrivateKey(file: string, password?: string): PrivateKeyFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new CertError(`cannot read ${file}: ${describeFsError(err)}`, file);
  }
  return parsePrivateKey(text, file, password);
}

export function parsePrivateKey(text: string, source: string, password?: string): PrivateKeyFile {
  const blocks = parsePemBlocks(text, source).filter((b) => KEY_LABELS.includes(b.label));
  if (blocks.length === 0) {
    throw new CertError(`${source}: not a PEM private key (no PRIVATE KEY block)`, source);
  }
  if (blocks.length > 1) {
    throw new CertError(`${source}: contains ${blocks.length} private keys, expected exactly one`, source);
  }
  const block = blocks[0];
  const encrypted = block.label === "ENCRYPTED PRIVATE KEY" || /ENCRYPTED/.test(block.headers["Proc-Type"] ?? "");
  if (encrypted && password === undefined) {
    throw new PasswordRequiredError(
      `${source}: the key is encrypted and no password was given: set ${PASSWORD_ENV} or pass --password-file FILE`,
      source,
    );
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({
      key: formatPemBlock(block),
      format: "pem",
      ...(encrypted ? { passphrase: Buffer.from(password ?? "", "utf8") } : {}),
    });
  } catch {
    throw new CertError(
      encrypted
        ? `${source}: cannot decrypt the private key: wrong password, or the file is corrupted`
        : `${source}: not a valid private key: the PEM body does not decode to a key; restore or recreate the file`,
      source,
    );
  }
  return { key, encrypted, format: describeFormat(block) };
}

function describeFormat(block: PemBlock): string {
  if (block.label === "ENCRYPTED PRIVATE KEY") return "PKCS#8, encrypted";
  if (block.label === "PRIVATE KEY") return "PKCS#8, unencrypted";
  const dekInfo = block.headers["DEK-Info"];
  if (dekInfo) return `traditional PEM, ${dekInfo.split(",")[0]}`;
  return "traditional PEM, unencrypted";
}
