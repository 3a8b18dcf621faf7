import { generateRsaKeyPair, type RsaKeyPair } from "../../core/certs/key-pair";
import { createSelfSignedCertificate } from "../../core/certs/self-signed-certificate";
import { buildAssertion, signAssertion, type AssertionProps } from "../../services/doctor/saml-assertion";
import { GENERIC_PATH, IDENTITY_PROVIDERS_PATH, PUREENGAGE_PATH, SAML2_BEARER_GRANT, USERS_SEARCH_PATH } from "../../genesys-cloud-double";
import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { basicAuth, getJson, postJson, putJson, send, tokenFor } from "./http";

const ISSUER = "https://engage.acme.example/pureengage";
const AUDIENCE = "https://login.mypurecloud.ie/oauth/token";
const AGENT = "agent.one@acme.com";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

interface Signer {
  keys: RsaKeyPair;
  certPem: string;
  certBody: string;
}

function signer(): Signer {
  const keys = generateRsaKeyPair(2048);
  const certPem = createSelfSignedCertificate({ keys, subject: { commonName: "acme SAML", organization: "acme" }, days: 30, now: new Date() });
  return { keys, certPem, certBody: certPem.split("\n").filter((l) => l && !l.startsWith("-----")).join("") };
}

describe("fake Genesys Cloud: the SAML2 Bearer grant of POST /oauth/token", () => {
  // One key pair for the file: RSA generation is the slow part.
  const good = signer();
  const other = signer();
  let fake: GenesysCloudDouble;
  let admin: string;
  let client: { id: string; secret: string };
  let now: number;

  function assertion(overrides: Partial<AssertionProps> = {}, by: Signer = good): string {
    const { xml } = buildAssertion({ issuer: ISSUER, nameId: AGENT, audience: AUDIENCE, now: new Date(now), ...overrides });
    return signAssertion(xml, by.keys.privateKeyPem, by.certPem);
  }

  function exchange(xml: string, opts: { orgName?: string; id?: string; secret?: string } = {}) {
    const form = new URLSearchParams({ grant_type: SAML2_BEARER_GRANT, orgName: opts.orgName ?? "acme", assertion: Buffer.from(xml).toString("base64") });
    return send(fake, "POST", "/oauth/token", { headers: { ...FORM, Authorization: basicAuth(opts.id ?? client.id, opts.secret ?? client.secret) }, body: form.toString() });
  }

  const idp = (extra: Record<string, unknown> = {}) =>
    putJson(fake, PUREENGAGE_PATH, admin, { name: "Genesys Engage", issuerURI: ISSUER, certificate: good.certBody, autoProvisionUsers: true, disabled: false, ...extra });

  beforeEach(async () => {
    now = Date.parse("2030-01-01T10:00:00Z");
    fake = await GenesysCloudDouble.start({ now: () => now });
    const creds = fake.addOrg({ id: "org-a", shortName: "acme" });
    fake.addOrg({ id: "org-b", shortName: "globex" });
    admin = await tokenFor(fake, creds);
    const made = await postJson(fake, "/api/v2/oauth/clients", admin, {
      name: "PureEngage SAML2 Bearer",
      authorizedGrantType: "SAML2-BEARER",
      accessTokenValiditySeconds: 3600,
      scope: ["users:readonly"],
    });
    client = { id: made.body.id, secret: made.body.secret };
    expect((await idp()).status).toBe(200);
  });
  afterEach(() => fake.stop());

  test("a signed assertion for a new agent gets a token for the client's lifetime, and the agent is provisioned into employee", async () => {
    // given the org's PureEngage identity provider auto-provisions users, and no user yet
    expect(fake.users("org-a")).toEqual([]);

    // when the agent's assertion is exchanged
    const res = await exchange(assertion());

    // then a bearer token comes back for the SAML2 Bearer client's lifetime
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 3600 });
    // and the agent exists, active, with the employee role only
    const users = fake.users("org-a");
    expect(users).toEqual([expect.objectContaining({ email: AGENT, username: AGENT, state: "active", roleIds: [fake.role("org-a", "employee")!.id] })]);
    // and the token acts in the org
    expect((await getJson(fake, "/api/v2/authorization/divisions/home", res.body.access_token)).status).toBe(200);
    // and a second login finds the same user instead of making another
    expect((await exchange(assertion())).status).toBe(200);
    expect(fake.users("org-a")).toHaveLength(1);
  });

  test("the users API finds the provisioned agent by e-mail and reads and replaces its roles", async () => {
    // given a provisioned agent
    await exchange(assertion());
    // when an administrator searches for the agent by e-mail address (any case)
    const search = await postJson(fake, USERS_SEARCH_PATH, admin, { query: [{ type: "EXACT", fields: ["email"], value: AGENT.toUpperCase() }] });
    // then one user is found, in the UsersSearchResponse shape
    expect(search.status).toBe(200);
    expect(search.body).toEqual(expect.objectContaining({ total: 1, pageNumber: 1, types: ["users"], results: [expect.objectContaining({ email: AGENT, state: "active" })] }));
    const id = search.body.results[0].id;
    // and its roles read as UserAuthorization
    const roles = await getJson(fake, `/api/v2/users/${id}/roles`, admin);
    expect(roles.body.roles).toEqual([{ id: fake.role("org-a", "employee")!.id, name: "employee" }]);
    // and replacing them with none takes effect
    const put = await send(fake, "PUT", `/api/v2/users/${id}/roles`, { headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" }, body: "[]" });
    expect(put.status).toBe(200);
    expect((await getJson(fake, `/api/v2/users/${id}/roles`, admin)).body.roles).toEqual([]);
    // and an unknown user, an unknown role and an unsupported search type are refused
    expect((await getJson(fake, "/api/v2/users/nobody/roles", admin)).status).toBe(404);
    const badRole = await send(fake, "PUT", `/api/v2/users/${id}/roles`, { headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" }, body: '["nope"]' });
    expect(badRole.status).toBe(400);
    expect((await postJson(fake, USERS_SEARCH_PATH, admin, { query: [{ type: "CONTAINS", fields: ["email"], value: "a" }] })).status).toBe(400);
    expect((await postJson(fake, USERS_SEARCH_PATH, admin, {})).status).toBe(400);
  });

  test("GET /api/v2/identityproviders lists the PureEngage and the Generic provider", async () => {
    // given a Generic SSO provider besides PureEngage
    expect((await putJson(fake, GENERIC_PATH, admin, { name: "Okta", issuerURI: "http://www.okta.com/x", certificate: other.certBody })).status).toBe(200);
    // when the list is read
    const res = await getJson(fake, IDENTITY_PROVIDERS_PATH, admin);
    // then both are in it with their issuers
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ total: 2, pageCount: 1 }));
    expect(res.body.entities.map((p: { id: string; issuerURI: string }) => [p.id, p.issuerURI])).toEqual([["pureengage", ISSUER], ["generic", "http://www.okta.com/x"]]);
    // and a Generic provider without issuer is refused
    expect((await putJson(fake, GENERIC_PATH, admin, { name: "x", certificate: other.certBody })).status).toBe(400);
  });

  test.each<[string, () => Promise<unknown> | void, () => string, RegExp]>([
    ["autoProvisionUsers off, for a user that does not exist", () => idp({ autoProvisionUsers: false }), () => assertion(), /does not auto-provision users/],
    ["the identity provider disabled", () => idp({ disabled: true }), () => assertion(), /is disabled/],
    ["an issuer one character off", undefined as never, () => assertion({ issuer: `${ISSUER}/` }), /No identity provider of the organization has issuer/],
    ["two providers with the issuer", () => putJson(fake, GENERIC_PATH, admin, { name: "dup", issuerURI: ISSUER, certificate: good.certBody }), () => assertion(), /2 identity providers .* have issuer/],
    ["a key that does not match the provider's certificate", undefined as never, () => assertion({}, other), /signature does not verify/],
    ["the provider's certificate replaced", () => idp({ certificate: other.certBody }), () => assertion(), /signature does not verify/],
    ["an expired assertion", undefined as never, () => assertion({ now: new Date(now - 600_000) }), /expired/],
    ["an assertion not valid yet", undefined as never, () => assertion({ now: new Date(now + 60_000) }), /not valid before/],
    ["another audience", undefined as never, () => assertion({ audience: "https://login.example.com/oauth/token" }), /audience/],
    ["a NameID that is not an e-mail address", undefined as never, () => assertion({ nameId: "agent1" }), /not an e-mail address/],
    ["an unsigned assertion", undefined as never, () => buildAssertion({ issuer: ISSUER, nameId: AGENT, audience: AUDIENCE, now: new Date(now) }).xml, /one enveloped ds:Signature/],
  ])("refuses %s with 400 invalid_grant and provisions no one", async (_case, breakIt, xml, description) => {
    // given the org broken that way
    if (breakIt) await breakIt();
    // when the assertion is exchanged
    const res = await exchange(xml());
    // then the login service answers invalid_grant with the reason
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "invalid_grant", description: expect.stringMatching(description), error_description: expect.any(String) });
    expect(fake.users("org-a")).toEqual([]);
  });

  describe("an identity provider that trusts two certificates (a key rollover)", () => {
    const status = async (by: Signer) => (await exchange(assertion({}, by))).status;

    test("with both listed, an assertion signed by either key gets a token, whichever is `certificate`", async () => {
      // given publish: certificate the current key's, both listed
      expect((await idp({ certificate: good.certBody, certificates: [good.certBody, other.certBody] })).status).toBe(200);
      // then both keys log in
      expect([await status(good), await status(other)]).toEqual([200, 200]);
      // and at switch, certificate the next key's, both still listed: both still log in
      expect((await idp({ certificate: other.certBody, certificates: [other.certBody, good.certBody] })).status).toBe(200);
      expect([await status(good), await status(other)]).toEqual([200, 200]);
    });

    test("with one removed from the list (and from certificate), its key is refused and the other still gets a token", async () => {
      // given both trusted, then the current key retired: certificate and certificates the next key's only
      expect((await idp({ certificate: good.certBody, certificates: [good.certBody, other.certBody] })).status).toBe(200);
      expect((await idp({ certificate: other.certBody, certificates: [other.certBody] })).status).toBe(200);
      // then the retired key is refused, the remaining one logs in
      const refused = await exchange(assertion({}, good));
      expect({ status: refused.status, error: refused.body.error, description: refused.body.description }).toEqual({
        status: 400,
        error: "invalid_grant",
        description: expect.stringMatching(/signature does not verify/),
      });
      expect(await status(other)).toBe(200);
    });

    test("an org that stores the list without honouring it (samlCertificates: certificate-only) verifies with `certificate` alone", async () => {
      // given such an org, whose provider lists both keys
      const creds = fake.addOrg({ id: "org-d", shortName: "umbrella", samlCertificates: "certificate-only" });
      const token = await tokenFor(fake, creds);
      const made = await postJson(fake, "/api/v2/oauth/clients", token, { name: "saml2", authorizedGrantType: "SAML2-BEARER", scope: ["users:readonly"] });
      const body = { issuerURI: "https://engage.umbrella.example/pureengage", certificate: good.certBody, certificates: [good.certBody, other.certBody], autoProvisionUsers: true };
      expect((await putJson(fake, PUREENGAGE_PATH, token, body)).status).toBe(200);
      const login = async (by: Signer) => {
        const { xml } = buildAssertion({ issuer: body.issuerURI, nameId: "agent@umbrella.com", audience: AUDIENCE, now: new Date(now) });
        const form = new URLSearchParams({ grant_type: SAML2_BEARER_GRANT, orgName: "umbrella", assertion: Buffer.from(signAssertion(xml, by.keys.privateKeyPem, by.certPem)).toString("base64") });
        return (await send(fake, "POST", "/oauth/token", { headers: { ...FORM, Authorization: basicAuth(made.body.id, made.body.secret) }, body: form.toString() })).status;
      };
      // then the list is stored and answered, but only `certificate`'s key logs in
      expect(fake.identityProvider("org-d")?.certificates).toEqual([good.certBody, other.certBody]);
      expect([await login(good), await login(other)]).toEqual([200, 400]);
    });
  });

  test("tolerates 10 seconds of clock skew, no more", async () => {
    expect((await exchange(assertion({ now: new Date(now + 9_000) }))).status).toBe(200);
    expect((await exchange(assertion({ now: new Date(now + 11_000) }))).status).toBe(400);
  });

  test("an existing user still logs in when auto-provisioning is off", async () => {
    // given a user provisioned earlier, then auto-provisioning switched off
    expect((await exchange(assertion())).status).toBe(200);
    await idp({ autoProvisionUsers: false });
    // when the user logs in again, then the exchange succeeds
    expect((await exchange(assertion())).status).toBe(200);
  });

  test("a modified signed assertion is refused (the signature covers the NameID)", async () => {
    // given a valid signed assertion whose NameID is then changed
    const tampered = assertion().replace(`>${AGENT}<`, ">boss@acme.com<");
    expect(tampered).toContain("boss@acme.com");
    // when it is exchanged, then it is refused
    const res = await exchange(tampered);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_grant");
    expect(fake.users("org-a")).toEqual([]);
  });

  test.each<[string, () => { orgName?: string; id?: string; secret?: string }, number, string]>([
    ["a wrong client secret", () => ({ secret: "wrong-secret" }), 401, "invalid_client"],
    ["a client of another grant type", () => ({ id: "admin" }), 400, "unauthorized_client"],
    ["an unknown orgName", () => ({ orgName: "nosuchorg" }), 400, "invalid_grant"],
    ["the orgName of another org", () => ({ orgName: "globex" }), 401, "invalid_client"],
  ])("refuses %s", async (_case, opts, status, error) => {
    const o = opts();
    if (o.id === "admin") {
      // the org's client-credentials admin client, with its real secret
      const creds = fake.addOrg({ id: "org-c", shortName: "initech", adminClient: { id: "cc-client", secret: "cc-secret-123" } });
      o.id = creds.adminClientId;
      o.secret = creds.adminClientSecret;
      o.orgName = "initech";
    }
    const res = await exchange(assertion(), o);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
  });

  test("requires orgName and assertion (400 invalid_request)", async () => {
    const missing = (form: Record<string, string>) =>
      send(fake, "POST", "/oauth/token", { headers: { ...FORM, Authorization: basicAuth(client.id, client.secret) }, body: new URLSearchParams({ grant_type: SAML2_BEARER_GRANT, ...form }).toString() });
    expect((await missing({ assertion: "PHg+" })).body.error).toBe("invalid_request");
    expect((await missing({ orgName: "acme" })).body.error).toBe("invalid_request");
    expect((await missing({ orgName: "acme", assertion: Buffer.from("not xml").toString("base64") })).body.error).toBe("invalid_grant");
  });
});
