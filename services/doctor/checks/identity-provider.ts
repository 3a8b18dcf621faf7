import { fingerprintOf, parseCertificate, readCertificate } from "../../../core/certs/certificate-check";
import { CertError } from "../../../core/certs/errors";
import { decodeOpensslBase64 } from "../../../core/certs/pem";
import { compactCertificate, declaredPureEngageFields, trustedCertificates } from "../../../core/contract/pureengage-fields";
import { type KeySetRole, tenantKeySets } from "../../../core/contract/signing-set";
import { IDENTITY_PROVIDERS_PATH, PUREENGAGE_IDP_PATH } from "../../../core/genesys/api-paths";
import { CheckResult, fail, pass, skipped, warn } from "../check-result";
import { describeAnswer } from "../../../core/genesys/api-client";
import { DoctorTarget, deployCommand } from "../doctor-target";

const IDS = {
  exists: ["identity-provider", "PureEngage identity provider exists"],
  autoProvision: ["idp-auto-provision", "identity provider auto-provisions users"],
  enabled: ["idp-enabled", "identity provider is enabled"],
  issuer: ["idp-issuer", "identity provider issuerURI equals saml/issuer exactly"],
  certificate: ["idp-certificate", "identity provider holds the certificates the tenants file declares"],
  trustsPkey: ["idp-trusts-pkey", "identity provider trusts saml/certificate, the key the outputs carry"],
  retired: ["idp-retired-cert", "identity provider trusts no certificate the tenants file does not declare"],
  unique: ["idp-unique-issuer", "no other identity provider of the org has that issuer"],
} as const;

/** What the org's identity provider answered, for the checks that follow. */
export interface IdentityProviderAnswer {
  readonly name?: string;
  readonly autoProvisionUsers?: boolean;
  readonly disabled?: boolean;
  readonly issuerURI?: string;
  readonly certificate?: string;
  readonly certificates?: string[];
}

/** A certificate's SHA-256 fingerprint, its first 8 bytes: enough to tell two apart on one line. */
function fingerprint(base64Der: string): string {
  const full = fingerprintOf(base64Der);
  return full === undefined ? "(not a certificate)" : `sha256 ${full.slice(0, 23)}…`;
}

/** Where two strings first differ, for an issuer that is off by one character. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `they differ from character ${i + 1} on`;
}

/**
 * The PureEngage identity provider as the seed's troubleshooting list asks: it auto-provisions
 * users, is enabled, its issuerURI is `saml/issuer` exactly, and no other identity provider of the
 * org claims the same issuer; and its certificates are the ones the tenants file declares at its
 * key rollover stage (declaredPureEngageFields), among them the one of the key the outputs carry,
 * and no other.
 */
