/** pass ✔; warn ✔ with a warning (exit 0); fail ✖ (exit 1); skipped: not run because an earlier check failed. */
export type CheckStatus = "pass" | "warn" | "fail" | "skipped";

/** One line of `hybrid doctor`: never holds a secret (see `report.ts`, which also redacts). */
export interface CheckResult {
  /** Stable id, e.g. `idp-issuer`, for scripts reading `--json`. */
  readonly id: string;
  /** What is checked, e.g. "identity provider issuerURI equals saml/issuer". */
  readonly title: string;
  readonly status: CheckStatus;
  /** What was compared with what, e.g. `issuerURI "https://a" = saml/issuer "https://a"`. */
  readonly compared: string;
  /** For warn and fail: what to do. */
  readonly fix?: string;
}

export const pass = (id: string, title: string, compared: string): CheckResult => ({ id, title, status: "pass", compared });
export const fail = (id: string, title: string, compared: string, fix: string): CheckResult => ({ id, title, status: "fail", compared, fix });
export const warn = (id: string, title: string, compared: string, fix: string): CheckResult => ({ id, title, status: "warn", compared, fix });
export const skipped = (id: string, title: string, reason: string): CheckResult => ({ id, title, status: "skipped", compared: `not checked: ${reason}` });
