import type { KeyObject, X509Certificate } from "node:crypto";
import { certificateValidity, isoDate, parseCertificate, readCertificate, type CertificateInfo } from "../../../core/certs/certificate-check";
import { CertError } from "../../../core/certs/errors";
import { decodeOpensslBase64 } from "../../../core/certs/pem";
import { parsePrivateKey } from "../../../core/certs/private-key";
import { CheckResult, fail, pass, warn } from "../check-result";
import { DoctorTarget } from "../doctor-target";
import { signingSet } from "../../../core/contract/signing-set";

const KEY: [string, string] = ["signing-key", "saml/pkey decrypts with saml/password and matches saml/certificate and cert.pem"];
const EXPIRY: [string, string] = ["certificate-expiry", "signing certificate is valid (warning under 30 days)"];

/** The decrypted signing key and the certificate WDE sends with it, for the token exchange. */
export interface SigningMaterial {
  readonly key: KeyObject;
  readonly certificatePem: string;
}

function matches(x509: X509Certificate, key: KeyObject): boolean {
  try {
    return x509.checkPrivateKey(key);
  } catch {
    return false;
  }
}

/**
 * What Workspace Desktop Edition does with the transaction object before it can sign: decode
 * `saml/pkey` (openssl base64 of key.pem.enc), decrypt it with `saml/password`, and sign with it;
 * the identity provider then verifies with its certificate. So the key must match both
 * `saml/certificate` and the cert.pem the identity provider is deployed from.
 */
export function checkSigningKey(target: DoctorTarget): { results: CheckResult[]; material?: SigningMaterial } {
  const results: CheckResult[] = [];
  // The set the deployed outputs carry: the next one from a key rollover's switch stage on.
  const signing = signingSet(target.tenant, target.outputs.rolloverStage);
  const certFile = signing.certificateFile;
  const passwordVariable = `TF_VAR_${signing.passwordVariable}`;
  let local: CertificateInfo | undefined;
  try {
    local = readCertificate(certFile);
  } catch (err) {
    if (!(err instanceof CertError)) throw err;
  }

  const [keyId, keyTitle] = KEY;
  let material: SigningMaterial | undefined;
  const pkey = (target.outputs.options.saml.pkey ?? undefined);
  const password = (target.outputs.options.saml.password ?? undefined);
  const certB64 = target.outputs.options.saml.certificate;
  if (!pkey || password === undefined || !certB64) {
    results.push(fail(keyId, keyTitle, "saml/pkey, saml/password or saml/certificate missing from the outputs", `deploy the tenant with ${passwordVariable} set`));
  } else {
    try {
      const key = parsePrivateKey(decodeOpensslBase64(pkey, "saml/pkey").toString("utf8"), "saml/pkey", password).key;
      const deployed = parseCertificate(decodeOpensslBase64(certB64, "saml/certificate"), "saml/certificate");
      const withDeployed = matches(deployed.x509, key);
      const withLocal = local ? matches(local.x509, key) : false;
      const compared =
        `key from saml/pkey (${key.asymmetricKeyType?.toUpperCase()} ${key.asymmetricKeyDetails?.modulusLength ?? "?"} bits) ` +
        `${withDeployed ? "matches" : "does NOT match"} saml/certificate (${deployed.fingerprint256.slice(0, 23)}…) and ` +
        `${local ? `${withLocal ? "matches" : "does NOT match"} ${certFile} (${local.fingerprint256.slice(0, 23)}…)` : `${certFile} is unreadable`}`;
      if (withDeployed && withLocal) {
        results.push(pass(keyId, keyTitle, compared));
        material = { key, certificatePem: deployed.pem };
      } else {
        results.push(
          fail(
            keyId,
            keyTitle,
            compared,
            `saml/pkey, saml/certificate and ${certFile} must be one set from \`hybrid certs create\`: restore the set that belongs together ` +
              `(\`hybrid certs inspect certs/${target.tenant.name}\` checks it), deploy (${`npx cdktf deploy ${target.tenant.name}`}), and retype saml/certificate and saml/pkey on premises from the outputs`,
          ),
        );
        // The exchange still shows what Genesys Cloud makes of this key, signed as WDE would sign.
        if (withDeployed) material = { key, certificatePem: deployed.pem };
      }
    } catch (err) {
      if (!(err instanceof CertError)) throw err;
      results.push(
        fail(keyId, keyTitle, err.message, `saml/password must decrypt saml/pkey: set ${passwordVariable} to the key.pem.enc password and deploy, then retype saml/password on premises`),
      );
    }
  }

  const [exId, exTitle] = EXPIRY;
  if (!local) {
    results.push(fail(exId, exTitle, `cannot read ${certFile}`, `restore it, or make a set with \`hybrid certs create --tenant ${target.tenant.name}\` and deploy`));
  } else {
    const v = certificateValidity(local, target.now);
    const compared = `${certFile} valid until ${isoDate(local.notAfter)}: ${v.daysLeft} days left`;
    const rotate = target.tenant.saml.rollover
      ? `a key rollover is under way (stage ${target.tenant.saml.rollover.stage}): take it to the switch stage before then (docs/certs.md, "Rolling the key over")`
      : `roll the key over: \`hybrid certs rotate --tenant ${target.tenant.name} --next\` and the stages of docs/certs.md, "Rolling the key over"`;
    if (v.state === "valid") results.push(pass(exId, exTitle, compared));
    else if (v.state === "expiring") results.push(warn(exId, exTitle, compared, rotate));
    else {
      // Past its expiry agents fail already: no rollover can keep them working, the hard cut is quickest.
      const now = `agents cannot log in with it: rotate it now, \`hybrid certs rotate --tenant ${target.tenant.name}\`, deploy, and retype saml/certificate, saml/pkey and saml/password on premises (docs/certs.md, "The hard cut")`;
      results.push(fail(exId, exTitle, v.state === "expired" ? `${certFile} expired on ${isoDate(local.notAfter)}` : `${certFile} is not valid before ${isoDate(local.notBefore)}`, v.state === "expired" ? now : rotate));
    }
  }
  return { results, material };
}
