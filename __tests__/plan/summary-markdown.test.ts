import { COMMENT_LIMIT, summaryMarkdown } from "../../services/plan/summary-markdown";
import type { TenantPlan } from "../../services/plan/tenant-plan";

/** A tenant with `n` updated resources, each with one changed attribute. */
function tenantWith(name: string, n: number): TenantPlan {
  return {
    tenant: name,
    file: `${name}.plan.json`,
    counts: { create: 0, update: n, replace: 0, destroy: 0 },
    resources: Array.from({ length: n }, (_, i) => ({
      address: `restapi_object.thing-${i}`,
      action: "update" as const,
      attributes: [{ path: "name", before: { kind: "value" as const, text: `"old-${i}"` }, after: { kind: "value" as const, text: `"new-${i}"` } }],
    })),
    outputs: [],
    warnings: [],
  };
}

describe("summary Markdown", () => {
  test("detail is folded per tenant", () => {
    const md = summaryMarkdown([tenantWith("acme", 2)]);
    expect(md).toContain("<details><summary><b>acme</b>: 2 to update</summary>");
    expect(md.indexOf("</details>")).toBeGreaterThan(md.indexOf("restapi_object.thing-1"));
  });

  test("past the limit, whole lines are cut, the open <details> closed and a line says so", () => {
    // given far more detail than a comment holds
    const plans = Array.from({ length: 40 }, (_, i) => tenantWith(`tenant-${String(i).padStart(2, "0")}`, 60));
    const full = summaryMarkdown(plans, { limit: 10_000_000 });
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT);
    // when rendered for a comment
    const md = summaryMarkdown(plans);
    // then it fits, says it was cut, and every <details> it opens is closed
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md).toMatch(/\*\*Cut here:\*\* the summary reached the 65,536-character limit .* \d+ more lines left out\. Run `hybrid summary`/);
    expect(md.split("<details>").length).toBe(md.split("</details>").length);
    // and what is kept is the start of the full text
    expect(full.startsWith(md.slice(0, md.lastIndexOf("\n", md.indexOf("**Cut here")) - 20))).toBe(true);
    // and the table of every tenant comes before any detail
    expect(md).toContain("| tenant-39 | 0 | 60 | 0 | 0 |");
  });

  test("a value with backticks stays one code span", () => {
    const plan = tenantWith("acme", 1);
    const md = summaryMarkdown([{ ...plan, resources: [{ ...plan.resources[0], attributes: [{ path: "name", before: { kind: "value", text: '"a`b"' }, after: { kind: "absent" } }] }] }]);
    expect(md).toContain('- `name`: `` "a`b" `` → _(none)_');
  });
});
