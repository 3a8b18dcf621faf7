import type { TenantConfig } from "../../core/config/tenant-config";
import type { ClientSection } from "../../core/contract/option-layout";
import type { TenantOutputs } from "../../core/contract/tenant-outputs";
import type { GenesysApi } from "../../core/genesys/api-client";

/** Everything the checks of one tenant work from. */
export interface DoctorTarget {
  readonly tenant: TenantConfig;
  readonly outputs: TenantOutputs;
  /** `general/base_auth_url` as deployed: the assertion's audience. */
  readonly publicAuthUrl: string;
  /** Where token requests go: `base_auth_url`, or its loopback override. */
  readonly authUrl: string;
  /** Where API requests go: `base_service_url` (ending in `/api/`), or its loopback override. */
  readonly serviceUrl: string;
  readonly http: GenesysApi;
  readonly now: Date;
  /** The test agent's e-mail address (NameID). */
  readonly agentEmail: string;
  /** How long to wait for a just-provisioned user to show in user search (eventually consistent). */
  readonly userSearchWaitMs: number;
  /** The caller's environment: a key set's password, as a deploy takes it (`TF_VAR_<tenant>_saml_next_key_password`). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Whether the section's OAuth client was adopted (`hybrid adopt`): Terraform holds no secret for
 * it, so its login can only be tried with the password the transaction object holds.
 */
export function adopted(target: DoctorTarget, section: ClientSection): boolean {
  return target.outputs.adoptedClients.includes(section);
}

/** The command that makes the org match the tenant's declaration again. */
export const deployCommand = (target: DoctorTarget) => `npx cdktf deploy ${target.tenant.name}`;
