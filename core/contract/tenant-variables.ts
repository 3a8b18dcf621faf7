import { SANDBOX_VARIABLE } from "./deployment-target";

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
  /** The next key set's password, declared only while `saml.rollover` is (it may equal the current one). */
  readonly samlNextKeyPassword: string;
}

/** `<prefix>_admin_client_id`, `<prefix>_admin_client_secret`, `<prefix>_saml_key_password`, `<prefix>_saml_next_key_password`. */
export function credentialVariableNames(prefix: string): CredentialVariableNames {
  return {
    adminClientId: `${prefix}_admin_client_id`,
    adminClientSecret: `${prefix}_admin_client_secret`,
    samlKeyPassword: `${prefix}_saml_key_password`,
    samlNextKeyPassword: `${prefix}_saml_next_key_password`,
  };
}

/** A tenant's {@link credentialVariableNames}, as its stack declares them. */
export function tenantVariableNames(tenant: string): CredentialVariableNames {
  return credentialVariableNames(terraformVariablePrefix(tenant));
}

/**
 * Whether the Terraform variable `name` (without TF_VAR_) is one this project declares and
 * knows to be no secret: a tenant's admin client id, the sandbox guard's URL. Every other
 * TF_VAR_ value is presumed secret (core/redaction).
 */
export function isPublicVariable(name: string): boolean {
  return name === SANDBOX_VARIABLE || name.endsWith("_admin_client_id");
}