export async function checkIdentityProvider(target: DoctorTarget, token: string | undefined): Promise<{ results: CheckResult[]; answer?: IdentityProviderAnswer }> {
  const all = Object.values(IDS);
  if (!token) return { results: all.map(([id, title]) => skipped(id, title, "needs the ewt token, which failed")) };
  const url = new URL(PUREENGAGE_IDP_PATH, target.serviceUrl).href;
  const res = await target.http.get(url, token);
  if (res.status !== 200) {
    const [id, title] = IDS.exists;
    const fix = res.status === 404 ? `the identity provider was deleted: ${deployCommand(target)} creates it again` : `see the answer; the ewt client holds the admin role, which may read identity providers`;
    return { results: [fail(id, title, `GET ${url}: ${describeAnswer(res)}`, fix), ...all.slice(1).map(([i, t]) => skipped(i, t, "no identity provider to check"))] };
  }
  const idp = res.body as IdentityProviderAnswer;
  const results: CheckResult[] = [pass(IDS.exists[0], IDS.exists[1], `GET ${url}: 200, "${idp.name ?? "(no name)"}"`)];

  const [apId, apTitle] = IDS.autoProvision;
  results.push(
    idp.autoProvisionUsers === true
      ? pass(apId, apTitle, "autoProvisionUsers true")
      : fail(apId, apTitle, `autoProvisionUsers ${String(idp.autoProvisionUsers ?? "unset")}, want true`, `agents who never logged in cannot get a token until it is true: ${deployCommand(target)} sets it back`),
  );

  const [enId, enTitle] = IDS.enabled;
  results.push(
    idp.disabled === true
      ? fail(enId, enTitle, "disabled true", `no agent can get a token while it is disabled: ${deployCommand(target)} enables it again`)
      : pass(enId, enTitle, `disabled ${String(idp.disabled ?? false)}`),
  );

  const issuer = target.outputs.options.saml.issuer;
  const [isId, isTitle] = IDS.issuer;
  results.push(
    idp.issuerURI === issuer
      ? pass(isId, isTitle, `issuerURI "${idp.issuerURI}" = saml/issuer`)
      : fail(
          isId,
          isTitle,
          `issuerURI "${idp.issuerURI ?? ""}" vs saml/issuer "${issuer}": ${firstDifference(idp.issuerURI ?? "", issuer)}`,
          `Genesys Cloud finds the identity provider by the assertion's issuer, so they must match to the character: ` +
            `${deployCommand(target)} sets issuerURI to saml.issuer of the tenants file; retype saml/issuer on premises from the output if that changed`,
        ),
  );

  results.push(...certificateChecks(target, idp));

  const [unId, unTitle] = IDS.unique;
  const listUrl = new URL(IDENTITY_PROVIDERS_PATH, target.serviceUrl).href;
  const list = await target.http.get(listUrl, token);
  if (list.status !== 200 || !Array.isArray(list.body?.entities)) {
    results.push(fail(unId, unTitle, `GET ${listUrl}: ${describeAnswer(list)}`, "see the answer; the ewt client's admin role may list identity providers"));
  } else {
    const others = (list.body.entities as { id?: string; name?: string; issuerURI?: string }[]).filter((p) => p.issuerURI === issuer && p.id !== "pureengage");
    results.push(
      others.length === 0
        ? pass(unId, unTitle, `${list.body.entities.length} identity provider(s), only pureengage has issuer "${issuer}"`)
        : fail(
            unId,
            unTitle,
            `${others.map((p) => `${p.id ?? "?"} ("${p.name ?? ""}")`).join(", ")} also ha${others.length > 1 ? "ve" : "s"} issuer "${issuer}"`,
            `give the other provider(s) their own issuer, or delete them (Admin > Integrations > Single Sign-on); an issuer must name one identity provider`,
          ),
    );
  }
  return { results, answer: idp };
}

/** The tenant's certificate files by role, read; a file that cannot be read is a failed idp-certificate. */
function localCertificates(target: DoctorTarget): { files: Map<KeySetRole, { file: string; body: string }> } | { problem: CheckResult } {
  const files = new Map<KeySetRole, { file: string; body: string }>();
  for (const set of tenantKeySets(target.tenant)) {
    try {
      files.set(set.role, { file: set.certificateFile, body: readCertificate(set.certificateFile).pemBody });
    } catch (err) {
      if (!(err instanceof CertError)) throw err;
      const make = set.role === "next" ? `hybrid certs rotate --tenant ${target.tenant.name} --next` : `hybrid certs create --tenant ${target.tenant.name}`;
      return { problem: fail(IDS.certificate[0], IDS.certificate[1], err.message, `restore ${set.certificateFile}, or make a set with \`${make}\` and deploy`) };
    }
  }
  return { files };
}

