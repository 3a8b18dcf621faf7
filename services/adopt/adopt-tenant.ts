import { readCertificate } from "../../core/certs/certificate-check";
import type { TenantConfig } from "../../core/config/tenant-config";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
import { ExitCode, UserError } from "../../core/user-error";
import { type AdminCredentials, OrgApi } from "./org-api";
import { readOrgInventory } from "./org-inventory";
import { type AdoptOptions, type AdoptionPlan, planAdoption } from "./plan-adoption";

/** The Terraform variables a deploy reads the tenant's admin client from. */
export function adminCredentialVariables(tenant: string): { readonly clientId: string; readonly clientSecret: string } {
  const names = tenantVariableNames(tenant);
  return { clientId: names.adminClientId, clientSecret: names.adminClientSecret };
}

/**
 * The admin client from the environment, as a deploy takes it (`TF_VAR_<tenant>_admin_client_id/secret`).
 *
 * @throws UserError naming the variables that are missing.
 */
export function adminCredentials(tenant: string, env: NodeJS.ProcessEnv): AdminCredentials {
  const vars = adminCredentialVariables(tenant);
  const clientId = env[`TF_VAR_${vars.clientId}`];
  const clientSecret = env[`TF_VAR_${vars.clientSecret}`];
  const missing = [!clientId && `TF_VAR_${vars.clientId}`, !clientSecret && `TF_VAR_${vars.clientSecret}`].filter(Boolean);
  if (missing.length > 0) {
    throw new UserError(
      `tenant ${tenant}: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; hybrid reads the org (GETs only) with the Terraform admin client a deploy uses: export both (README, "Deploying a tenant").`,
      ExitCode.Usage,
    );
  }
  return { clientId: clientId!, clientSecret: clientSecret! };
}

/**
 * Reads a tenant's org and plans its adoption (nothing is written): credentials from
 * the environment, the region's API (or the loopback override), the tenant's cert.pem
 * to compare with the identity provider's certificate.
 */
export async function planTenantAdoption(tenant: TenantConfig, env: NodeJS.ProcessEnv, opts: Omit<AdoptOptions, "adminClientId">): Promise<AdoptionPlan> {
  let certificateBody: string;
  try {
    certificateBody = readCertificate(tenant.saml.certificate).pemBody;
  } catch (err) {
    throw new UserError(
      `tenant ${tenant.name}: saml.certificate: ${(err as Error).message}. Adopt compares the identity provider's certificate with it: ` +
        `put the site's own cert.pem there (the certificate of the key in saml/pkey), or make a new pair with \`hybrid certs create --tenant ${tenant.name}\`.`,
      ExitCode.Usage,
    );
  }
  const creds = adminCredentials(tenant.name, env);
  const api = new OrgApi(tenant.name, tenant.region, env, creds, adminCredentialVariables(tenant.name));
  const inventory = await readOrgInventory(api);
  return planAdoption(tenant, certificateBody, inventory, { ...opts, adminClientId: creds.clientId });
}
