import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runHybrid } from "../helpers/hybrid-cli";
import { secretValues, type TenantOutputs } from "../../core/contract/tenant-outputs";

/** What `openssl base64` writes for `bytes`: lines of 64 characters and a final newline. */
export function opensslBase64(bytes: Buffer): string {
  return execFileSync("openssl", ["base64"], { input: bytes }).toString("utf8");
}

/**
 * Outputs shaped as a deployed tenant stack's, with random values (secrets random per
 * call, so tests compare them with booleans and a failure cannot print them).
 */
export function sampleOutputs(tenant = "acme"): TenantOutputs {
  return {
    options: {
      general: {
        organization_sname: tenant,
        organization_id: randomUUID(),
        default_agent_role_name: "employee",
        default_admin_role_name: "admin",
        base_auth_url: "https://login.mypurecloud.ie/oauth/token",
        base_service_url: "https://api.mypurecloud.ie/api/",
      },
      saml: {
        issuer: `https://engage.${tenant}.example/pureengage`,
        certificate: opensslBase64(randomBytes(900)),
        pkey: opensslBase64(randomBytes(1800)),
        password: `pw-${randomBytes(12).toString("base64url")}`,
        expire_time: "24",
      },
      saml_auth: { client_id: randomUUID(), password: randomBytes(32).toString("base64url") },
      ewt: { client_id: randomUUID(), password: randomBytes(32).toString("base64url") },
      annex: { organization_domain_suffix: "com" },
    },
    adoptedClients: [],
    firewallHosts: [
      { host: "login.mypurecloud.ie", port: 443, purpose: "OAuth token exchange" },
      { host: "api.mypurecloud.ie", port: 443, purpose: "Platform API" },
    ],
  };
}

/** Every secret value of `outputs`, as they would appear in a file (openssl's base64 also joined to one line). */
export function secretValuesOf(outputs: TenantOutputs): string[] {
  return secretValues(outputs).flatMap((v) => [v, v.replace(/\n/g, ""), ...v.split("\n").filter((l) => l.length >= 16)]);
}

/** True when `text` holds any secret of `outputs`: a boolean, so an assertion cannot print one. */
export function leaksSecret(text: string, outputs: TenantOutputs): boolean {
  return secretValuesOf(outputs).some((s) => s.length > 0 && text.includes(s));
}

const tempDirs: string[] = [];

/** A fresh directory, removed after the test file. */
export function tempDir(prefix = "hybrid-export-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Every entry under `dir` with its type, mode, size, mtime and inode: what "nothing
 * was written or changed" compares. `skip` names top-level entries left out (cdktf.out,
 * where Terraform itself writes).
 */
export function treeState(dir: string, skip: readonly string[] = []): Record<string, string> {
  const state: Record<string, string> = {};
  if (!fs.existsSync(dir)) return state;
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    if (skip.some((s) => rel === s || rel.startsWith(`${s}${path.sep}`))) continue;
    const st = fs.lstatSync(path.join(dir, rel));
    state[rel] = `${st.isDirectory() ? "d" : "f"} ${(st.mode & 0o7777).toString(8)} ${st.size} ${st.mtimeMs} ${st.ino}`;
  }
  return state;
}

export type { CliResult } from "../helpers/hybrid-cli";

/** Runs `hybrid <args>` in-process with its own cwd and environment. */
export const hybrid = runHybrid;