function certificateChecks(target: DoctorTarget, idp: IdentityProviderAnswer): CheckResult[] {
  const [ceId, ceTitle] = IDS.certificate;
  const [tpId, tpTitle] = IDS.trustsPkey;
  const [reId, reTitle] = IDS.retired;
  const held = trustedCertificates(idp);
  const results: CheckResult[] = [];
  const local = localCertificates(target);
  const name = (body: string) => {
    const file = "files" in local ? [...local.files.values()].find((f) => f.body === body)?.file : undefined;
    return `${fingerprint(body)}${file ? ` (${file})` : ""}`;
  };
  const list = (bodies: readonly string[]) => (bodies.length ? bodies.map(name).join(", ") : "none");

  // The declared certificates, by the one function that says them (PureEngageIdp deploys the same).
  let declared: readonly string[] | undefined;
  if ("problem" in local) {
    results.push(local.problem);
  } else {
    const fields = declaredPureEngageFields(target.tenant, { current: local.files.get("current")!.body, next: local.files.get("next")?.body });
    declared = fields.certificates;
    const stage = target.tenant.saml.rollover?.stage;
    const missing = fields.certificates.filter((c) => !held.includes(c));
    // An org may answer the list alone (the provider's SAML resources read `certificates` when `certificate` is null).
    const main = compactCertificate(idp.certificate);
    const mainOff = main ? main !== fields.certificate : held.length === 0;
    const compared =
      `identity provider certificate ${main ? name(main) : "unset"}, trusts ${list(held)}; ` +
      `the tenants file declares${stage ? ` (key rollover stage ${stage})` : ""} certificate ${name(fields.certificate)}, certificates ${list(fields.certificates)}`;
    if (missing.length === 0 && !mainOff) {
      results.push(pass(ceId, ceTitle, compared));
    } else if (missing.length > 0 && fields.certificates.length > 1 && (idp.certificates === undefined || idp.certificates.length < 2)) {
      results.push(
        fail(
          ceId,
          ceTitle,
          `${compared}: the org answered ${idp.certificates === undefined ? "no certificates list" : `a list of ${idp.certificates.length}`}`,
          `${deployCommand(target)} sends both certificates; if the deploy already ran, this org does not keep the identity provider's certificates list for PureEngage, ` +
            `so no key rollover without downtime there: do not switch; remove saml.rollover and deploy, then rotate with the hard cut (docs/certs.md, "The hard cut")`,
        ),
      );
    } else {
      results.push(
        fail(
          ceId,
          ceTitle,
          compared,
          `the identity provider verifies agents' assertions with these certificates: ${deployCommand(target)} puts the declared ones into it; ` +
            `if a cert.pem was replaced, retype saml/certificate and saml/pkey on premises from the outputs as well`,
        ),
      );
    }
  }

  const pkeyCertificate = certificateBodyOf(target.outputs.options.saml.certificate);
  if (pkeyCertificate === undefined) {
    results.push(fail(tpId, tpTitle, "saml/certificate of the outputs is not a base64 certificate", `deploy the tenant: ${deployCommand(target)}`));
  } else if (held.includes(pkeyCertificate)) {
    results.push(pass(tpId, tpTitle, `saml/certificate ${name(pkeyCertificate)} is among the ${held.length} certificate(s) it trusts`));
  } else {
    results.push(
      fail(
        tpId,
        tpTitle,
        `saml/certificate ${name(pkeyCertificate)} is not among those it trusts (${list(held)})`,
        `agents sign with saml/pkey of the transaction object, and Genesys Cloud refuses their assertions: ${deployCommand(target)} makes the identity provider trust the key the outputs carry ` +
          `(during a key rollover, deploy the stage the tenants file declares)`,
      ),
    );
  }

  if (declared !== undefined) {
    const extra = held.filter((c) => !declared!.includes(c));
    results.push(
      extra.length === 0
        ? pass(reId, reTitle, `it trusts ${held.length} certificate(s), all declared`)
        : warn(
            reId,
            reTitle,
            `it still trusts ${list(extra)}, which the tenants file does not declare${target.tenant.saml.rollover?.stage === "retire" ? " at the retire stage" : ""}`,
            `a key that certificate belongs to still gets agents' tokens: ${deployCommand(target)} removes it (the retire stage of a key rollover does); if it was added by hand, find out who holds its key`,
          ),
    );
  } else {
    results.push(skipped(reId, reTitle, "needs the tenant's certificate files"));
  }
  return results;
}

/** The identity provider's form (base64 DER) of `saml/certificate` (base64 of cert.pem), or undefined. */
function certificateBodyOf(samlCertificate: string): string | undefined {
  try {
    return parseCertificate(decodeOpensslBase64(samlCertificate, "saml/certificate"), "saml/certificate").pemBody;
  } catch (err) {
    if (err instanceof CertError) return undefined;
    throw err;
  }
}
