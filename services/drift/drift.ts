/** Who saw a drift: the refresh-only plan (changed outside Terraform), the plan (the declaration is not applied), or the API (what plans cannot see). */
export type DriftSource = "refresh-only plan" | "plan" | "API";

/** One field of a tenant's org that is not what its stack declares. Values are shown safely: never a secret. */
export interface Drift {
  /** The Terraform address of what drifted, e.g. `genesyscloud_oauth_client.pacing-client`. */
  readonly resource: string;
  /** The field: `access_token_validity_seconds`, `data.issuerURI`, `permissions` ... */
  readonly field: string;
  /** What the stack declares (or Terraform last applied), as shown. */
  readonly declared: string;
  /** What the org holds, as shown. */
  readonly found: string;
  readonly seenBy: DriftSource;
}

/** One tenant's drift check: clean, drifted (with each drift), or not checked (with why). */
export interface TenantDrift {
  readonly tenant: string;
  readonly status: "clean" | "drifted" | "failed";
  readonly drifts: readonly Drift[];
  /** For `failed`: what went wrong and the fix. */
  readonly error?: string;
  readonly seconds: number;
}

/** The report's status of a tenant from its drifts. */
export function driftStatus(drifts: readonly Drift[]): "clean" | "drifted" {
  return drifts.length === 0 ? "clean" : "drifted";
}
