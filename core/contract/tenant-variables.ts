/**
 * The Terraform variables a tenant's stack reads its credentials from, set as
 * `TF_VAR_<name>`: dashes of the tenant name become underscores.
 */
export function terraformVariablePrefix(tenant: string): string {
  return tenant.replace(/-/g, "_");
}

export interface CredentialVariableNames {
  readonly adminClientId: string;
  readonly adminClientSecret: string;
  readonly samlKeyPassword: string;
}

/** `<prefix>_admin_client_id`, `<prefix>_admin_client_secret`, `<prefix>_saml_key_password`. */
export function credentialVariableNames(prefix: string): CredentialVariableNames {
  return { adminClientId: `${prefix}_admin_client_id`, adminClientSecret: `${prefix}_admin_client_secret`, samlKeyPassword: `${prefix}_saml_key_password` };
}

/** A tenant's {@link credentialVariableNames}, as its stack declares them. */
export function tenantVariableNames(tenant: string): CredentialVariableNames {
  return credentialVariableNames(terraformVariablePrefix(tenant));
}
