import { GenesysCloudDouble, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { testCertificatePem } from "../helpers/test-certificate";
import { putJson, send, tokenFor } from "./http";

const CERT_BODY = testCertificatePem().split("\n").filter((l) => l && !l.startsWith("-----")).join("");

describe("fake Genesys Cloud: server, orgs and request log", () => {
  let fake: GenesysCloudDouble;
  let stderr: jest.SpyInstance;
  beforeEach(async () => {
    fake = await GenesysCloudDouble.start();
    stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(async () => {
    stderr.mockRestore();
    await fake.stop();
  });

  test("listens on 127.0.0.1 on a port chosen at start", () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(fake.url).port)).toBeGreaterThan(0);
  });

  test("an unknown path answers 404, is recorded and is reported loudly on stderr", async () => {
    // given an authenticated caller
    const token = await tokenFor(fake, fake.addOrg({ id: "org-a", shortName: "a" }));

    // when it calls an endpoint the double does not implement
    const res = await send(fake, "GET", "/api/v2/users?pageSize=100", { headers: { Authorization: `Bearer ${token}` } });

    // then it is a 404, listed among the unknown requests and written to stderr
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expect.objectContaining({ code: "not.found", status: 404 }));
    expect(fake.unknownRequests).toEqual([{ method: "GET", path: "/api/v2/users", query: "?pageSize=100" }]);
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/UNKNOWN REQUEST GET \/api\/v2\/users\?pageSize=100 -> 404/));
  });

  test("an unknown method on a known path is unknown too", async () => {
    const res = await send(fake, "POST", PUREENGAGE_PATH, { headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(res.status).toBe(404);
    expect(fake.unknownRequests).toEqual([{ method: "POST", path: PUREENGAGE_PATH, query: "" }]);
  });

  test("the request log holds method, path, status and org, and no secret", async () => {
    // given an org whose client gets a token and writes an identity provider
    const creds = fake.addOrg({ id: "org-a", shortName: "a" });
    const token = await tokenFor(fake, creds);
    await putJson(fake, PUREENGAGE_PATH, token, { issuerURI: "https://a.example/idp", certificate: CERT_BODY });

    // when the log is read
    const log = fake.requests;

    // then it shows the calls, with header names but no header value, token or secret
    expect(log.map((r) => ({ seq: r.seq, method: r.method, path: r.path, status: r.status, orgId: r.orgId }))).toEqual([
      { seq: 1, method: "POST", path: "/oauth/token", status: 200, orgId: "org-a" },
      { seq: 2, method: "PUT", path: PUREENGAGE_PATH, status: 200, orgId: "org-a" },
    ]);
    expect(log[1].headerNames).toEqual(expect.arrayContaining(["Authorization", "Content-Type"])); // as sent
    const text = JSON.stringify(log);
    for (const secret of [creds.adminClientSecret, token, Buffer.from(`${creds.adminClientId}:${creds.adminClientSecret}`).toString("base64")]) {
      expect(text).not.toContain(secret);
    }
    expect(log.every((r) => r.durationMs >= 0)).toBe(true);
  });

  test("snapshot is a deep copy without secrets, unaffected by later requests", async () => {
    // given an org and a snapshot of it
    const creds = fake.addOrg({ id: "org-a", shortName: "acme" });
    const before = fake.snapshot("org-a");

    // when an identity provider is created, and the snapshot itself is mutated
    await putJson(fake, PUREENGAGE_PATH, await tokenFor(fake, creds), { issuerURI: "https://a.example/idp", certificate: CERT_BODY });
    (before.identityProviders as any).pureengage = "tampered";

    // then the snapshot did not follow the org, nor the org the snapshot
    expect(fake.snapshot("org-a").identityProviders.pureengage?.issuerURI).toBe("https://a.example/idp");
    expect(fake.snapshot("org-a")).toEqual({
      id: "org-a",
      shortName: "acme",
      defaultCountryCode: "US",
      products: ["botFlows", "journey", "voice"],
      homeDivision: expect.objectContaining({ name: "Home", homeDivision: true }),
      roles: expect.any(Object),
      oauthClients: { [creds.adminClientId]: expect.objectContaining({ id: creds.adminClientId, name: "Terraform admin", authorizedGrantType: "CLIENT-CREDENTIALS", state: "active" }) },
      identityProviders: { pureengage: expect.objectContaining({ id: "pureengage" }) },
      samlCertificates: "listed",
    });
    expect(JSON.stringify(fake.snapshot("org-a"))).not.toContain(creds.adminClientSecret);
  });

  test("addOrg refuses a duplicate org, and unknown orgs are named in errors", () => {
    fake.addOrg({ id: "org-a", shortName: "a" });
    expect(() => fake.addOrg({ id: "org-a", shortName: "again" })).toThrow(/org org-a already exists/);
    expect(() => fake.snapshot("org-x")).toThrow(/no org org-x in the fake Genesys Cloud \(orgs: org-a\)/);
  });

  test("addOrg takes given admin client credentials", async () => {
    const creds = fake.addOrg({ id: "org-a", shortName: "a", adminClient: { id: "my-client", secret: "my-secret" } });
    expect(creds).toEqual({ adminClientId: "my-client", adminClientSecret: "my-secret" });
    expect(typeof (await tokenFor(fake, creds))).toBe("string");
  });

  test("a path parameter matches one non-empty segment, literal paths first", async () => {
    // given an authenticated caller
    const token = await tokenFor(fake, fake.addOrg({ id: "org-a", shortName: "a" }));
    const get = (path: string) => send(fake, "GET", path, { headers: { Authorization: `Bearer ${token}` } });

    // when roles are read by id, by an empty id, and below an id
    const unknownRole = await get("/api/v2/authorization/roles/no-such-role");
    const empty = await get("/api/v2/authorization/roles/");
    const deeper = await get("/api/v2/authorization/roles/x/y");

    // then the parameterised route answers the first (a 404 of the API), and the others are unknown endpoints
    expect(unknownRole.status).toBe(404);
    expect(unknownRole.body.message).toMatch(/Role no-such-role not found/);
    expect(fake.unknownRequests.map((r) => r.path)).toEqual(["/api/v2/authorization/roles/", "/api/v2/authorization/roles/x/y"]);
    expect([empty.status, deeper.status]).toEqual([404, 404]);
  });

  test("addOrg names an unknown admin role", () => {
    expect(() => fake.addOrg({ id: "org-a", shortName: "a", adminRoles: ["superuser"] })).toThrow(/no factory role superuser \(roles: admin, employee, Trusted External User\)/);
  });

  test("stop closes the port, kept-alive connections included", async () => {
    // given a connection kept alive by fetch
    await send(fake, "GET", "/nothing-here");
    const url = fake.url;

    // when the double stops
    await fake.stop();

    // then nothing answers any more
    await expect(fetch(`${url}/oauth/token`)).rejects.toThrow();
    fake = await GenesysCloudDouble.start(); // for afterEach
  });
});
