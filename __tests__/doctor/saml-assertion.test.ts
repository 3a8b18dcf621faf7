/**
 * The assertion `hybrid doctor` signs, cross-checked by an independent implementation
 * (xmlsec1, Debian package `xmlsec1`), and the SDK-made exchange against the double.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DOMParser } from "@xmldom/xmldom";
import { generateRsaKeyPair } from "../../core/certs/key-pair";
import { createSelfSignedCertificate } from "../../core/certs/self-signed-certificate";
import { buildAssertion, signAssertion } from "../../services/doctor/saml-assertion";
import { exchangeSaml2Bearer } from "../../services/doctor/saml2-bearer-exchange";
import { GenesysCloudDouble, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { postJson, putJson, tokenFor } from "../genesys-cloud-double/http";
import { pemBody } from "../../core/certs/pem";

const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
const ISSUER = "https://engage.acme.example/pureengage?tenant=a&b=<c>";
const AUDIENCE = "https://login.mypurecloud.ie/oauth/token";
const AGENT = "agent.two@acme.com";

const keys = generateRsaKeyPair(2048);
const certPem = createSelfSignedCertificate({ keys, subject: { commonName: "acme SAML", organization: "acme" }, days: 30, now: new Date() });
const certBody = pemBody(certPem, "CERTIFICATE", "certificate");
const dir = mkdtempSync(join(tmpdir(), "doctor-xmlsec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function signed(nameId = AGENT): string {
  const { xml } = buildAssertion({ issuer: ISSUER, nameId, audience: AUDIENCE, now: new Date() });
  return signAssertion(xml, keys.privateKeyPem, certPem);
}

/** `xmlsec1 --verify` of `xml` with the certificate's public key: its exit code and what it printed. */
function xmlsec1Verify(xml: string, name: string): { code: number | null; out: string } {
  const file = join(dir, `${name}.xml`);
  const cert = join(dir, "cert.pem");
  writeFileSync(file, xml);
  writeFileSync(cert, certPem);
  const r = spawnSync("xmlsec1", ["--verify", "--pubkey-cert-pem", cert, "--id-attr:ID", `${SAML}:Assertion`, file], { encoding: "utf8" });
  if (r.error) throw new Error(`xmlsec1 is not installed (Debian package xmlsec1): ${r.error.message}`);
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("the doctor's SAML assertion", () => {
  test("xmlsec1 verifies the signature the doctor makes", () => {
    // given an assertion built and signed by the doctor
    const xml = signed();
    // when xmlsec1 verifies it with the certificate
    const r = xmlsec1Verify(xml, "good");
    // then it is valid
    expect({ code: r.code, ok: /^OK$/m.test(r.out), refs: /SignedInfo References \(ok\/all\): 1\/1/.test(r.out) }).toEqual({ code: 0, ok: true, refs: true });
  });

  test("carries user values as text, escaped, and the SAML elements Genesys Cloud reads", () => {
    // given an issuer with XML's special characters
    const doc = new DOMParser().parseFromString(signed(), "text/xml").documentElement!;
    const text = (name: string) => doc.getElementsByTagNameNS(SAML, name)[0]?.textContent;
    // then it reads back unchanged, beside the NameID and audience
    expect([text("Issuer"), text("NameID"), text("Audience")]).toEqual([ISSUER, AGENT, AUDIENCE]);
    // and the signature is enveloped right after the Issuer, RSA-SHA256 with exclusive canonicalization
    expect(doc.getElementsByTagNameNS(SAML, "Issuer")[0].nextSibling?.localName).toBe("Signature");
    const algorithms = ["SignatureMethod", "CanonicalizationMethod"].map((n) => doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", n)[0].getAttribute("Algorithm"));
    expect(algorithms).toEqual(["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/10/xml-exc-c14n#"]);
  });

  describe("against the double, through Genesys's SDK", () => {
    let fake: GenesysCloudDouble;
    let client: { id: string; secret: string };
    beforeAll(async () => {
      fake = await GenesysCloudDouble.start();
      const admin = await tokenFor(fake, fake.addOrg({ id: "org-a", shortName: "acme" }));
      const made = await postJson(fake, "/api/v2/oauth/clients", admin, { name: "SAML2", authorizedGrantType: "SAML2-BEARER", accessTokenValiditySeconds: 7200, scope: ["users:readonly"] });
      client = { id: made.body.id, secret: made.body.secret };
      expect((await putJson(fake, PUREENGAGE_PATH, admin, { issuerURI: ISSUER, certificate: certBody, autoProvisionUsers: true })).status).toBe(200);
    });
    afterAll(() => fake.stop());

    const exchange = (xml: string) => exchangeSaml2Bearer({ tokenUrl: `${fake.url}/oauth/token`, clientId: client.id, clientSecret: client.secret, orgName: "acme", assertionXml: xml });

    test("the SDK's loginSaml2BearerGrant, pointed at loopback http, gets a token for the client's lifetime", async () => {
      const r = await exchange(signed());
      expect(r).toEqual({ ok: true, accessToken: expect.any(String), expiresInSeconds: expect.any(Number) });
      expect(Math.abs((r as { expiresInSeconds: number }).expiresInSeconds - 7200)).toBeLessThanOrEqual(2);
      expect(fake.requests.filter((q) => q.path === "/oauth/token").at(-1)).toEqual(expect.objectContaining({ method: "POST", status: 200, headerNames: expect.arrayContaining(["Authorization", "Content-Type"]) }));
    });

    test("an assertion xmlsec1 calls tampered is refused by the double with invalid_grant", async () => {
      // given a signed assertion whose NameID was changed afterwards
      const tampered = signed().replace(`>${AGENT}<`, ">admin@acme.com<");
      expect(tampered).toContain(">admin@acme.com<");
      // when xmlsec1 verifies it, then it fails
      const r = xmlsec1Verify(tampered, "tampered");
      expect({ code: r.code, failed: /^FAIL$/m.test(r.out) }).toEqual({ code: 1, failed: true });
      // and the double refuses to exchange it, provisioning no one
      const before = fake.users("org-a").length;
      expect(await exchange(tampered)).toEqual({ ok: false, status: 400, error: "invalid_grant", description: expect.stringMatching(/signature does not verify/) });
      expect(fake.users("org-a").length).toBe(before);
    });

    test("a network failure is reported without the request (no credential in it)", async () => {
      const r = await exchangeSaml2Bearer({ tokenUrl: "http://127.0.0.1:9/oauth/token", clientId: client.id, clientSecret: client.secret, orgName: "acme", assertionXml: signed(), timeoutMs: 5000 });
      expect(r).toEqual({ ok: false, networkError: "ECONNREFUSED" });
    });
  });
});
