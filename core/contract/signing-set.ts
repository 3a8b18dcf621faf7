import { dirname, join } from "node:path";
import { CERT_SET_FILES } from "../certs/cert-set";
import type { RolloverStage } from "../config/rollover-stage";
import type { TenantConfig } from "../config/tenant-config";
import { tenantVariableNames } from "./tenant-variables";

/** A tenant's key sets: the current one (`saml.certificate`) and, during a rollover, the next one. */
export type KeySetRole = "current" | "next";

/**
 * The set the transaction object signs with at a stage: the current one until the switch, the
 * next one from the switch on. The stack's outputs, `hybrid export`, `hybrid doctor` and
 * `hybrid certs status` all follow it.
 */
export function signingRoleAt(stage: RolloverStage | undefined): KeySetRole {
  return stage === "switch" || stage === "retire" ? "next" : "current";
}

/** One key set of a tenant, as `hybrid certs` lays it out, and the Terraform variable holding its password. */
export interface TenantKeySet {
  readonly role: KeySetRole;
  /** Absolute path of its cert.pem. */
  readonly certificateFile: string;
  /** Its folder's key.pem.enc.b64: `saml/pkey` while it signs. */
  readonly encryptedKeyBase64File: string;
  /** Its folder's key.pem.enc and key.pem. */
  readonly encryptedKeyFile: string;
  readonly privateKeyFile: string;
  /** The Terraform variable (without TF_VAR_) of its key.pem.enc password: `saml/password` while it signs. */
  readonly passwordVariable: string;
}

/** The tenant's current set, and its next set when a rollover is declared. */
export function tenantKeySets(tenant: TenantConfig): TenantKeySet[] {
  const names = tenantVariableNames(tenant.name);
  const set = (role: KeySetRole, certificateFile: string, passwordVariable: string): TenantKeySet => {
    const dir = dirname(certificateFile);
    return {
      role,
      certificateFile,
      encryptedKeyBase64File: join(dir, CERT_SET_FILES.encryptedKeyBase64),
      encryptedKeyFile: join(dir, CERT_SET_FILES.encryptedKey),
      privateKeyFile: join(dir, CERT_SET_FILES.privateKey),
      passwordVariable,
    };
  };
  const current = set("current", tenant.saml.certificate, names.samlKeyPassword);
  const rollover = tenant.saml.rollover;
  return rollover ? [current, set("next", rollover.certificate, names.samlNextKeyPassword)] : [current];
}

/**
 * The set that signs at `stage` (by default the tenants file's): the next set from the switch
 * on, when the tenants file still declares one; else the current set.
 */
export function signingSet(tenant: TenantConfig, stage: RolloverStage | undefined = tenant.saml.rollover?.stage): TenantKeySet {
  const sets = tenantKeySets(tenant);
  return sets.find((s) => s.role === signingRoleAt(stage)) ?? sets[0];
}
