/** One tenant of a test's or benchmark's tenants file; everything but its name and org has a default. */
export interface YamlTenant {
  readonly name: string;
  readonly orgId: string;
  /** @default "eu-west-1" */
  readonly region?: string;
  /** @default the name without dashes */
  readonly shortName?: string;
  /** @default https://engage.<name>.example/pureengage */
  readonly issuer?: string;
  /** @default certs/<name>/cert.pem; null leaves it to the file's defaults */
  readonly certificate?: string | null;
  /** `saml.rollover`: the next set's cert.pem and the stage. @default none */
  readonly rollover?: { readonly certificate: string; readonly stage: string };
  /** More settings of the tenant, one YAML line each, e.g. "preventDestroy: false". */
  readonly extra?: readonly string[];
}

/** A tenants file of `tenants`, with `defaults` (YAML lines under `defaults:`) when given. */
export function tenantsYaml(tenants: readonly YamlTenant[], defaults: readonly string[] = []): string {
  const lines = defaults.length > 0 ? ["defaults:", ...defaults.map((l) => `  ${l}`)] : [];
  lines.push("tenants:");
  for (const t of tenants) {
    const certificate = t.certificate === undefined ? `certs/${t.name}/cert.pem` : t.certificate;
    lines.push(
      `  ${t.name}:`,
      `    region: ${t.region ?? "eu-west-1"}`,
      `    organization: { id: ${t.orgId}, shortName: ${t.shortName ?? t.name.replace(/-/g, "")} }`,
      `    saml: { issuer: ${t.issuer ?? `https://engage.${t.name}.example/pureengage`}${certificate === null ? "" : `, certificate: ${certificate}`}` +
        `${t.rollover ? `, rollover: { certificate: ${t.rollover.certificate}, stage: ${t.rollover.stage} }` : ""} }`,
      ...(t.extra ?? []).map((l) => `    ${l}`),
    );
  }
  return lines.join("\n") + "\n";
}
