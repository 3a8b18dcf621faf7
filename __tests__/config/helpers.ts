import { stringify } from "yaml";
import { parseTenants, TenantsFileError, type TenantsFile } from "../../core/config";

export const BASE_DIR = "/srv/hybrid";
export const SOURCE = "tenants.yaml";

export const ACME_ID = "3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f";
export const GLOBEX_ID = "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b";

/** The least a tenant needs: region, organization id and short name, issuer, certificate. */
export function minimalTenant(name: string, id: string, region = "eu-west-1"): Record<string, unknown> {
  return {
    region,
    organization: { id, shortName: name },
    saml: { issuer: `https://engage.${name}.example/pureengage`, certificate: `certs/${name}/cert.pem` },
  };
}

/** acme and globex, valid, with `change` applied to the parsed-back object before it is written. */
export function fileText(change: (doc: { defaults?: Record<string, unknown>; tenants: Record<string, any> }) => void = () => {}): string {
  const doc = {
    tenants: { acme: minimalTenant("acme", ACME_ID), globex: minimalTenant("globex", GLOBEX_ID, "us-east-1") },
  } as { defaults?: Record<string, unknown>; tenants: Record<string, any> };
  change(doc);
  return stringify(doc);
}

export function parse(text: string): TenantsFile {
  return parseTenants(text, BASE_DIR, SOURCE);
}

/** The problems a file has; fails the test when it has none. */
export function problemsOf(text: string): string[] {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof TenantsFileError) return err.problems;
    throw err;
  }
  throw new Error("expected the tenants file to be rejected, but it loaded");
}
