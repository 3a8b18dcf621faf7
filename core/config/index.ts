export type { LocalBackendConfig, PgBackendConfig, SamlRolloverConfig, TenantConfig } from "./tenant-config";
export { isRolloverStage, ROLLOVER_STAGES, type RolloverStage, type RolloverStageOrNone } from "./rollover-stage";
export {
  TenantsFileError,
  loadTenantsFile,
  parseTenants,
  type TenantsFile,
} from "./tenants-file";
export { DEFAULTS_SCHEMA, TENANT_NAME_SCHEMA, TENANT_SCHEMA, TENANTS_DOCUMENT_SCHEMA } from "./tenants-schema";
