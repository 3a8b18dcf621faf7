export type { LocalBackendConfig, PgBackendConfig, TenantConfig } from "./tenant-config";
export {
  DEFAULT_TENANTS_FILE,
  TENANTS_FILE_ENV,
  TenantsFileError,
  loadTenantsFile,
  parseTenants,
  tenantsFilePath,
  type TenantsFile,
} from "./tenants-file";
export { DEFAULTS_SCHEMA, TENANT_NAME_SCHEMA, TENANT_SCHEMA, TENANTS_DOCUMENT_SCHEMA } from "./tenants-schema";
