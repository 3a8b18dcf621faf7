import { existsSync } from "node:fs";
import type { X509Certificate } from "node:crypto";
import { readCertificate, type CertificateInfo } from "../../../core/certs/certificate-check";
import { CertError } from "../../../core/certs/errors";
import { readPrivateKey } from "../../../core/certs/private-key";
import { declaredPureEngageFields, trustedCertificates } from "../../../core/contract/pureengage-fields";
import { type TenantKeySet, tenantKeySets } from "../../../core/contract/signing-set";
import { CheckResult, fail, pass, skipped, warn } from "../check-result";
import { deployCommand, type DoctorTarget } from "../doctor-target";
import type { IdentityProviderAnswer } from "./identity-provider";
import type { SigningMaterial } from "./signing-key";
import { exchangeSetup, signedExchange } from "./token-exchange";

const HARD_CUT = `docs/certs.md, "The hard cut"`;

/** The key of a set, when it is at hand: key.pem, else key.pem.enc with its password variable; else why not. */
function keyAtHand(set: TenantKeySet, certificate: CertificateInfo, env: NodeJS.ProcessEnv): SigningMaterial | { missing: string } {
  const matches = (x509: X509Certificate, material: SigningMaterial) => {
    try {
      return x509.checkPrivateKey(material.key);
    } catch {
      return false;
    }
  };
  const tried: string[] = [];
  try {
    if (existsSync(set.privateKeyFile)) {
      const material = { key: readPrivateKey(set.privateKeyFile).key, certificatePem: certificate.pem };
      if (matches(certificate.x509, material)) return material;
      tried.push(`${set.privateKeyFile} is not its key`);
    }
    const password = env[`TF_VAR_${set.passwordVariable}`];
    if (existsSync(set.encryptedKeyFile) && password) {
      const material = { key: readPrivateKey(set.encryptedKeyFile, password).key, certificatePem: certificate.pem };
      if (matches(certificate.x509, material)) return material;
      tried.push(`${set.encryptedKeyFile} is not its key`);
    }
  } catch (err) {
    if (!(err instanceof CertError)) throw err;
    tried.push(err.message);
  }
  return {
    missing:
      tried.join("; ") ||
      `neither ${set.privateKeyFile} nor ${set.encryptedKeyFile} with TF_VAR_${set.passwordVariable} set (the password a deploy takes) is at hand`,
  };
}

/**
 * During a key rollover, the tenant's other key set, the one the outputs do not carry (the next key
 * at publish, the current key at switch, the retired one at retire), through the SAML2 Bearer
 * exchange with its own key, when that key is at hand: a key the identity provider is declared to
 * trust must get a token (at publish, the proof that the next key works before anyone switches);
 * a retired key must be refused. The key the outputs carry is `saml2-bearer-exchange`'s.
 */
export async function checkTrustedKeys(target: DoctorTarget, idp: IdentityProviderAnswer | undefined): Promise<CheckResult[]> {
  const sets = tenantKeySets(target.tenant);
  if (sets.length < 2) return [];
  const certificates = new Map<TenantKeySet, CertificateInfo>();
  for (const set of sets) {
    try {
      certificates.set(set, readCertificate(set.certificateFile));
    } catch (err) {
      if (!(err instanceof CertError)) throw err;
    }
  }
  const body = (role: TenantKeySet["role"]) => [...certificates].find(([s]) => s.role === role)?.[1].pemBody;
  const current = body("current");
  const next = body("next");
  const declared = current && next ? declaredPureEngageFields(target.tenant, { current, next }).certificates : undefined;
  const held = idp ? trustedCertificates(idp) : [];
  const stage = target.tenant.saml.rollover!.stage;
  const results: CheckResult[] = [];

  for (const set of sets) {
    const certificate = certificates.get(set);
    if (certificate === undefined || declared === undefined) continue; // idp-certificate names the unreadable file
    if (target.outputs.options.saml.certificate && samePem(certificate, target.outputs.options.saml.certificate)) continue; // saml2-bearer-exchange's
    const trusted = declared.includes(certificate.pemBody);
    const id = trusted ? `exchange-${set.role}-key` : "retired-key-refused";
    const title = trusted
      ? `SAML2 Bearer exchange signed with the ${set.role} key (${set.certificateFile}) returns an access token`
      : `SAML2 Bearer exchange signed with the retired key (${set.certificateFile}) is refused`;
    const setup = exchangeSetup(target);
    if (!setup.ok) {
      results.push(setup.adopted ? skipped(id, title, setup.reason) : fail(id, title, setup.reason, `deploy the tenant: ${deployCommand(target)}`));
      continue;
    }
    const material = keyAtHand(set, certificate, target.env);
    if ("missing" in material) {
      results.push(skipped(id, title, `its key is not at hand: ${material.missing}`));
      continue;
    }
    const { what, answer, got } = await signedExchange(target, setup, material);
    const signedWith = `signed with ${set.certificateFile}'s key; ${what}`;
    if (answer.ok === false && answer.status === undefined) {
      results.push(fail(id, title, `${signedWith}: ${got}`, `see the answer; the firewall must let ${new URL(target.authUrl).host} through`));
    } else if (trusted && answer.ok) {
      results.push(pass(id, title, `${signedWith}: 200, access token`));
    } else if (trusted) {
      const listed = held.includes(certificate.pemBody);
      const fix = !listed
        ? `the identity provider does not trust it: ${deployCommand(target)} (stage ${stage}) adds it`
        : set.role === "next"
          ? `Genesys Cloud lists the next certificate but refused its key: this org does not honour the identity provider's certificates list for PureEngage, so agents would fail after the switch. ` +
            `Do not switch: remove saml.rollover and deploy, then rotate with the hard cut (${HARD_CUT})`
          : `Genesys Cloud lists the current certificate but refused its key: this org does not honour the identity provider's certificates list for PureEngage, so agents whose ` +
            `transaction object still holds the current key fail: import the switch-stage export into Configuration Server now (${HARD_CUT})`;
      results.push(fail(id, title, `${signedWith}: ${got}`, fix));
    } else if (answer.ok) {
      results.push(
        warn(id, title, `${signedWith}: 200, access token: the retired key still logs agents in`, `${deployCommand(target)} deploys the ${stage} stage, which stops trusting it`),
      );
    } else {
      results.push(pass(id, title, `${signedWith}: refused (${got})`));
    }
  }
  return results;
}

/** Whether `samlCertificate` (the base64 of a cert.pem, as the outputs carry it) is this certificate. */
function samePem(certificate: CertificateInfo, samlCertificate: string): boolean {
  return Buffer.from(samlCertificate.replace(/\s+/g, ""), "base64").equals(certificate.bytes);
}
