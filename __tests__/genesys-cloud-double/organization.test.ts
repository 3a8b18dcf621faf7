import { GenesysCloudDouble } from "../../genesys-cloud-double";
import { getJson, startWithOrg, tokenFor } from "./http";

describe("fake Genesys Cloud: organization, products, home division, tokens/me (the genesyscloud provider's configure step)", () => {
  let fake: GenesysCloudDouble;
  let token: string;
  let adminClientId: string;
  beforeEach(async () => {
    let creds;
    ({ fake, token, creds } = await startWithOrg());
    adminClientId = creds.adminClientId;
  });
  afterEach(() => fake.stop());

  test("GET /api/v2/organizations/me answers the org with a defaultCountryCode (the provider dereferences it)", async () => {
    const res = await getJson(fake, "/api/v2/organizations/me", token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ id: "org-a", name: "acme", thirdPartyOrgName: "acme", defaultCountryCode: "US", state: "active", selfUri: "/api/v2/organizations/org-a" }),
    );
  });

  test("GET /api/v2/authorization/products lists the org's products with a total: by default botFlows (the provider's product test looks it up), journey and voice", async () => {
    const res = await getJson(fake, "/api/v2/authorization/products", token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entities: [{ id: "botFlows" }, { id: "journey" }, { id: "voice" }], pageSize: 3, pageNumber: 1, total: 3, pageCount: 1 });
  });

  test("an org added with other products lists those, and may have none", async () => {
    // given orgs with chosen products
    const b = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b", products: ["journey", "wem"] }));
    const c = await tokenFor(fake, fake.addOrg({ id: "org-c", shortName: "c", products: [] }));

    // when their products are read
    const [resB, resC] = [await getJson(fake, "/api/v2/authorization/products", b), await getJson(fake, "/api/v2/authorization/products", c)];

    // then each lists its own, with total 0 for none
    expect(resB.body.entities).toEqual([{ id: "journey" }, { id: "wem" }]);
    expect(resC.body).toEqual(expect.objectContaining({ entities: [], total: 0 }));
  });

  test("GET /api/v2/authorization/divisions/home answers the org's home division", async () => {
    const res = await getJson(fake, "/api/v2/authorization/divisions/home", token);
    expect(res.status).toBe(200);
    const id = fake.snapshot("org-a").homeDivision.id;
    expect(res.body).toEqual({ id, name: "Home", description: "Home Division", homeDivision: true, selfUri: `/api/v2/authorization/divisions/${id}` });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("GET /api/v2/tokens/me names the token's client under OAuthClient, its organization being the org (not purecloud-builtin)", async () => {
    const res = await getJson(fake, "/api/v2/tokens/me?preserveIdleTTL=false", token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        organization: { id: "org-a", name: "acme" },
        homeOrganization: { id: "org-a", name: "acme" },
        OAuthClient: expect.objectContaining({ id: adminClientId, name: "Terraform admin", authorizedGrantType: "CLIENT-CREDENTIALS", organization: { id: "org-a", name: "acme" } }),
      }),
    );
  });

  test.each(["/api/v2/organizations/me", "/api/v2/authorization/products", "/api/v2/authorization/divisions/home", "/api/v2/tokens/me"])("%s needs a bearer token", async (path) => {
    const res = await getJson(fake, path, "not-a-token");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("bad.credentials");
  });
});
