import { readCertificate } from "../../core/certs/certificate-check";
import type { TenantConfig } from "../../core/config/tenant-config";
import { type KeySetRole, tenantKeySets } from "../../core/contract/signing-set";
import { OrgApi } from "../../core/genesys/org-api";
import { ExitCode, UserError } from "../../core/user-error";
import { readOrgInventory } from "./org-inventory";
import { type AdoptOptions, type AdoptionPlan, planAdoption } from "./plan-adoption";

/**
 * Reads a tenant's org and plans its adoption (nothing is written): credentials from
 * the environment, the region's API (or the loopback override), the tenant's cert.pem
 * to compare with the identity provider's certificate.
 */
export async function planTenantAdoption(tenant: TenantConfig, env: NodeJS.ProcessEnv, opts: Omit<AdoptOptions, "adminClientId">): Promise<AdoptionPlan> {
  const bodies: Partial<Record<KeySetRole, string>> = {};
  for (const set of tenantKeySets(tenant)) {
    try {
      bodies[set.role] = readCertificate(set.certificateFile).pemBody;
    } catch (err) {
      throw new UserError(
        `tenant ${tenant.name}: ${set.role === "next" ? "saml.rollover.certificate" : "saml.certificate"}: ${(err as Error).message}. Adopt compares the identity provider's certificates with it: ` +
          `put the site's own cert.pem there (the certificate of the key in saml/pkey), or make a new pair with \`hybrid certs create --tenant ${tenant.name}\`.`,
        ExitCode.Usage,
      );
    }
  }
  const certificateBodies = { current: bodies.current!, next: bodies.next };
  const api = OrgApi.forTenant(tenant, env, "adopt");
  const inventory = await readOrgInventory(api);
  return planAdoption(tenant, certificateBodies, inventory, { ...opts, adminClientId: api.adminClientId });
}
