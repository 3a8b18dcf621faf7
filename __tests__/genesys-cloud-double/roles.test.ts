import { FakeGenesysCloud, PERMISSION_CATALOGUE, ROLES_PATH } from "../../genesys-cloud-double";
import { getJson, putJson, startWithOrg, tokenFor } from "./http";

const JOURNEY_POLICIES = [
  { domain: "journey", entityName: "session", actionSet: ["view"], allowConditions: false },
  { domain: "journey", entityName: "event", actionSet: ["view"], allowConditions: false },
  { domain: "journey", entityName: "actionmap", actionSet: ["add", "delete", "edit", "view"], allowConditions: false },
];

describe("fake Genesys Cloud: /api/v2/authorization/roles", () => {
  let fake: FakeGenesysCloud;
  let token: string;
  beforeEach(async () => {
    ({ fake, token } = await startWithOrg());
  });
  afterEach(() => fake.stop());

  const employee = () => fake.role("org-a", "employee")!;
  const permissionsOf = (policies: { domain: string; entityName: string; actionSet: string[] }[]) =>
    policies.flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));

  test("every org has the factory roles admin and employee; admin holds every journey permission, employee none", () => {
    const admin = fake.role("org-a", "admin")!;
    expect(admin).toEqual(expect.objectContaining({ name: "admin", defaultRoleId: "admin", default: true }));
    expect(employee()).toEqual(expect.objectContaining({ name: "employee", defaultRoleId: "employee", default: true }));
    const journey = Object.entries(PERMISSION_CATALOGUE.journey.entities).flatMap(([entity, actions]) => actions.map((a) => `journey:${entity}:${a}`));
    expect(journey).toEqual(expect.arrayContaining(["journey:session:view", "journey:deployment:add", "journey:report:view"]));
    expect(permissionsOf(admin.permissionPolicies)).toEqual(expect.arrayContaining(journey));
    expect(permissionsOf(employee().permissionPolicies).filter((p) => p.startsWith("journey:"))).toEqual([]);
    expect(permissionsOf(employee().permissionPolicies)).toEqual(expect.arrayContaining(["directory:user:view", "routing:queue:view"]));
    expect(fake.role("org-a", "nobody")).toBeUndefined();
  });

  test("an org without the journey product has an admin role without journey permissions", async () => {
    fake.addOrg({ id: "org-b", shortName: "b", products: [] });
    expect(permissionsOf(fake.role("org-b", "admin")!.permissionPolicies).filter((p) => p.startsWith("journey:"))).toEqual([]);
  });

  test("GET ?name=employee (the restapi data source's search) lists only that role, in the entity listing shape", async () => {
    // given the factory roles
    // when roles are listed by name as the SDK sends it (empty parameters are left out by the SDK)
    const res = await getJson(fake, `${ROLES_PATH}?pageSize=100&pageNumber=1&name=employee&userCount=false`, token);

    // then the one role comes back, with paging fields
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ pageSize: 100, pageNumber: 1, total: 1, pageCount: 1 }));
    expect(res.body.entities).toEqual([expect.objectContaining({ id: employee().id, name: "employee", defaultRoleId: "employee", selfUri: `${ROLES_PATH}/${employee().id}` })]);
  });

  test("the name filter is exact", async () => {
    const res = await getJson(fake, `${ROLES_PATH}?name=employ`, token);
    expect(res.body).toEqual(expect.objectContaining({ entities: [], total: 0 }));
  });

  test("defaultRoleId filters, comma-joined (the SDK's multi format) or repeated", async () => {
    const joined = await getJson(fake, `${ROLES_PATH}?defaultRoleId=admin%2Cemployee`, token);
    const repeated = await getJson(fake, `${ROLES_PATH}?defaultRoleId=employee&defaultRoleId=nothing`, token);
    expect(joined.body.entities.map((r: any) => r.name)).toEqual(["admin", "employee"]);
    expect(repeated.body.entities.map((r: any) => r.name)).toEqual(["employee"]);
  });

  test("id and permission filter too", async () => {
    const byId = await getJson(fake, `${ROLES_PATH}?id=${employee().id}`, token);
    const byPermission = await getJson(fake, `${ROLES_PATH}?permission=journey:session:view`, token);
    expect(byId.body.entities.map((r: any) => r.name)).toEqual(["employee"]);
    expect(byPermission.body.entities.map((r: any) => r.name)).toEqual(["admin"]);
  });

  test("pages by pageSize and pageNumber", async () => {
    const first = await getJson(fake, `${ROLES_PATH}?pageSize=1&pageNumber=1`, token);
    const second = await getJson(fake, `${ROLES_PATH}?pageSize=1&pageNumber=2`, token);
    expect(first.body).toEqual(expect.objectContaining({ total: 2, pageCount: 2, nextUri: expect.stringContaining("pageNumber=2") }));
    expect([first.body.entities[0].name, second.body.entities[0].name]).toEqual(["admin", "employee"]);
    expect(second.body.nextUri).toBeUndefined();
    expect((await getJson(fake, `${ROLES_PATH}?pageSize=0`, token)).status).toBe(400);
  });

  test("GET by id answers the role; an unknown id is a 404 not.found", async () => {
    const res = await getJson(fake, `${ROLES_PATH}/${employee().id}`, token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: employee().id, name: "employee", permissionPolicies: employee().permissionPolicies, userCount: 0 }));
    const missing = await getJson(fake, `${ROLES_PATH}/00000000-0000-0000-0000-000000000000`, token);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("not.found");
  });

  test("PUT stores the policies as sent, in order, and GET answers them so", async () => {
    // given the employee role
    const before = (await getJson(fake, `${ROLES_PATH}/${employee().id}`, token)).body;

    // when journey policies are added after the factory ones
    const policies = [...before.permissionPolicies, ...JOURNEY_POLICIES];
    const res = await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, { name: "employee", description: before.description, permissionPolicies: policies });

    // then the answer and a later GET hold them in the same order
    expect(res.status).toBe(200);
    expect(res.body.permissionPolicies).toEqual(policies);
    expect((await getJson(fake, `${ROLES_PATH}/${employee().id}`, token)).body.permissionPolicies).toEqual(policies);
    expect(employee().permissionPolicies).toEqual(policies);
    expect(employee().defaultRoleId).toBe("employee");
  });

  test("PUT of a GET's whole body back, with read-only fields and nulls, is accepted and changes nothing", async () => {
    const got = (await getJson(fake, `${ROLES_PATH}/${employee().id}`, token)).body;
    const policies = got.permissionPolicies.map((p: any) => ({ ...p, id: "policy-1", actionSetKey: "view", policyName: null, namedResources: null, resourceConditionNode: null }));
    const res = await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, { ...got, permissionPolicies: policies, unusedPermissions: [], roleNeedsUpdate: false });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(got);
  });

  test("PUT keeps the optional policy fields it is given, in the model's order", async () => {
    const policy = { actionSet: ["view"], entityName: "queue", domain: "routing", policyName: "queues", policyDescription: "see queues", namedResources: ["q1"], allowConditions: true, resourceConditionNode: { operands: [] } };
    const res = await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, { name: "employee", permissionPolicies: [policy] });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.permissionPolicies[0])).toEqual(["domain", "entityName", "policyName", "policyDescription", "actionSet", "namedResources", "allowConditions", "resourceConditionNode"]);
  });

  test.each([
    ["an unknown action", { domain: "journey", entityName: "session", actionSet: ["view", "delete"] }, "journey:session:delete"],
    ["an unknown entity", { domain: "quality", entityName: "nothing", actionSet: ["view"] }, "quality:nothing:view"],
    ["an unknown domain", { domain: "nope", entityName: "thing", actionSet: ["view"] }, "nope:thing:view"],
  ])("PUT with %s answers 400 naming the permission, and stores nothing", async (_case, bad, permission) => {
    const before = employee();
    const res = await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, { name: "employee", permissionPolicies: [...JOURNEY_POLICIES, bad] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ code: "bad.request", status: 400, message: `Permission policy not found: ${permission}` }));
    expect(employee()).toEqual(before);
  });

  test("journey permissions are refused in an org without the journey product (product gating)", async () => {
    // given an org without Predictive Engagement
    const t = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b", products: [] }));
    const role = fake.role("org-b", "employee")!;

    // when a journey permission is granted to its employee role
    const res = await putJson(fake, `${ROLES_PATH}/${role.id}`, t, { name: "employee", permissionPolicies: [{ domain: "journey", entityName: "session", actionSet: ["view"] }] });

    // then it does not exist there, while other permissions do
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Permission policy not found: journey:session:view");
    const ok = await putJson(fake, `${ROLES_PATH}/${role.id}`, t, { name: "employee", permissionPolicies: [{ domain: "quality", entityName: "evaluation", actionSet: ["view"] }] });
    expect(ok.status).toBe(200);
  });

  test("wildcards stand for every entity or action of a known domain", async () => {
    const res = await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, { name: "employee", permissionPolicies: [{ domain: "journey", entityName: "*", actionSet: ["*"] }] });
    expect(res.status).toBe(200);
  });

  test.each([
    ["no name", { permissionPolicies: [] }, /^name is required/],
    ["a blank name", { name: " " }, /^name is required/],
    ["the name of another role", { name: "admin" }, /already exists/],
    ["an unknown field", { name: "employee", permisions: [] }, /Unrecognized field\(s\) "permisions"/],
    ["a policy without actionSet", { name: "employee", permissionPolicies: [{ domain: "journey", entityName: "session" }] }, /permissionPolicies\[0\]\.actionSet/],
    ["a policy without domain", { name: "employee", permissionPolicies: [{ entityName: "session", actionSet: ["view"] }] }, /permissionPolicies\[0\]\.domain is required/],
    ["permissionPolicies not an array", { name: "employee", permissionPolicies: {} }, /permissionPolicies must be an array/],
  ])("PUT with %s answers 400", async (_case, body, message) => {
    const res = await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  test("PUT of an unknown role is a 404", async () => {
    const res = await putJson(fake, `${ROLES_PATH}/nope`, token, { name: "x" });
    expect(res.status).toBe(404);
  });

  test("roles are per org", async () => {
    const t = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b" }));
    expect((await getJson(fake, `${ROLES_PATH}/${employee().id}`, t)).status).toBe(404);
    expect(fake.role("org-b", "employee")!.id).not.toBe(employee().id);
  });
});
