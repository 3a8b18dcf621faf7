import { DOMParser, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { REGION_DOMAINS } from "../core/genesys/regions";
import type { Reply } from "./api-error";
import { samlProviders } from "./identity-providers";
import { AuthenticatedClient, ExtensionGrant, oauthError, OAuthAuthority } from "./oauth";
import type { OrgState, RoleState, SamlProvider } from "./org-state";
import { provisionUser, userByEmail } from "./users";

export const SAML2_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:saml2-bearer";

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const DSIG = "http://www.w3.org/2000/09/xmldsig#";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
/** Signature algorithms the grant takes; SHA-1 signatures are refused. */
const SIGNATURE_ALGORITHMS = ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"];
/** Genesys Cloud's documented tolerance for clock skew between it and an identity provider. */
export const CLOCK_SKEW_MS = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The audiences an assertion may name: the token endpoint of a Genesys Cloud region
 * (RFC 7522 section 3: the authorization server, whose token endpoint URL may identify it),
 * or the identity provider's `relyingPartyIdentifier` when it has one.
 */
export function acceptedAudiences(provider: SamlProvider): string[] {
  const regions = Object.values(REGION_DOMAINS).map((domain) => `https://login.${domain}/oauth/token`);
  return [...(provider.relyingPartyIdentifier ? [provider.relyingPartyIdentifier] : []), ...regions];
}

const invalidGrant = (description: string): Reply => oauthError(400, "invalid_grant", description);

function children(parent: Element, ns: string, name: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

const child = (parent: Element | undefined, ns: string, name: string): Element | undefined => (parent ? children(parent, ns, name)[0] : undefined);

function pemOf(body: string): string {
  const compact = body.replace(/\s+/g, "");
  return `-----BEGIN CERTIFICATE-----\n${compact.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function parseXml(xml: string): Element | undefined {
  if (/<!DOCTYPE/i.test(xml)) return undefined;
  try {
    let failed = false;
    const doc = new DOMParser({ onError: (level) => { if (level !== "warning") failed = true; } }).parseFromString(xml, "text/xml");
    return failed ? undefined : (doc.documentElement ?? undefined);
  } catch {
    return undefined;
  }
}

/**
 * Verifies the assertion's enveloped signature with one of the provider's certificates, and
 * answers the signed assertion as xml-crypto canonicalized it: everything read afterwards comes
 * from what the signature covers, so an element wrapped around or beside it cannot stand in.
 */
function verifiedAssertion(xml: string, root: Element, provider: SamlProvider, which: OrgState["samlCertificates"]): { signed: Element } | { problem: string } {
  const signatures = children(root, DSIG, "Signature");
  if (signatures.length !== 1) return { problem: `The assertion must carry one enveloped ds:Signature; it has ${signatures.length}.` };
  const id = root.getAttribute("ID");
  const listed = which === "listed" ? (provider.certificates ?? []) : [];
  const certificates = [provider.certificate, ...listed].filter((c): c is string => !!c);
  let lastProblem = "The assertion's signature does not verify with the identity provider's certificate.";
  for (const certificate of certificates) {
    const sig = new SignedXml({ publicCert: pemOf(certificate) });
    try {
      sig.loadSignature(signatures[0]);
      if (!SIGNATURE_ALGORITHMS.includes(sig.signatureAlgorithm ?? "")) {
        return { problem: `Signature algorithm ${sig.signatureAlgorithm} is not accepted; sign with RSA-SHA256.` };
      }
      const refs = sig.getReferences();
      if (refs.length !== 1 || refs[0].uri !== `#${id}`) return { problem: "The signature must reference the assertion itself (URI #<its ID>), and nothing else." };
      if (!sig.checkSignature(xml)) continue;
    } catch (err) {
      lastProblem = `The assertion's signature does not verify: ${(err as Error).message.split("\n")[0]}`;
      continue;
    }
    const signed = parseXml(sig.getSignedReferences()[0] ?? "");
    if (!signed || signed.namespaceURI !== SAML || signed.localName !== "Assertion" || signed.getAttribute("ID") !== id) {
      return { problem: "The signed reference is not the assertion." };
    }
    return { signed };
  }
  return { problem: lastProblem };
}

/** A time attribute (xs:dateTime) as epoch ms, or undefined when absent; NaN when malformed. */
function time(el: Element | undefined, name: string): number | undefined {
  const value = el?.getAttribute(name);
  return value ? Date.parse(value) : undefined;
}

