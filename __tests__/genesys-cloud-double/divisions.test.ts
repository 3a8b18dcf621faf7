import { DIVISIONS_PATH, GenesysCloudDouble, HOME_DIVISION_PATH } from "../../genesys-cloud-double";
import { getJson, putJson, startWithOrg, tokenFor } from "./http";

describe("fake Genesys Cloud: /api/v2/authorization/divisions (genesyscloud_auth_division of the home division)", () => {
  let fake: GenesysCloudDouble;
  let token: string;
  let home: string;
  beforeEach(async () => {
    ({ fake, token } = await startWithOrg());
    home = fake.snapshot("org-a").homeDivision.id;
  });
  afterEach(() => fake.stop());

  test("GET by id answers the home division, as GET .../home does", async () => {
    const res = await getJson(fake, `${DIVISIONS_PATH}/${home}?objectCount=false`, token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: home, name: "Home", description: "Home Division", homeDivision: true, selfUri: `${DIVISIONS_PATH}/${home}` });
    expect((await getJson(fake, HOME_DIVISION_PATH, token)).body).toEqual(res.body);
  });

  test("PUT renames the home division as TestAccResourceAuthDivisionHome does; GET by id and GET .../home answer the new name", async () => {
    // given the home division
    // when the provider's update body is sent (name and description, no homeDivision)
    const res = await putJson(fake, `${DIVISIONS_PATH}/${home}`, token, { name: "New Home", description: "Home" });

    // then it is renamed and stays the home division, wherever it is read
    const renamed = { id: home, name: "New Home", description: "Home", homeDivision: true, selfUri: `${DIVISIONS_PATH}/${home}` };
    expect(res.status).toBe(200);
    expect(res.body).toEqual(renamed);
    expect((await getJson(fake, `${DIVISIONS_PATH}/${home}?objectCount=false`, token)).body).toEqual(renamed);
    expect((await getJson(fake, HOME_DIVISION_PATH, token)).body).toEqual(renamed);
    expect(fake.snapshot("org-a").homeDivision).toEqual({ id: home, name: "New Home", description: "Home", homeDivision: true });
  });

  test("PUT replaces: a description left out is removed; a GET's read-only fields sent back are ignored", async () => {
    const without = await putJson(fake, `${DIVISIONS_PATH}/${home}`, token, { name: "Home" });
    expect(without.body.description).toBeUndefined();
    const echoed = await putJson(fake, `${DIVISIONS_PATH}/${home}`, token, { ...without.body, homeDivision: false, objectCounts: {}, description: "Home Division" });
    expect(echoed.status).toBe(200);
    expect(echoed.body).toEqual(expect.objectContaining({ homeDivision: true, description: "Home Division" }));
  });

  test.each([
    ["no name", { description: "x" }, /^name is required/],
    ["a blank name", { name: " " }, /^name is required/],
    ["a misspelt field", { name: "Home", descripton: "x" }, /^Unrecognized field\(s\) "descripton" for AuthzDivision/],
    ["a description that is not a string", { name: "Home", description: 3 }, /^description must be a string/],
  ])("PUT with %s answers 400 and changes nothing", async (_case, body, message) => {
    const res = await putJson(fake, `${DIVISIONS_PATH}/${home}`, token, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(fake.snapshot("org-a").homeDivision.name).toBe("Home");
  });

  test("an unknown division is a 404 for GET and PUT; so is another org's", async () => {
    const other = "00000000-0000-0000-0000-000000000000";
    expect((await getJson(fake, `${DIVISIONS_PATH}/${other}`, token)).status).toBe(404);
    expect((await putJson(fake, `${DIVISIONS_PATH}/${other}`, token, { name: "x" })).body.code).toBe("not.found");
    const tb = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b" }));
    expect((await getJson(fake, `${DIVISIONS_PATH}/${home}`, tb)).status).toBe(404);
    expect((await putJson(fake, `${DIVISIONS_PATH}/${home}`, tb, { name: "x" })).status).toBe(404);
  });

  test("objectCount other than true or false is a 400", async () => {
    expect((await getJson(fake, `${DIVISIONS_PATH}/${home}?objectCount=yes`, token)).status).toBe(400);
    expect((await getJson(fake, `${DIVISIONS_PATH}/${home}?objectCount=true`, token)).status).toBe(200);
  });
});
