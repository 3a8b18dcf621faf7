import type * as Forge from "node-forge";
import { CertError } from "./errors";
import { forge } from "./forge";
import { toLf } from "./pem";

/**
 * traditional: "BEGIN RSA PRIVATE KEY" with `Proc-Type: 4,ENCRYPTED` and
 *   `DEK-Info: AES-256-CBC,<iv>`, what `openssl rsa -aes256` wrote up to OpenSSL 1.1
 *   (the procedure's era) and what `openssl rsa -aes256 -traditional` writes today.
 * pkcs8: "BEGIN ENCRYPTED PRIVATE KEY" (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), what
 *   `openssl rsa -aes256` writes from OpenSSL 3.0 on.
 */
export const KEY_FORMATS = ["traditional", "pkcs8"] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** OpenSSL's PKCS5_DEFAULT_ITER, so pkcs8 output matches what OpenSSL 3 writes. */
const PBKDF2_ITERATIONS = 2048;

export function validateKeyFormat(format: string): KeyFormat {
  if (!(KEY_FORMATS as readonly string[]).includes(format)) {
    throw new CertError(`unknown key format "${format}": use ${KEY_FORMATS.join(" or ")}`);
  }
  return format as KeyFormat;
}

/** Encrypts `key` with AES-256 under `password` in the given PEM form. */
export function encryptPrivateKey(
  key: Forge.pki.rsa.PrivateKey,
  password: string,
  format: KeyFormat,
): string {
  const f = forge();
  // forge treats passwords as byte strings; openssl -passin env:/file: passes the UTF-8
  // bytes, so a non-ASCII password must be UTF-8 encoded to decrypt the same in both.
  const passwordBytes = f.util.encodeUtf8(password);
  if (format === "traditional") {
    // legacy: OpenSSL's EVP_BytesToKey (MD5, IV's first 8 bytes as salt), as openssl rsa did.
    return toLf(
      f.pki.encryptRsaPrivateKey(key, passwordBytes, { algorithm: "aes256", legacy: true }),
    );
  }
  const info = f.pki.wrapRsaPrivateKey(f.pki.privateKeyToAsn1(key));
  const encrypted = f.pki.encryptPrivateKeyInfo(info, passwordBytes, {
    algorithm: "aes256",
    count: PBKDF2_ITERATIONS,
    prfAlgorithm: "sha256",
  } as Forge.pki.EncryptionOptions);
  return toLf(f.pki.encryptedPrivateKeyToPem(encrypted));
}