/** Checks the signed assertion's subject and conditions at `now`; answers the NameID or the problem. */
function subjectAndConditions(assertion: Element, provider: SamlProvider, now: number): { nameId: string } | { problem: string } {
  const conditions = child(assertion, SAML, "Conditions");
  if (!conditions) return { problem: "The assertion has no Conditions (RFC 7522 requires an AudienceRestriction)." };
  const notBefore = time(conditions, "NotBefore");
  const notOnOrAfter = time(conditions, "NotOnOrAfter");
  if (Number.isNaN(notBefore) || Number.isNaN(notOnOrAfter)) return { problem: "Conditions NotBefore/NotOnOrAfter are not xs:dateTime values." };
  if (notBefore !== undefined && now + CLOCK_SKEW_MS < notBefore) return { problem: `The assertion is not valid before ${new Date(notBefore).toISOString()} (Conditions NotBefore).` };
  if (notOnOrAfter !== undefined && now - CLOCK_SKEW_MS >= notOnOrAfter) return { problem: `The assertion expired at ${new Date(notOnOrAfter).toISOString()} (Conditions NotOnOrAfter).` };
  const restrictions = children(conditions, SAML, "AudienceRestriction");
  if (restrictions.length === 0) return { problem: "The assertion has no AudienceRestriction." };
  const accepted = acceptedAudiences(provider);
  for (const r of restrictions) {
    const audiences = children(r, SAML, "Audience").map((a) => (a.textContent ?? "").trim());
    if (!audiences.some((a) => accepted.includes(a))) {
      return { problem: `The assertion's audience (${audiences.join(", ") || "none"}) is not this login service's token endpoint.` };
    }
  }
  const subject = child(assertion, SAML, "Subject");
  const nameId = (child(subject, SAML, "NameID")?.textContent ?? "").trim();
  if (!nameId) return { problem: "The assertion has no Subject NameID." };
  const bearer = subject && children(subject, SAML, "SubjectConfirmation").find((c) => c.getAttribute("Method") === BEARER);
  const data = child(bearer, SAML, "SubjectConfirmationData");
  const dataExpiry = time(data, "NotOnOrAfter");
  if (!bearer || dataExpiry === undefined || Number.isNaN(dataExpiry)) {
    return { problem: `The assertion needs a SubjectConfirmation with Method ${BEARER} and a SubjectConfirmationData NotOnOrAfter.` };
  }
  if (now - CLOCK_SKEW_MS >= dataExpiry) return { problem: `The bearer confirmation expired at ${new Date(dataExpiry).toISOString()}.` };
  if (!EMAIL.test(nameId)) return { problem: `The NameID "${nameId}" is not an e-mail address; Genesys Cloud user names are.` };
  return { nameId };
}

export interface Saml2BearerGrantOptions {
  /** The org whose short name is `orgName`. */
  readonly orgByShortName: (shortName: string) => OrgState | undefined;
}

/**
 * The SAML2 Bearer grant (RFC 7522) as Workspace Desktop Edition uses it: `grant_type`
 * urn:ietf:params:oauth:grant-type:saml2-bearer, `assertion` (base64 of one signed
 * saml:Assertion), `orgName` (the org's short name), the SAML2-BEARER client as Basic credentials.
 *
 * The assertion's issuer must be the `issuerURI` of exactly one identity provider of the org
 * (two providers with one issuer is the seed's troubleshooting case, refused), enabled; its
 * signature must verify with that provider's certificate; conditions and bearer confirmation
 * must hold now (10 s skew); the NameID is the user's e-mail address. An unknown user is created
 * with the `employee` role when the provider auto-provisions users, else refused. The token is
 * the user's, for the client's `accessTokenValiditySeconds`.
 */
export function saml2BearerGrant(opts: Saml2BearerGrantOptions): ExtensionGrant {
  return {
    grantType: SAML2_BEARER_GRANT,
    handle(form: URLSearchParams, client: AuthenticatedClient, authority: OAuthAuthority): Reply {
      if (client.profile.authorizedGrantType !== "SAML2-BEARER") {
        return oauthError(400, "unauthorized_client", "The client is not authorized to use the SAML2 Bearer grant.");
      }
      const orgName = form.get("orgName");
      if (!orgName) return oauthError(400, "invalid_request", "orgName is required.");
      const org = opts.orgByShortName(orgName);
      if (!org) return invalidGrant(`No organization has the short name ${orgName}.`);
      if (org.id !== client.orgId) return oauthError(401, "invalid_client", "Invalid client credentials.");
      const encoded = form.get("assertion");
      if (!encoded) return oauthError(400, "invalid_request", "assertion is required.");
      const xml = Buffer.from(encoded, "base64").toString("utf8");
      const root = parseXml(xml);
      if (!root) return invalidGrant("The assertion is not base64-encoded XML.");
      if (root.namespaceURI !== SAML || root.localName !== "Assertion" || root.getElementsByTagNameNS(SAML, "Assertion").length !== 0) {
        return invalidGrant("The assertion must be exactly one saml:Assertion element.");
      }
      if (root.getAttribute("Version") !== "2.0" || !root.getAttribute("ID")) return invalidGrant("The assertion must have Version 2.0 and an ID.");
      const issuer = (child(root, SAML, "Issuer")?.textContent ?? "").trim();
      if (!issuer) return invalidGrant("The assertion has no Issuer.");
      const providers = samlProviders(org).filter((p) => p.issuerURI === issuer);
      if (providers.length === 0) return invalidGrant(`No identity provider of the organization has issuer ${issuer}.`);
      if (providers.length > 1) return invalidGrant(`${providers.length} identity providers of the organization have issuer ${issuer}; it must name one.`);
      const provider = providers[0];
      if (provider.disabled) return invalidGrant(`The identity provider with issuer ${issuer} is disabled.`);
      const verified = verifiedAssertion(xml, root, provider, org.samlCertificates);
      if ("problem" in verified) return invalidGrant(verified.problem);
      const subject = subjectAndConditions(verified.signed, provider, authority.now());
      if ("problem" in subject) return invalidGrant(subject.problem);
      let user = userByEmail(org, subject.nameId);
      if (!user) {
        if (!("autoProvisionUsers" in provider && provider.autoProvisionUsers)) {
          return invalidGrant(`User ${subject.nameId} does not exist and the identity provider does not auto-provision users.`);
        }
        const employee = Object.values(org.roles).find((r: RoleState) => r.defaultRoleId === "employee");
        user = provisionUser(org, subject.nameId, employee ? [employee] : [], authority.now());
      }
      if (user.state !== "active") return invalidGrant(`User ${subject.nameId} is ${user.state}.`);
      const { token, expiresIn } = authority.issueToken(org.id, client.clientId, client.profile.accessTokenValiditySeconds, user.id);
      return { status: 200, body: { access_token: token, token_type: "bearer", expires_in: expiresIn }, headers: { "Cache-Control": "no-store" } };
    },
  };
}
