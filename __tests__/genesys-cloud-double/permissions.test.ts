import { GenesysCloudDouble, PERMISSION_CATALOGUE, PERMISSIONS_PATH } from "../../genesys-cloud-double";
import { getJson, startWithOrg, tokenFor } from "./http";

describe("fake Genesys Cloud: GET /api/v2/authorization/permissions", () => {
  let fake: GenesysCloudDouble;
  let token: string;
  beforeEach(async () => {
    ({ fake, token } = await startWithOrg());
  });
  afterEach(() => fake.stop());

  /** What the provider merges: entity type -> actions, over every collection of every page. */
  const actionsByEntity = (entities: any[]) =>
    Object.fromEntries(entities.flatMap((c) => Object.entries(c.permissionMap as Record<string, any[]>).map(([entity, perms]) => [entity, perms.map((p) => p.action)])));

  test("queryType=domain answers that domain's collection, with pageCount and a permissionMap (what the provider dereferences)", async () => {
    // when the provider checks a directory policy, as it does before writing a role
    const res = await getJson(fake, `${PERMISSIONS_PATH}?pageSize=100&pageNumber=1&queryType=domain&query=directory`, token);

    // then one collection comes back, each permission naming its domain, entity type and action
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ pageSize: 100, pageNumber: 1, total: 1, pageCount: 1 }));
    expect(res.body.entities).toEqual([expect.objectContaining({ id: "directory", name: "directory", domain: "directory", permissionMap: expect.any(Object) })]);
    expect(res.body.entities[0].permissionMap.group).toEqual(["add", "delete", "edit", "view"].map((action) => ({ domain: "directory", entityType: "group", action })));
    expect(actionsByEntity(res.body.entities)).toEqual(PERMISSION_CATALOGUE.directory.entities);
  });

  test("the org-trustee permissions of TestAccResourceAuthRoleDefault are under authorization", async () => {
    const res = await getJson(fake, `${PERMISSIONS_PATH}?queryType=domain&query=authorization&pageSize=100&pageNumber=1`, token);
    expect(actionsByEntity(res.body.entities)).toEqual(expect.objectContaining({ orgTrusteeGroup: ["view"], orgTrusteeUser: ["view"], orgTrustor: ["view"] }));
  });

  test("query takes a comma-separated list of domains; an unknown domain answers no entity (the provider then stops paging)", async () => {
    const two = await getJson(fake, `${PERMISSIONS_PATH}?queryType=domain&query=quality,oauth`, token);
    const none = await getJson(fake, `${PERMISSIONS_PATH}?queryType=domain&query=nothing`, token);
    expect(two.body.entities.map((c: any) => c.domain)).toEqual(["oauth", "quality"]);
    expect(none.body).toEqual(expect.objectContaining({ entities: [], total: 0, pageCount: 0 }));
  });

  test("without queryType every domain is listed, paged by pageSize and pageNumber", async () => {
    // given the whole catalogue (the org has journey)
    const domains = Object.keys(PERMISSION_CATALOGUE);

    // when it is read two domains a page, as the provider pages (pageCount, then pages 2..pageCount)
    const first = await getJson(fake, `${PERMISSIONS_PATH}?pageSize=2&pageNumber=1`, token);
    const pages = [first.body.entities];
    for (let n = 2; n <= first.body.pageCount; n++) pages.push((await getJson(fake, `${PERMISSIONS_PATH}?pageSize=2&pageNumber=${n}`, token)).body.entities);

    // then every domain comes once, in catalogue order
    expect(first.body).toEqual(expect.objectContaining({ total: domains.length, pageCount: Math.ceil(domains.length / 2), nextUri: `${PERMISSIONS_PATH}?pageSize=2&pageNumber=2` }));
    expect(pages.flat().map((c: any) => c.domain)).toEqual(domains);
  });

  test("a domain whose product the org lacks is not listed", async () => {
    const t = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b", products: [] }));
    const res = await getJson(fake, `${PERMISSIONS_PATH}?queryType=domain&query=journey`, t);
    expect(res.body.entities).toEqual([]);
    expect((await getJson(fake, `${PERMISSIONS_PATH}?queryType=domain&query=journey`, token)).body.total).toBe(1);
  });

  test.each([
    ["a queryType the double does not model", "queryType=permission&query=directory:user:view", /^queryType permission is not modelled by the Genesys Cloud double; add it to permissions\.ts/],
    ["pageSize 0", "pageSize=0", /^pageSize must be an integer/],
    ["pageNumber 0", "pageNumber=0", /^pageNumber must be an integer/],
  ])("%s answers 400", async (_case, query, message) => {
    const res = await getJson(fake, `${PERMISSIONS_PATH}?${query}`, token);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});
