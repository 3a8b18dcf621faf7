import { fingerprintOf } from "../../core/certs/certificate-check";
import { trustedCertificates } from "../../core/contract/pureengage-fields";
import { RESOURCE_ADDRESSES } from "../../core/contract/tenant-stack-contract";
import { REDACTED } from "../../core/redaction";
import { deepEqual, shorten } from "../plan/attribute-changes";
import { looksLikeKeyMaterial } from "../plan/secret-detection";
import type { DeclaredIdentityProvider } from "./declared-identity-provider";
import type { Drift } from "./drift";

/** The identity provider's certificate fields: one certificate, or (during a rollover) a list. */
const CERTIFICATE_FIELDS = ["certificate", "certificates"];

/**
 * The identity provider as the org holds it (`GET /api/v2/identityproviders/pureengage`,
 * undefined when it is gone) against its declared fields (declaredIdentityProvider): every
 * declared field must be found as declared. Certificates are compared as the set the
 * provider trusts (`certificate` and `certificates` together, whitespace ignored) and shown
 * by their SHA-256 fingerprints; fields the server adds (`id`, `selfUri`) are not declared,
 * so never drift.
 */
export function identityProviderDrift(declared: DeclaredIdentityProvider, found: Readonly<Record<string, unknown>> | undefined): Drift[] {
  const resource = RESOURCE_ADDRESSES.identityProvider;
  if (found === undefined) return [{ resource, field: "(the identity provider)", declared: "exists", found: "deleted", seenBy: "API" }];
  const drifts: Drift[] = [];
  for (const [field, value] of Object.entries(declared)) {
    if (CERTIFICATE_FIELDS.includes(field) || deepEqual(value, found[field])) continue;
    drifts.push({ resource, field: `data.${field}`, declared: shown(value), found: shown(found[field]), seenBy: "API" });
  }
  const want = trustedCertificates(declared).sort();
  const have = trustedCertificates(found).sort();
  if (want.length !== have.length || want.some((c, i) => c !== have[i])) {
    const field = "certificates" in declared ? "data.certificates" : "data.certificate";
    drifts.push({ resource, field, declared: fingerprints(want), found: fingerprints(have), seenBy: "API" });
  }
  return drifts;
}

function fingerprints(certs: readonly string[]): string {
  if (certs.length === 0) return "none";
  return certs.map((c) => `sha256 ${fingerprintOf(c) ?? "(not a certificate)"}`).join(", ");
}

function shown(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return looksLikeKeyMaterial(text) ? REDACTED : shorten(text);
}
