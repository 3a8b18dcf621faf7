import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { testCertificatePem } from "../helpers/test-certificate";
import { basicAuth, putJson, requestToken, send, tokenFor } from "./http";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("fake Genesys Cloud: POST /oauth/token (client credentials)", () => {
  let fake: GenesysCloudDouble;
  let now: number;
  beforeEach(async () => {
    now = Date.parse("2025-01-01T00:00:00Z");
    fake = await GenesysCloudDouble.start({ tokenLifetimeSeconds: 600, now: () => now });
  });
  afterEach(() => fake.stop());

  test("issues a bearer token for client id and secret in HTTP Basic auth", async () => {
    // given an org with its admin client
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });

    // when the client asks for a token with Basic auth
    const res = await requestToken(fake, creds);

    // then it gets a token shaped like Genesys Cloud's, with the configured lifetime
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 600 });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  test("issues a token for client id and secret in the form body (oauth2's fallback auth style)", async () => {
    // given an org
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });

    // when the credentials come as form fields, as golang.org/x/oauth2 retries after a failed Basic attempt
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: creds.adminClientId, client_secret: creds.adminClientSecret });
    const res = await send(fake, "POST", "/oauth/token", { headers: FORM, body: body.toString() });

    // then the token is issued all the same
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe("bearer");
  });

  test("url-decodes Basic credentials, as golang.org/x/oauth2 query-escapes them", async () => {
    // given a client whose secret has characters that query escaping changes
    const creds = fake.addOrg({ id: "org-a", shortName: "a", adminClient: { id: "client a", secret: "s3cr3t/+=&" } });

    // when id and secret are query-escaped before Basic encoding
    const res = await send(fake, "POST", "/oauth/token", {
      headers: { ...FORM, Authorization: basicAuth("client+a", encodeURIComponent(creds.adminClientSecret)) },
      body: "grant_type=client_credentials",
    });

    // then they are recognized
    expect(res.status).toBe(200);
  });

  test.each([
    ["a wrong secret", (id: string) => basicAuth(id, "not-the-secret")],
    ["an unknown client", () => basicAuth("00000000-0000-0000-0000-000000000000", "whatever")],
  ])("answers %s with 401 invalid_client in OAuth's JSON error shape", async (_case, auth) => {
    // given an org
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });

    // when the token request carries bad credentials
    const res = await send(fake, "POST", "/oauth/token", { headers: { ...FORM, Authorization: auth(creds.adminClientId) }, body: "grant_type=client_credentials" });

    // then it is refused with OAuth's error body
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: "invalid_client", description: expect.any(String), error_description: expect.any(String) });
  });

  test("answers a request without credentials with 401 invalid_client", async () => {
    const res = await send(fake, "POST", "/oauth/token", { headers: FORM, body: "grant_type=client_credentials" });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
  });

  test.each([["password"], ["authorization_code"], [""]])("answers grant type %p with 400 unsupported_grant_type", async (grant) => {
    // given valid client credentials
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });

    // when another grant type is asked for
    const res = await send(fake, "POST", "/oauth/token", {
      headers: { ...FORM, Authorization: basicAuth(creds.adminClientId, creds.adminClientSecret) },
      body: `grant_type=${grant}`,
    });

    // then it is a 400
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("unsupported_grant_type");
  });

  test("refuses credentials sent both ways at once with 400 invalid_request", async () => {
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: creds.adminClientId, client_secret: creds.adminClientSecret });
    const res = await send(fake, "POST", "/oauth/token", { headers: { ...FORM, Authorization: basicAuth(creds.adminClientId, creds.adminClientSecret) }, body: body.toString() });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
  });

  test("refuses a JSON token request with 400 invalid_request", async () => {
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });
    const res = await send(fake, "POST", "/oauth/token", {
      headers: { "Content-Type": "application/json", Authorization: basicAuth(creds.adminClientId, creds.adminClientSecret) },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_request");
  });

  test("tokens expire after their lifetime", async () => {
    // given a token issued now
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });
    const token = await tokenFor(fake, creds);
    const get = () => send(fake, "GET", "/api/v2/identityproviders/pureengage", { headers: { Authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(404); // accepted: the org simply has no identity provider yet

    // when its lifetime has passed
    now += 600 * 1000;

    // then the API refuses it as bad credentials
    const res = await get();
    expect(res.status).toBe(401);
    expect(res.body).toEqual(expect.objectContaining({ code: "bad.credentials", status: 401 }));
  });

  test("each org's token reaches only that org", async () => {
    // given two orgs, and an identity provider put with org A's token
    const a = fake.addOrg({ id: "org-a", shortName: "a" });
    const b = fake.addOrg({ id: "org-b", shortName: "b" });
    const tokenA = await tokenFor(fake, a);
    const tokenB = await tokenFor(fake, b);
    const certificate = testCertificatePem().split("\n").filter((l) => l && !l.startsWith("-----")).join("");
    expect((await putJson(fake, "/api/v2/identityproviders/pureengage", tokenA, { issuerURI: "https://a.example/idp", certificate })).status).toBe(200);

    // when org B's token reads it
    const res = await send(fake, "GET", "/api/v2/identityproviders/pureengage", { headers: { Authorization: `Bearer ${tokenB}` } });

    // then org B has none, and the request log attributes each request to its org
    expect(res.status).toBe(404);
    expect(fake.identityProvider("org-a")?.issuerURI).toBe("https://a.example/idp");
    expect(fake.identityProvider("org-b")).toBeUndefined();
    expect(fake.requests.filter((r) => r.path.startsWith("/api/")).map((r) => [r.method, r.orgId])).toEqual([
      ["PUT", "org-a"],
      ["GET", "org-b"],
    ]);
  });
});
