import { apiError, Reply } from "./api-error";

/**
 * Faults for the next requests, set per test with `fake.setFaults(...)`. Counts
 * are consumed by the requests they hit; `match` narrows which requests count.
 */
export interface FaultPlan {
  /** The next `count` matching requests get 429 Too Many Requests with `Retry-After: retryAfterSeconds`. */
  readonly rateLimit?: { readonly count: number; readonly retryAfterSeconds: number };
  /** After any rate limiting, the next `count` matching requests get 503 Service Unavailable. */
  readonly unavailable?: { readonly count: number };
  /** Delay added before every matching request is handled. */
  readonly latencyMs?: number;
  /** Only requests with this method and/or path prefix are faulted (default: every request). */
  readonly match?: { readonly method?: string; readonly pathPrefix?: string };
}

export type FaultKind = "rate-limit" | "unavailable";

export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault?: { readonly kind: FaultKind; readonly reply: Reply };
}

/** Decides, request by request, which fault of the current plan applies. */
export class FaultInjector {
  private plan: FaultPlan = {};
  private rateLimitLeft = 0;
  private unavailableLeft = 0;

  set(plan: FaultPlan): void {
    for (const [name, n] of [["rateLimit.count", plan.rateLimit?.count], ["unavailable.count", plan.unavailable?.count], ["latencyMs", plan.latencyMs]] as const) {
      if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new Error(`setFaults: ${name} must be a non-negative integer, got ${n}`);
    }
    this.plan = plan;
    this.rateLimitLeft = plan.rateLimit?.count ?? 0;
    this.unavailableLeft = plan.unavailable?.count ?? 0;
  }

  /** Faults not yet consumed. */
  remaining(): { rateLimit: number; unavailable: number } {
    return { rateLimit: this.rateLimitLeft, unavailable: this.unavailableLeft };
  }

  decide(method: string, path: string): FaultDecision {
    const match = this.plan.match;
    if ((match?.method && match.method !== method) || (match?.pathPrefix && !path.startsWith(match.pathPrefix))) {
      return { latencyMs: 0 };
    }
    const latencyMs = this.plan.latencyMs ?? 0;
    if (this.rateLimitLeft > 0) {
      this.rateLimitLeft--;
      const seconds = this.plan.rateLimit!.retryAfterSeconds;
      const reply = apiError(429, "too.many.requests", `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`, { "Retry-After": String(seconds) });
      return { latencyMs, fault: { kind: "rate-limit", reply } };
    }
    if (this.unavailableLeft > 0) {
      this.unavailableLeft--;
      return { latencyMs, fault: { kind: "unavailable", reply: apiError(503, "service.unavailable", "The service is currently unavailable.") } };
    }
    return { latencyMs };
  }
}
