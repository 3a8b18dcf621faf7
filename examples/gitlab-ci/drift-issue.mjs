// Opens, updates or closes the project's drift issue (label $DRIFT_LABEL, default hybrid-drift)
// from a nightly `hybrid drift` report:
//   node examples/gitlab-ci/drift-issue.mjs <worst exit code> <report.md>
// 0 closes the open issue (every tenant clean); 3 or 1 opens one, or updates the open one's
// description. Needs CI_API_V4_URL, CI_PROJECT_ID and HYBRID_GITLAB_TOKEN (api scope).
import { readFileSync } from "node:fs";

const [code, file] = process.argv.slice(2);
const label = process.env.DRIFT_LABEL || "hybrid-drift";
const api = `${process.env.CI_API_V4_URL}/projects/${process.env.CI_PROJECT_ID}`;
const headers = { "PRIVATE-TOKEN": process.env.HYBRID_GITLAB_TOKEN ?? "", "Content-Type": "application/json" };

async function call(method, path, body) {
  const res = await fetch(`${api}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) {
    process.stderr.write(`drift-issue: ${method} ${path}: GitLab answered ${res.status}\n`);
    process.exit(1);
  }
  return res.json();
}

const description = readFileSync(file, "utf8");
const [open] = await call("GET", `/issues?labels=${encodeURIComponent(label)}&state=opened&per_page=1`);
if (code === "0") {
  if (open) await call("PUT", `/issues/${open.iid}`, { state_event: "close", description });
} else if (open) {
  await call("PUT", `/issues/${open.iid}`, { description });
} else {
  await call("POST", "/issues", { title: "Drift in the tenants' Genesys Cloud orgs", labels: label, description });
}
