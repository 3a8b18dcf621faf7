/**
 * The Terraform variables a tenant's stack reads its credentials from, set as
 * `TF_VAR_<name>`: dashes of the tenant name become underscores.
 */
export function terraformVariablePrefix(tenant: string): string {
  return tenant.replace(/-/g, "_");
}

/** `<tenant>_admin_client_id`, `<tenant>_admin_client_secret`, `<tenant>_saml_key_password`. */
export function tenantVariableNames(tenant: string): { readonly adminClientId: string; readonly adminClientSecret: string; readonly samlKeyPassword: string } {
  const v = terraformVariablePrefix(tenant);
  return { adminClientId: `${v}_admin_client_id`, adminClientSecret: `${v}_admin_client_secret`, samlKeyPassword: `${v}_saml_key_password` };
}
