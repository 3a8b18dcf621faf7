import { generateRsaKeyPair } from "../../core/certs/key-pair";
import { createSelfSignedCertificate } from "../../core/certs/self-signed-certificate";

/** A fresh self-signed certificate PEM, made at test time (no key material is committed). */
export function testCertificatePem(opts: { days?: number; now?: Date; commonName?: string } = {}): string {
  return createSelfSignedCertificate({
    keys: generateRsaKeyPair(2048),
    subject: { commonName: opts.commonName ?? "test SAML signing", organization: "test" },
    days: opts.days ?? 365,
    now: opts.now ?? new Date(),
  });
}
