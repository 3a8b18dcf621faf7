import { randomBytes, type KeyObject } from "node:crypto";
import { SignedXml } from "xml-crypto";
import { create } from "xmlbuilder2";

export const SAML_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const EMAIL_NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const AUTHN_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";
export const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
export const EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

export interface AssertionProps {
  /** `saml/issuer`: the identity provider's `issuerURI`. */
  readonly issuer: string;
  /** The user's e-mail address (Genesys Cloud user name). */
  readonly nameId: string;
  /**
   * The authorization server the assertion is meant for: the token endpoint URL
   * (`general/base_auth_url`), as RFC 7522 section 3 allows. Also the bearer confirmation's Recipient.
   */
  readonly audience: string;
  readonly now: Date;
  /** How long the assertion may be exchanged. @default 300 */
  readonly lifetimeSeconds?: number;
  /** @default a random `_` + 32 hex digits */
  readonly id?: string;
}

const xsDateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * An unsigned SAML 2.0 assertion for the SAML2 Bearer grant (RFC 7522 section 3): issuer,
 * subject with a bearer confirmation (Recipient the token endpoint, NotOnOrAfter), conditions
 * (NotBefore, NotOnOrAfter, AudienceRestriction) and an authentication statement. Built with
 * xmlbuilder2, so user values are escaped, never spliced into markup.
 */
export function buildAssertion(props: AssertionProps): { xml: string; id: string } {
  const id = props.id ?? `_${randomBytes(16).toString("hex")}`;
  const issued = xsDateTime(props.now);
  const expires = xsDateTime(new Date(props.now.getTime() + (props.lifetimeSeconds ?? 300) * 1000));
  const ns = SAML_ASSERTION_NS;
  const root = create().ele(ns, "saml:Assertion", { ID: id, Version: "2.0", IssueInstant: issued });
  root.ele(ns, "saml:Issuer").txt(props.issuer);
  const subject = root.ele(ns, "saml:Subject");
  subject.ele(ns, "saml:NameID", { Format: EMAIL_NAME_ID }).txt(props.nameId);
  subject
    .ele(ns, "saml:SubjectConfirmation", { Method: BEARER })
    .ele(ns, "saml:SubjectConfirmationData", { NotOnOrAfter: expires, Recipient: props.audience });
  root
    .ele(ns, "saml:Conditions", { NotBefore: issued, NotOnOrAfter: expires })
    .ele(ns, "saml:AudienceRestriction")
    .ele(ns, "saml:Audience")
    .txt(props.audience);
  root
    .ele(ns, "saml:AuthnStatement", { AuthnInstant: issued })
    .ele(ns, "saml:AuthnContext")
    .ele(ns, "saml:AuthnContextClassRef")
    .txt(AUTHN_UNSPECIFIED);
  return { xml: root.end({ headless: true }), id };
}

/**
 * Signs an assertion with an enveloped XML signature (RSA-SHA256, SHA-256 digest, exclusive
 * canonicalization), placed after the Issuer as the SAML schema orders it, with the certificate
 * in KeyInfo. xml-crypto does the work; nothing is canonicalized or signed by hand.
 */
export function signAssertion(xml: string, privateKey: KeyObject | string, certificatePem: string): string {
  const sig = new SignedXml({
    privateKey: typeof privateKey === "string" ? privateKey : privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
    publicCert: certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  sig.addReference({
    xpath: "/*[local-name()='Assertion' and namespace-uri()='urn:oasis:names:tc:SAML:2.0:assertion']",
    digestAlgorithm: SHA256,
    transforms: [ENVELOPED, EXCLUSIVE_C14N],
  });
  sig.computeSignature(xml, {
    prefix: "ds",
    location: { reference: "/*/*[local-name()='Issuer']", action: "after" },
  });
  return sig.getSignedXml();
}
