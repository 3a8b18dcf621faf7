import * as crypto from "node:crypto";
import type * as Forge from "node-forge";
import { CertError } from "./errors";
import { forge } from "./forge";
import { toLf } from "./pem";

export const KEY_SIZES = [2048, 3072, 4096] as const;
export type KeySize = (typeof KEY_SIZES)[number];

export interface RsaKeyPair {
  publicKey: Forge.pki.rsa.PublicKey;
  privateKey: Forge.pki.rsa.PrivateKey;
  /** Unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"), what `openssl req -nodes -keyout` writes. */
  privateKeyPem: string;
  /** The same key as a Node KeyObject, so signing runs in native code. */
  nativePrivateKey: crypto.KeyObject;
}

/**
 * node-forge hands RSA generation to Node's crypto.generateKeyPairSync (native OpenSSL)
 * when it is available; its pure-JavaScript fallback took ~1 s for 2048 bits and ~30 s
 * for 4096 on a 2-CPU VM. forge.options.usePureJavaScript must therefore stay false.
 */
export function generateRsaKeyPair(bits: number): RsaKeyPair {
  validateKeySize(bits);
  const f = forge();
  const { publicKey, privateKey } = f.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
  const privateKeyPem = toLf(
    f.pki.privateKeyInfoToPem(f.pki.wrapRsaPrivateKey(f.pki.privateKeyToAsn1(privateKey))),
  );
  return {
    publicKey,
    privateKey,
    privateKeyPem,
    nativePrivateKey: crypto.createPrivateKey(privateKeyPem),
  };
}

export function validateKeySize(bits: number): KeySize {
  if (!(KEY_SIZES as readonly number[]).includes(bits)) {
    throw new CertError(`unsupported RSA key size ${bits}: use one of ${KEY_SIZES.join(", ")}`);
  }
  return bits as KeySize;
}
