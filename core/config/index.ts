export type { LocalBackendConfig, PgBackendConfig, TenantConfig } from "./tenant-config";
export {
  TenantsFileError,
  loadTenantsFile,
  parseTenants,
  type TenantsFile,
} from "./tenants-file";
export { DEFAULTS_SCHEMA, TENANT_NAME_SCHEMA, TENANT_SCHEMA, TENANTS_DOCUMENT_SCHEMA } from "./tenants-schema";
