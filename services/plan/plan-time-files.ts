import * as fs from "node:fs";
import * as path from "node:path";
import { tenantStackDir } from "../../core/contract/tenant-outputs";
import { describeFsError } from "../../core/fs-errors";

/** `file("...")` in a Terraform expression: a file Terraform reads when it plans. */
export const FILE_CALL = /\bfile\("((?:[^"\\]|\\.)*)"\)/g;

/**
 * The files a synthesized stack reads at plan time (its `file(...)` expressions, such as the
 * encrypted SAML key), as the stack names them: relative to its folder.
 */
export function planTimeFiles(stackJson: string): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const m of value.matchAll(FILE_CALL)) found.add(JSON.parse(`"${m[1]}"`) as string);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(JSON.parse(stackJson));
  return [...found].sort();
}

/**
 * The tenants whose stack in `synthDir` can read every file it reads at plan time, and the
 * others, each with one line naming the tenant, the file and the fix: one tenant's missing key
 * fails that tenant, before Terraform is started for it.
 */
export function splitByPlanTimeFiles(tenants: readonly string[], synthDir: string): { readonly readable: string[]; readonly unreadable: { readonly tenant: string; readonly message: string }[] } {
  const readable: string[] = [];
  const unreadable: { tenant: string; message: string }[] = [];
  for (const tenant of tenants) {
    const message = unreadablePlanTimeFile(tenant, tenantStackDir(synthDir, tenant));
    if (message === undefined) readable.push(tenant);
    else unreadable.push({ tenant, message });
  }
  return { readable, unreadable };
}

/** The first file the tenant's stack in `stackDir` reads at plan time that cannot be read, as one line; undefined when every one can be. */
function unreadablePlanTimeFile(tenant: string, stackDir: string): string | undefined {
  for (const file of planTimeFiles(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8"))) {
    const absolute = path.resolve(stackDir, file);
    try {
      fs.accessSync(absolute, fs.constants.R_OK);
      if (!fs.statSync(absolute).isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    } catch (err) {
      return (
        `tenant ${tenant}: ${absolute}, which its stack reads at plan time (the encrypted SAML key of saml/pkey), cannot be read: ${describeFsError(err)}; ` +
        `restore the tenant's certificate set there, or make one with \`hybrid certs create --tenant ${tenant}\``
      );
    }
  }
  return undefined;
}
