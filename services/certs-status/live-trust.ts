import { fingerprintOf, readCertificate } from "../../core/certs/certificate-check";
import type { TenantConfig } from "../../core/config/tenant-config";
import { declaredPureEngageFields, trustedCertificates } from "../../core/contract/pureengage-fields";
import { tenantKeySets } from "../../core/contract/signing-set";
import { PUREENGAGE_IDP_PATH } from "../../core/genesys/api-paths";
import { UserError } from "../../core/user-error";
import { runBounded } from "../../core/bounded-pool";
import { OrgApi } from "../../core/genesys/org-api";

/** What an org's PureEngage identity provider trusts, against what the tenants file declares. */
export interface LiveTrust {
  readonly tenant: string;
  /** SHA-256 fingerprints of every certificate it trusts (`certificate` and `certificates`). */
  readonly trusted: readonly string[];
  /** Of those, the ones the tenants file does not declare at its stage. */
  readonly undeclared: readonly string[];
  /** Declared ones it does not trust (a stage not deployed yet, or an org that dropped the list). */
  readonly missing: readonly string[];
  /** Why the org could not be read (one line), instead of the above. */
  readonly problem?: string;
}

/** Orgs read at a time. */
const PARALLEL = 8;

/**
 * Reads each tenant's identity provider (GETs only, with the Terraform admin client a deploy uses:
 * `TF_VAR_<tenant>_admin_client_id/secret`) and compares the certificates it trusts with the ones
 * the tenants file declares at its rollover stage (declaredPureEngageFields).
 */
export function liveTrust(tenants: readonly TenantConfig[], env: NodeJS.ProcessEnv): Promise<LiveTrust[]> {
  return runBounded(tenants, PARALLEL, async (tenant) => {
    try {
      const bodies = Object.fromEntries(tenantKeySets(tenant).map((s) => [s.role, readCertificate(s.certificateFile).pemBody])) as { current: string; next?: string };
      const declared = declaredPureEngageFields(tenant, bodies).certificates;
      const api = OrgApi.forTenant(tenant, env, "certs status --live");
      const idp = await api.get<{ certificate?: string; certificates?: string[] }>(PUREENGAGE_IDP_PATH, { allowNotFound: true });
      const held = idp ? trustedCertificates(idp) : [];
      const fp = (body: string) => fingerprintOf(body) ?? "(not a certificate)";
      return {
        tenant: tenant.name,
        trusted: held.map(fp),
        undeclared: held.filter((c) => !declared.includes(c)).map(fp),
        missing: declared.filter((c) => !held.includes(c)).map(fp),
        ...(idp ? {} : { problem: `tenant ${tenant.name}: the org has no PureEngage identity provider; npx cdktf deploy ${tenant.name} creates it` }),
      };
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { tenant: tenant.name, trusted: [], undeclared: [], missing: [], problem: err.message };
    }
  });
}
