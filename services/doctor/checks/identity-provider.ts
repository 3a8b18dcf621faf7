import { fingerprintOf, readCertificate } from "../../../core/certs/certificate-check";
import { CertError } from "../../../core/certs/errors";
import { IDENTITY_PROVIDERS_PATH, PUREENGAGE_IDP_PATH } from "../../../core/genesys/api-paths";
import { CheckResult, fail, pass, skipped } from "../check-result";
import { describeAnswer } from "../../../core/genesys/api-client";
import { DoctorTarget, deployCommand } from "../doctor-target";

const IDS = {
  exists: ["identity-provider", "PureEngage identity provider exists"],
  autoProvision: ["idp-auto-provision", "identity provider auto-provisions users"],
  enabled: ["idp-enabled", "identity provider is enabled"],
  issuer: ["idp-issuer", "identity provider issuerURI equals saml/issuer exactly"],
  certificate: ["idp-certificate", "identity provider certificate is the tenant's cert.pem"],
  unique: ["idp-unique-issuer", "no other identity provider of the org has that issuer"],
} as const;

const compact = (s: string) => s.replace(/\s+/g, "");
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
 * users, is enabled, its issuerURI is `saml/issuer` exactly, its certificate is cert.pem's body,
 * and no other identity provider of the org claims the same issuer.
 */
export async function checkIdentityProvider(target: DoctorTarget, token: string | undefined): Promise<CheckResult[]> {
  const all = Object.values(IDS);
  if (!token) return all.map(([id, title]) => skipped(id, title, "needs the ewt token, which failed"));
  const url = new URL(PUREENGAGE_IDP_PATH, target.serviceUrl).href;
  const res = await target.http.get(url, token);
  if (res.status !== 200) {
    const [id, title] = IDS.exists;
    const fix = res.status === 404 ? `the identity provider was deleted: ${deployCommand(target)} creates it again` : `see the answer; the ewt client holds the admin role, which may read identity providers`;
    return [fail(id, title, `GET ${url}: ${describeAnswer(res)}`, fix), ...all.slice(1).map(([i, t]) => skipped(i, t, "no identity provider to check"))];
  }
  const idp = res.body as { name?: string; autoProvisionUsers?: boolean; disabled?: boolean; issuerURI?: string; certificate?: string; certificates?: string[] };
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

  const [ceId, ceTitle] = IDS.certificate;
  try {
    const cert = readCertificate(target.tenant.saml.certificate);
    const held = [idp.certificate, ...(idp.certificates ?? [])].filter((c): c is string => !!c).map(compact);
    const compared = `identity provider ${held.length ? held.map(fingerprint).join(", ") : "has no certificate"} vs ${target.tenant.saml.certificate} ${fingerprint(cert.pemBody)}`;
    results.push(
      held.includes(cert.pemBody)
        ? pass(ceId, ceTitle, compared)
        : fail(
            ceId,
            ceTitle,
            compared,
            `the identity provider verifies agents' assertions with its certificate: ${deployCommand(target)} puts cert.pem into it; ` +
              `if cert.pem was replaced, retype saml/certificate and saml/pkey on premises from the outputs as well`,
          ),
    );
  } catch (err) {
    if (!(err instanceof CertError)) throw err;
    results.push(fail(ceId, ceTitle, err.message, `restore ${target.tenant.saml.certificate}, or make a set with \`hybrid certs create --tenant ${target.tenant.name}\` and deploy`));
  }

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
  return results;
}
