import * as path from "node:path";
import { CERT_SET_FILES } from "./cert-set";
import { checkCertificate, type CertificateCheck } from "./certificate-check";
import { opensslBase64 } from "./pem";
import { tenantCertDir } from "./tenant";

export interface TenantCertificate extends CertificateCheck {
  /** For the identity provider's `certificate` field (PEM body, no BEGIN/END, no newlines). */
  identityProviderCertificate: string;
  /** For the transaction object's saml/certificate: `openssl base64` of cert.pem. */
  samlCertificate: string;
}

/**
 * certs/<tenant>/cert.pem under `cwd`, checked (missing, unreadable, not a certificate,
 * expired: CertError naming the file; expiring within 30 days: `warnings`), with the two
 * encodings the synthesis code puts into Genesys.
 */
export function readTenantCertificate(
  cwd: string,
  tenant: string,
  opts: { now?: Date; warnDays?: number } = {},
): TenantCertificate {
  const file = path.join(tenantCertDir(cwd, tenant), CERT_SET_FILES.certificate);
  const check = checkCertificate(file, opts);
  return {
    ...check,
    identityProviderCertificate: check.pemBody,
    samlCertificate: opensslBase64(check.bytes),
  };
}
