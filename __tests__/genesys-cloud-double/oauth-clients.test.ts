import { GenesysCloudDouble, OAUTH_CLIENTS_PATH, OrgCredentials } from "../../genesys-cloud-double";
import { clientToken, deleteJson, getJson, postJson, putJson, tokenFor } from "./http";

describe("fake Genesys Cloud: /api/v2/oauth/clients", () => {
  let fake: GenesysCloudDouble;
  let creds: OrgCredentials;
  let token: string;
  let adminRoleId: string;
  let employeeRoleId: string;
  let home: string;
  beforeEach(async () => {
    fake = await GenesysCloudDouble.start();
    creds = fake.addOrg({ id: "org-a", shortName: "acme" });
    token = await tokenFor(fake, creds);
    adminRoleId = fake.role("org-a", "admin")!.id;
    employeeRoleId = fake.role("org-a", "employee")!.id;
    home = fake.snapshot("org-a").homeDivision.id;
  });
  afterEach(() => fake.stop());

  /** What the provider sends for the PacingClient (genesyscloud_oauth_client create). */
  const ccBody = (over: Record<string, unknown> = {}) => ({
    name: "PureEngage Client Credentials",
    description: "",
    accessTokenValiditySeconds: 86400,
    authorizedGrantType: "CLIENT-CREDENTIALS",
    state: "active",
    roleDivisions: [{ roleId: adminRoleId, divisionId: home }],
    ...over,
  });
  const samlBody = (over: Record<string, unknown> = {}) => ({
    name: "PureEngage SAML2 Bearer",
    description: "",
    accessTokenValiditySeconds: 86400,
    authorizedGrantType: "SAML2-BEARER",
    state: "active",
    registeredRedirectUri: ["https://apps.mypurecloud.com"],
    scope: ["users:readonly"],
    ...over,
  });
  const create = (body: unknown, t = token) => postJson(fake, OAUTH_CLIENTS_PATH, t, body);

  test("POST creates a client-credentials client and answers it with its secret, once", async () => {
    // given the admin client holding admin in the home division
    // when it creates a client granted admin in the home division
    const res = await create(ccBody());

    // then the answer is the client, with a UUID, a secret and the server's fields
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: "PureEngage Client Credentials",
      accessTokenValiditySeconds: 86400,
      description: "",
      secret: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      dateModified: expect.any(String),
      createdBy: { id: creds.adminClientId, selfUri: `${OAUTH_CLIENTS_PATH}/${creds.adminClientId}` },
      modifiedBy: expect.any(Object),
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: [{ roleId: adminRoleId, divisionId: home }],
      state: "active",
      selfUri: `${OAUTH_CLIENTS_PATH}/${res.body.id}`,
    });
    expect(fake.clientSecretMatches(res.body.id, res.body.secret)).toBe(true);
    expect(fake.clientSecretMatches(res.body.id, "other")).toBe(false);

    // and neither GET, the listing, the double's views nor the request log ever hold the secret
    const got = await getJson(fake, `${OAUTH_CLIENTS_PATH}/${res.body.id}`, token);
    const listed = await getJson(fake, OAUTH_CLIENTS_PATH, token);
    expect(got.body.secret).toBeUndefined();
    const { secret, ...withoutSecret } = res.body;
    expect(got.body).toEqual(withoutSecret);
    expect(listed.body).toEqual(expect.objectContaining({ total: 2, pageCount: 1, pageNumber: 1 }));
    expect(listed.body.entities.map((c: any) => c.name).sort()).toEqual(["PureEngage Client Credentials", "Terraform admin"]);
    for (const text of [JSON.stringify(got.body), JSON.stringify(listed.body), JSON.stringify(fake.oauthClients("org-a")), JSON.stringify(fake.snapshot("org-a")), JSON.stringify(fake.requests)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(creds.adminClientSecret);
    }
  });

  test("a client-credentials client gets tokens that last its accessTokenValiditySeconds, acting for the org with its own grants", async () => {
    // given a client with a one-hour token lifetime
    const client = (await create(ccBody({ accessTokenValiditySeconds: 3600 }))).body;

    // when it asks for a token
    const res = await clientToken(fake, client.id, client.secret);

    // then expires_in is its lifetime, and the token acts for the org as that client
    expect(res.status).toBe(200);
    expect(res.body.expires_in).toBe(3600);
    const me = await getJson(fake, "/api/v2/tokens/me", res.body.access_token);
    expect(me.body.OAuthClient).toEqual(expect.objectContaining({ id: client.id, name: "PureEngage Client Credentials", roleDivisions: [{ roleId: adminRoleId, divisionId: home }] }));
    expect(fake.requests.at(-1)!.orgId).toBe("org-a");
  });

  test("a SAML2-BEARER client is created with scope and redirect URIs, and may not use client credentials", async () => {
    const res = await create(samlBody());
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ authorizedGrantType: "SAML2-BEARER", scope: ["users:readonly"], registeredRedirectUri: ["https://apps.mypurecloud.com"], secret: expect.any(String) }));
    expect(res.body.roleDivisions).toBeUndefined();
    const tokenRes = await clientToken(fake, res.body.id, res.body.secret);
    expect(tokenRes.status).toBe(400);
    expect(tokenRes.body).toEqual({ error: "unauthorized_client", description: expect.any(String), error_description: expect.any(String) });
  });

  test("an inactive client gets invalid_client", async () => {
    const client = (await create(ccBody({ state: "inactive" }))).body;
    const res = await clientToken(fake, client.id, client.secret);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe("invalid_client");
  });

  test.each([
    ["no name", { name: undefined }, /^name is required/],
    ["no grant type", { authorizedGrantType: undefined }, /^authorizedGrantType is required/],
    ["the provider's alias SAML2BEARER", { authorizedGrantType: "SAML2BEARER", roleDivisions: undefined, scope: ["openid"] }, /^authorizedGrantType SAML2BEARER is not valid; use one of CLIENT-CREDENTIALS, SAML2-BEARER, CODE, TOKEN, PASSWORD/],
    ["a token lifetime under 300 s", { accessTokenValiditySeconds: 299 }, /^accessTokenValiditySeconds must be between 300 and 172800/],
    ["a token lifetime over 48 h", { accessTokenValiditySeconds: 172801 }, /^accessTokenValiditySeconds must be between 300 and 172800/],
    ["a fractional token lifetime", { accessTokenValiditySeconds: 3600.5 }, /^accessTokenValiditySeconds must be between/],
    ["state disabled", { state: "disabled" }, /^state must be active or inactive/],
    ["no roles on client credentials", { roleDivisions: undefined }, /^roleDivisions are required for a client using the CLIENT-CREDENTIALS grant/],
    ["empty roles on client credentials", { roleDivisions: [] }, /^roleDivisions are required/],
    ["scope on client credentials", { scope: ["users"] }, /^scope only applies to clients not using the CLIENT-CREDENTIALS grant/],
    ["an unknown role", { roleDivisions: [{ roleId: "nope", divisionId: "*" }] }, /^Role nope not found/],
    ["an unknown division", { roleDivisions: [{ roleId: "ADMIN", divisionId: "other-division" }] }, /^Division other-division not found/],
    ["a misspelt field", { roleDivision: [] }, /^Unrecognized field\(s\) "roleDivision"/],
  ])("POST of a client-credentials client with %s answers 400 bad.request", async (_case, over, message) => {
    const body = ccBody(over) as Record<string, unknown>;
    if (Array.isArray(body.roleDivisions)) body.roleDivisions = (body.roleDivisions as any[]).map((g) => ({ ...g, roleId: g.roleId === "ADMIN" ? adminRoleId : g.roleId }));
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ code: "bad.request", status: 400 }));
    expect(res.body.message).toMatch(message);
    expect(fake.oauthClients("org-a")).toHaveLength(1);
  });

  test.each([
    ["roles on a SAML2-BEARER client", () => samlBody({ roleDivisions: [{ roleId: adminRoleId, divisionId: home }] }), /^roleDivisions only apply to clients using the CLIENT-CREDENTIALS grant, not SAML2-BEARER/],
    ["no scope on a SAML2-BEARER client", () => samlBody({ scope: undefined }), /^scope is required for a client using the SAML2-BEARER grant/],
    ["no scope on a CODE client", () => samlBody({ authorizedGrantType: "CODE", scope: [] }), /^scope is required for a client using the CODE grant/],
  ])("POST with %s answers 400", async (_case, body, message) => {
    const res = await create(body());
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  test("a missing divisionId is the home division, and * is every division", async () => {
    const res = await create(ccBody({ roleDivisions: [{ roleId: adminRoleId }] }));
    expect(res.body.roleDivisions).toEqual([{ roleId: adminRoleId, divisionId: home }]);
  });

  describe("the caller must hold every role it grants", () => {
    test("an admin client holding only employee cannot grant admin: 403 naming the role, nothing created", async () => {
      // given an org whose admin client holds employee only
      const b = fake.addOrg({ id: "org-b", shortName: "b", adminRoles: ["employee"] });
      const t = await tokenFor(fake, b);
      const bAdmin = fake.role("org-b", "admin")!.id;
      const bHome = fake.snapshot("org-b").homeDivision.id;

      // when it grants admin
      const res = await create(ccBody({ roleDivisions: [{ roleId: bAdmin, divisionId: bHome }] }), t);

      // then it is refused, naming the role
      expect(res.status).toBe(403);
      expect(res.body).toEqual(expect.objectContaining({ code: "not.authorized", status: 403 }));
      expect(res.body.message).toContain(`role admin (${bAdmin})`);
      expect(fake.oauthClients("org-b")).toHaveLength(1);
      // while employee, which it holds, can be granted
      expect((await create(ccBody({ roleDivisions: [{ roleId: fake.role("org-b", "employee")!.id, divisionId: bHome }] }), t)).status).toBe(200);
    });

    test("holding a role in the home division does not cover granting it in every division (*)", async () => {
      const res = await create(ccBody({ roleDivisions: [{ roleId: adminRoleId, divisionId: "*" }] }));
      expect(res.status).toBe(403);
      expect(res.body.message).toContain("in division *");
    });

    test("a client holding a role in * may grant it in the home division and in *", async () => {
      // given an org whose admin client holds admin in every division
      const b = fake.addOrg({ id: "org-b", shortName: "b", adminRoleDivision: "*" });
      const t = await tokenFor(fake, b);
      const bAdmin = fake.role("org-b", "admin")!.id;
      const bHome = fake.snapshot("org-b").homeDivision.id;

      // when it grants admin in the home division and in *, and employee
      const inHome = await create(ccBody({ roleDivisions: [{ roleId: bAdmin, divisionId: bHome }] }), t);
      const everywhere = await create(ccBody({ roleDivisions: [{ roleId: bAdmin, divisionId: "*" }] }), t);
      const other = await create(ccBody({ roleDivisions: [{ roleId: fake.role("org-b", "employee")!.id, divisionId: bHome }] }), t);

      // then admin is covered in both, employee is not held at all
      expect([inHome.status, everywhere.status, other.status]).toEqual([200, 200, 403]);
    });

    test("a client created with a grant can grant that role on, and nothing else", async () => {
      const made = (await create(ccBody({ roleDivisions: [{ roleId: adminRoleId, divisionId: home }] }))).body;
      const t = (await clientToken(fake, made.id, made.secret)).body.access_token;
      expect((await create(ccBody({ roleDivisions: [{ roleId: employeeRoleId, divisionId: home }] }), t)).status).toBe(403);
      expect((await create(ccBody({ roleDivisions: [{ roleId: adminRoleId, divisionId: home }] }), t)).status).toBe(200);
    });

    test("addOrg with adminRoles [admin, employee] lets the admin client grant both", async () => {
      const b = fake.addOrg({ id: "org-b", shortName: "b", adminRoles: ["admin", "employee"] });
      const t = await tokenFor(fake, b);
      const bHome = fake.snapshot("org-b").homeDivision.id;
      const grants = ["admin", "employee"].map((n) => ({ roleId: fake.role("org-b", n)!.id, divisionId: bHome }));
      expect((await create(ccBody({ roleDivisions: grants }), t)).status).toBe(200);
    });
  });

  test("PUT replaces the settings and answers without the secret; the new lifetime applies to the next token", async () => {
    // given a client
    const client = (await create(ccBody())).body;

    // when its token lifetime is changed the way the provider updates it
    const res = await putJson(fake, `${OAUTH_CLIENTS_PATH}/${client.id}`, token, ccBody({ accessTokenValiditySeconds: 600 }));

    // then the answer has no secret, keeps id and dateCreated, and tokens now last 600 s
    expect(res.status).toBe(200);
    expect(res.body.secret).toBeUndefined();
    expect(res.body).toEqual(expect.objectContaining({ id: client.id, accessTokenValiditySeconds: 600, dateCreated: client.dateCreated }));
    expect((await clientToken(fake, client.id, client.secret)).body.expires_in).toBe(600);
  });

  test("PUT validates like POST and 404s an unknown client", async () => {
    const client = (await create(ccBody())).body;
    expect((await putJson(fake, `${OAUTH_CLIENTS_PATH}/${client.id}`, token, ccBody({ accessTokenValiditySeconds: 100 }))).status).toBe(400);
    expect((await putJson(fake, `${OAUTH_CLIENTS_PATH}/nope`, token, ccBody())).status).toBe(404);
  });

  test("PUT changes the grant type in place, as the provider's TestAccResourceOAuthClient step 3 does: CLIENT-CREDENTIALS to CODE with a scope", async () => {
    // given a client-credentials client granted admin
    const client = (await create(ccBody())).body;
    const path = `${OAUTH_CLIENTS_PATH}/${client.id}`;

    // when the provider's update sends the CODE grant with a scope and no roles
    const res = await putJson(fake, path, token, ccBody({ authorizedGrantType: "CODE", scope: ["oauth"], roleDivisions: undefined }));

    // then it is the same client (id, secret), now CODE with that scope and no roles, in the answer and in a later GET
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: client.id, dateCreated: client.dateCreated, authorizedGrantType: "CODE", scope: ["oauth"] }));
    expect(res.body.roleDivisions).toBeUndefined();
    expect(res.body.secret).toBeUndefined();
    expect((await getJson(fake, path, token)).body).toEqual(res.body);
    expect(fake.clientSecretMatches(client.id, client.secret)).toBe(true);
    // and the login service treats it as a CODE client: no more client-credentials tokens
    expect((await clientToken(fake, client.id, client.secret)).body.error).toBe("unauthorized_client");

    // when it is changed back, with a role and without the scope
    const back = await putJson(fake, path, token, ccBody());

    // then it is a client-credentials client again, with its role and no scope
    expect(back.status).toBe(200);
    expect(back.body).toEqual(expect.objectContaining({ authorizedGrantType: "CLIENT-CREDENTIALS", roleDivisions: [{ roleId: adminRoleId, divisionId: home }] }));
    expect(back.body.scope).toBeUndefined();
    expect((await clientToken(fake, client.id, client.secret)).status).toBe(200);
  });

  test.each([
    ["CODE keeping the roles", { authorizedGrantType: "CODE", scope: ["oauth"] }, /^roleDivisions only apply to clients using the CLIENT-CREDENTIALS grant, not CODE/],
    ["CODE without a scope", { authorizedGrantType: "CODE", roleDivisions: undefined }, /^scope is required for a client using the CODE grant/],
  ])("a PUT changing the grant type is checked against the new grant: %s answers 400 and changes nothing", async (_case, over, message) => {
    const client = (await create(ccBody())).body;
    const before = fake.oauthClients("org-a").find((c) => c.id === client.id);
    const res = await putJson(fake, `${OAUTH_CLIENTS_PATH}/${client.id}`, token, ccBody(over));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(fake.oauthClients("org-a").find((c) => c.id === client.id)).toEqual(before);
  });

  test("a PUT granting roles while changing to CLIENT-CREDENTIALS is checked like a new grant: the caller must hold them", async () => {
    // given a CODE client, and a caller holding employee only
    const b = fake.addOrg({ id: "org-b", shortName: "b", adminRoles: ["employee"] });
    const tb = await tokenFor(fake, b);
    const code = (await create(samlBody({ authorizedGrantType: "CODE" }), tb)).body;
    const bHome = fake.snapshot("org-b").homeDivision.id;

    // when it is changed to CLIENT-CREDENTIALS granted admin
    const res = await putJson(fake, `${OAUTH_CLIENTS_PATH}/${code.id}`, tb, ccBody({ roleDivisions: [{ roleId: fake.role("org-b", "admin")!.id, divisionId: bHome }] }));

    // then it is refused as any new grant of a role the caller lacks
    expect(res.status).toBe(403);
    expect(fake.oauthClients("org-b").find((c) => c.id === code.id)!.authorizedGrantType).toBe("CODE");
  });

  test("a TOKEN client (no secret) changed to CODE has no secret until one is generated", async () => {
    // given an implicit-grant client, changed to CODE
    const implicit = (await create(samlBody({ authorizedGrantType: "TOKEN" }))).body;
    expect(fake.clientSecretMatches(implicit.id, implicit.secret)).toBe(false);
    const path = `${OAUTH_CLIENTS_PATH}/${implicit.id}`;
    expect((await putJson(fake, path, token, samlBody({ authorizedGrantType: "CODE" }))).status).toBe(200);

    // when a secret is generated for it
    const res = await postJson(fake, `${path}/secret`, token);

    // then it has one now
    expect(res.status).toBe(200);
    expect(fake.clientSecretMatches(implicit.id, res.body.secret)).toBe(true);
  });

  test("PUT may keep a grant the caller does not hold, but not add one", async () => {
    // given a client granted admin, and a second caller holding only employee
    const b = fake.addOrg({ id: "org-b", shortName: "b", adminRoles: ["admin", "employee"] });
    const tb = await tokenFor(fake, b);
    const bHome = fake.snapshot("org-b").homeDivision.id;
    const bAdmin = { roleId: fake.role("org-b", "admin")!.id, divisionId: bHome };
    const bEmployee = { roleId: fake.role("org-b", "employee")!.id, divisionId: bHome };
    const target = (await create(ccBody({ roleDivisions: [bAdmin] }), tb)).body;
    const weak = (await create(ccBody({ name: "weak", roleDivisions: [bEmployee] }), tb)).body;
    const tw = (await clientToken(fake, weak.id, weak.secret)).body.access_token;

    // when the weak caller deactivates the target (as the provider does before deleting) and then adds admin to weak itself
    const keep = await putJson(fake, `${OAUTH_CLIENTS_PATH}/${target.id}`, tw, ccBody({ state: "inactive", roleDivisions: [bAdmin] }));
    const escalate = await putJson(fake, `${OAUTH_CLIENTS_PATH}/${weak.id}`, tw, ccBody({ name: "weak", roleDivisions: [bEmployee, bAdmin] }));

    // then keeping is fine, escalating is not
    expect(keep.status).toBe(200);
    expect(escalate.status).toBe(403);
  });

  test("DELETE of an active client is refused; an inactive one is deleted, its secret and tokens stop working", async () => {
    // given a client with a token
    const client = (await create(ccBody())).body;
    const clientTokenValue = (await clientToken(fake, client.id, client.secret)).body.access_token;
    const path = `${OAUTH_CLIENTS_PATH}/${client.id}`;

    // when it is deleted while active, then deactivated and deleted
    const refused = await deleteJson(fake, path, token);
    expect((await putJson(fake, path, token, ccBody({ state: "inactive" }))).status).toBe(200);
    const deleted = await deleteJson(fake, path, token);

    // then the first is a 400, the second a 204, and the client is gone everywhere
    expect(refused.status).toBe(400);
    expect(deleted.status).toBe(204);
    expect((await getJson(fake, path, token)).status).toBe(404);
    expect((await deleteJson(fake, path, token)).status).toBe(404);
    expect((await clientToken(fake, client.id, client.secret)).body.error).toBe("invalid_client");
    expect((await getJson(fake, "/api/v2/tokens/me", clientTokenValue)).status).toBe(401);
    expect(fake.clientSecretMatches(client.id, client.secret)).toBe(false);
    expect(fake.oauthClients("org-a").map((c) => c.id)).toEqual([creds.adminClientId]);
  });

  test("POST .../secret regenerates the secret: the old one stops working, the new one is answered once", async () => {
    // given a client
    const client = (await create(ccBody())).body;

    // when its secret is regenerated
    const res = await postJson(fake, `${OAUTH_CLIENTS_PATH}/${client.id}/secret`, token);

    // then the answer has a new secret, which alone works now
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: client.id, secret: expect.any(String) }));
    expect(res.body.secret).not.toBe(client.secret);
    expect((await clientToken(fake, client.id, client.secret)).status).toBe(401);
    expect((await clientToken(fake, client.id, res.body.secret)).status).toBe(200);
    expect(fake.clientSecretMatches(client.id, res.body.secret)).toBe(true);
    expect(JSON.stringify(fake.requests)).not.toContain(res.body.secret);
    expect((await postJson(fake, `${OAUTH_CLIENTS_PATH}/nope/secret`, token)).status).toBe(404);
  });

  test("clients are per org", async () => {
    const client = (await create(ccBody())).body;
    const tb = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b" }));
    expect((await getJson(fake, `${OAUTH_CLIENTS_PATH}/${client.id}`, tb)).status).toBe(404);
    expect((await getJson(fake, OAUTH_CLIENTS_PATH, tb)).body.total).toBe(1);
  });

  test("injected 429s and 503s hit the new routes too", async () => {
    fake.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 2 }, unavailable: { count: 1 }, match: { pathPrefix: OAUTH_CLIENTS_PATH } });
    const statuses = [(await create(ccBody())).status, (await create(ccBody())).status, (await create(ccBody())).status];
    expect(statuses).toEqual([429, 503, 200]);
    expect(fake.oauthClients("org-a")).toHaveLength(2);
  });
});
