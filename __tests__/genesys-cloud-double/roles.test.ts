import { GenesysCloudDouble, PERMISSION_CATALOGUE, ROLES_PATH } from "../../genesys-cloud-double";
import { deleteJson, getJson, postJson, putJson, startWithOrg, tokenFor } from "./http";

const JOURNEY_POLICIES = [
  { domain: "journey", entityName: "session", actionSet: ["view"], allowConditions: false },
  { domain: "journey", entityName: "event", actionSet: ["view"], allowConditions: false },
  { domain: "journey", entityName: "actionmap", actionSet: ["add", "delete", "edit", "view"], allowConditions: false },
];

describe("fake Genesys Cloud: /api/v2/authorization/roles", () => {
  let fake: GenesysCloudDouble;
  let token: string;
  beforeEach(async () => {
    ({ fake, token } = await startWithOrg());
  });
  afterEach(() => fake.stop());

  const employee = () => fake.role("org-a", "employee")!;
  const permissionsOf = (policies: { domain: string; entityName: string; actionSet: string[] }[]) =>
    policies.flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));

  test("every org has the factory roles admin, employee and trustedUser; admin holds every journey permission, employee none", () => {
    const admin = fake.role("org-a", "admin")!;
    expect(admin).toEqual(expect.objectContaining({ name: "admin", defaultRoleId: "admin", default: true }));
    expect(employee()).toEqual(expect.objectContaining({ name: "employee", defaultRoleId: "employee", default: true }));
    expect(Object.values(fake.snapshot("org-a").roles).map((r) => r.defaultRoleId).sort()).toEqual(["admin", "employee", "trustedUser"]);
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
    const third = await getJson(fake, `${ROLES_PATH}?pageSize=1&pageNumber=3`, token);
    expect(first.body).toEqual(expect.objectContaining({ total: 3, pageCount: 3, nextUri: expect.stringContaining("pageNumber=2") }));
    expect([first.body.entities[0].name, second.body.entities[0].name, third.body.entities[0].name]).toEqual(["admin", "employee", "Trusted External User"]);
    expect(third.body.nextUri).toBeUndefined();
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

  describe("POST and DELETE (genesyscloud_auth_role create and destroy)", () => {
    /** The body the provider sends for TestAccResourceAuthRoleBasic's step 1 (description always, permissionPolicies always a list). */
    const created = (over: Record<string, unknown> = {}) => ({
      name: "Terraform Role-1",
      description: "Terraform test role",
      permissions: ["group_creation"],
      permissionPolicies: [{ domain: "directory", entityName: "user", actionSet: ["add"], allowConditions: false }],
      ...over,
    });

    test("POST creates a role and answers it with an id; GET echoes every field as sent", async () => {
      // given the provider's create body
      // when it is posted
      const res = await postJson(fake, ROLES_PATH, token, created());

      // then the role exists, is not a factory role, and reads back exactly as written
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: "Terraform Role-1",
        description: "Terraform test role",
        permissions: ["group_creation"],
        permissionPolicies: [{ domain: "directory", entityName: "user", actionSet: ["add"], allowConditions: false }],
        userCount: 0,
        default: false,
        base: false,
        selfUri: `${ROLES_PATH}/${res.body.id}`,
      });
      expect((await getJson(fake, `${ROLES_PATH}/${res.body.id}?userCount=false`, token)).body).toEqual(res.body);
      expect((await getJson(fake, `${ROLES_PATH}?name=Terraform%20Role-1&pageNumber=1&pageSize=100&userCount=false`, token)).body.entities.map((r: any) => r.id)).toEqual([res.body.id]);
    });

    test("POST of TestAccDataSourceAuthRole's body (empty description, no permissions, an empty policy list) stores it so", async () => {
      const res = await postJson(fake, ROLES_PATH, token, { name: "Terraform Role-2", description: "", permissionPolicies: [] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ description: "", permissions: [], permissionPolicies: [] }));
    });

    test("PUT of TestAccResourceAuthRoleBasic's step 2 (directory:user:*, directory:group add and edit) is echoed with the wildcard as sent", async () => {
      const id = (await postJson(fake, ROLES_PATH, token, created())).body.id;
      const policies = [
        { domain: "directory", entityName: "user", actionSet: ["*"], allowConditions: false },
        { domain: "directory", entityName: "group", actionSet: ["add", "edit"], allowConditions: false },
      ];
      const res = await putJson(fake, `${ROLES_PATH}/${id}`, token, created({ description: "Terraform test role updated", permissions: ["group_creation", "admin"], permissionPolicies: policies }));
      expect(res.status).toBe(200);
      expect((await getJson(fake, `${ROLES_PATH}/${id}`, token)).body).toEqual(expect.objectContaining({ description: "Terraform test role updated", permissions: ["group_creation", "admin"], permissionPolicies: policies }));
    });

    test.each([
      ["no name", { name: undefined }, /^name is required/],
      ["the name of another role", { name: "employee" }, /^A role named employee already exists/],
      ["an unknown permission", { permissionPolicies: [{ domain: "directory", entityName: "user", actionSet: ["fly"] }] }, /^Permission policy not found: directory:user:fly$/],
      ["an unknown field", { permission: [] }, /^Unrecognized field\(s\) "permission" for DomainOrganizationRoleCreate/],
    ])("POST with %s answers 400 and creates nothing", async (_case, over, message) => {
      const before = Object.keys(fake.snapshot("org-a").roles).length;
      const res = await postJson(fake, ROLES_PATH, token, created(over));
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
      expect(Object.keys(fake.snapshot("org-a").roles)).toHaveLength(before);
    });

    test("POST ignores a defaultRoleId: a created role is never a factory role", async () => {
      const res = await postJson(fake, ROLES_PATH, token, created({ defaultRoleId: "trustedUser" }));
      expect(res.status).toBe(200);
      expect(res.body.defaultRoleId).toBeUndefined();
      expect((await getJson(fake, `${ROLES_PATH}?defaultRoleId=trustedUser`, token)).body.total).toBe(1);
    });

    test("DELETE removes a created role: 204, then GET is a 404 (what the provider polls for, and its CheckDestroy expects)", async () => {
      const id = (await postJson(fake, ROLES_PATH, token, created())).body.id;
      expect((await deleteJson(fake, `${ROLES_PATH}/${id}`, token)).status).toBe(204);
      expect((await getJson(fake, `${ROLES_PATH}/${id}?userCount=false`, token)).status).toBe(404);
      expect((await deleteJson(fake, `${ROLES_PATH}/${id}`, token)).status).toBe(404);
    });

    test("DELETE of a factory role is a 400; the role stays", async () => {
      const res = await deleteJson(fake, `${ROLES_PATH}/${employee().id}`, token);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^Role employee is a default role; it cannot be deleted/);
      expect(fake.role("org-a", "employee")).toBeDefined();
    });

    test("roles created in one org are not seen from another", async () => {
      const id = (await postJson(fake, ROLES_PATH, token, created())).body.id;
      const t = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b" }));
      expect((await getJson(fake, `${ROLES_PATH}/${id}`, t)).status).toBe(404);
      expect((await deleteJson(fake, `${ROLES_PATH}/${id}`, t)).status).toBe(404);
      expect((await postJson(fake, ROLES_PATH, t, created())).status).toBe(200);
    });
  });

  describe("the factory role trustedUser and PUT /roles/default (TestAccResourceAuthRoleDefault)", () => {
    const trusted = () => fake.role("org-a", "Trusted External User")!;
    const TRUSTEE_VIEWS = ["orgTrusteeGroup", "orgTrusteeUser", "orgTrustor"].map((entityName) => ({ domain: "authorization", entityName, actionSet: ["view"], allowConditions: false }));
    /** What the provider PUTs when it takes the default role over. */
    const takeover = { name: "Trusted External User", description: "Terraform test role", permissions: ["group_creation"], permissionPolicies: [{ domain: "directory", entityName: "user", actionSet: ["add"], allowConditions: false }, ...TRUSTEE_VIEWS] };
    const RESTORE_PATH = `${ROLES_PATH}/default`;

    test("a new org has the factory role trustedUser, named Trusted External User, holding the three org-trustee view permissions", async () => {
      // when the provider looks the default role up as it does (defaultRoleId, one per page)
      const res = await getJson(fake, `${ROLES_PATH}?defaultRoleId=trustedUser&pageNumber=1&pageSize=1&userCount=false`, token);

      // then it finds the role, with its factory policies
      expect(res.body.entities).toEqual([expect.objectContaining({ id: trusted().id, name: "Trusted External User", defaultRoleId: "trustedUser", default: true, permissionPolicies: TRUSTEE_VIEWS })]);
    });

    test("the provider's takeover PUT is echoed exactly and keeps defaultRoleId (its import step verifies every field)", async () => {
      const res = await putJson(fake, `${ROLES_PATH}/${trusted().id}`, token, takeover);
      expect(res.status).toBe(200);
      expect((await getJson(fake, `${ROLES_PATH}/${trusted().id}?userCount=false`, token)).body).toEqual(
        expect.objectContaining({ ...takeover, id: trusted().id, defaultRoleId: "trustedUser", default: true }),
      );
    });

    test("PUT /roles/default with [{id}] gives a default role its factory name, description, permissions and policies back", async () => {
      // given the taken-over trustedUser role and a changed employee role
      const id = trusted().id;
      const factoryEmployee = employee();
      const factoryTrusted = trusted();
      await putJson(fake, `${ROLES_PATH}/${id}`, token, takeover);
      await putJson(fake, `${ROLES_PATH}/${factoryEmployee.id}`, token, { name: "employee", permissionPolicies: JOURNEY_POLICIES });

      // when the provider restores trustedUser on destroy (a list of roles holding only their id)
      const res = await putJson(fake, RESTORE_PATH, token, [{ id }]);

      // then trustedUser is as a new org has it, the answer lists it, and employee is untouched
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ total: 1, pageCount: 1, entities: [expect.objectContaining({ id, name: "Trusted External User", permissions: [], permissionPolicies: TRUSTEE_VIEWS })] }));
      expect(trusted()).toEqual(factoryTrusted);
      expect(employee().permissionPolicies).toEqual(JOURNEY_POLICIES);
    });

    test("PUT /roles/default restores several roles at once, admin with its org's products", async () => {
      // given admin and employee changed in an org without journey
      const t = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b", products: [] }));
      const [admin, emp] = [fake.role("org-b", "admin")!, fake.role("org-b", "employee")!];
      await putJson(fake, `${ROLES_PATH}/${admin.id}`, t, { name: "Administrators", permissionPolicies: [] });
      await putJson(fake, `${ROLES_PATH}/${emp.id}`, t, { name: "employee", description: "changed", permissionPolicies: [] });

      // when both are restored
      const res = await putJson(fake, RESTORE_PATH, t, [{ id: admin.id }, { id: emp.id, name: "ignored" }]);

      // then both are back, admin without journey permissions
      expect(res.status).toBe(200);
      expect(fake.role("org-b", "admin")).toEqual(admin);
      expect(fake.role("org-b", "employee")).toEqual(emp);
      expect(fake.role("org-b", "Administrators")).toBeUndefined();
    });

    test.each([
      ["a created role", async () => [{ id: (await postJson(fake, ROLES_PATH, token, { name: "mine" })).body.id }], 400, /is not a default role/],
      ["an unknown id", async () => [{ id: "00000000-0000-0000-0000-000000000000" }], 404, /not found/],
      ["an element without id", async () => [{ name: "employee" }], 400, /^\[1\]\.id is required/],
      ["an object instead of a list", async () => ({ id: "x" }), 400, /must be a JSON list of roles/],
      ["an unknown field", async () => [{ id: "x", defaultRole: "admin" }], 400, /Unrecognized field\(s\) "defaultRole" in \[1\]/],
    ])("PUT /roles/default with %s is refused, and nothing is restored", async (_case, body, status, message) => {
      // given a taken-over trustedUser role
      await putJson(fake, `${ROLES_PATH}/${trusted().id}`, token, takeover);

      // when its restore is sent along with a bad element
      const bad = await body();
      const res = await putJson(fake, RESTORE_PATH, token, Array.isArray(bad) ? [{ id: trusted().id }, ...bad] : bad);

      // then it is refused and trustedUser keeps the takeover
      expect(res.status).toBe(status);
      expect(res.body.message).toMatch(message);
      expect(trusted().description).toBe("Terraform test role");
    });

    test("PUT /roles/default refuses to restore a name another role has taken", async () => {
      await putJson(fake, `${ROLES_PATH}/${employee().id}`, token, { name: "staff" });
      await postJson(fake, ROLES_PATH, token, { name: "employee" });
      const res = await putJson(fake, RESTORE_PATH, token, [{ id: employee().id }]);
      expect(res.status).toBe(400);
      expect(fake.role("org-a", "staff")).toBeDefined();
    });

    test("the permissions the provider's auth_role tests grant exist: directory:group, the org-trustee views, analytics:userObservation", async () => {
      const policies = [
        { domain: "directory", entityName: "group", actionSet: ["add", "edit"] },
        ...TRUSTEE_VIEWS,
        { domain: "analytics", entityName: "userObservation", actionSet: ["*"] },
      ];
      const res = await postJson(fake, ROLES_PATH, token, { name: "all of them", permissionPolicies: policies });
      expect(res.status).toBe(200);
      expect(permissionsOf(fake.role("org-a", "admin")!.permissionPolicies)).toEqual(expect.arrayContaining(["directory:group:add", "authorization:orgTrustor:view", "analytics:userObservation:view"]));
    });
  });

  test("roles are per org", async () => {
    const t = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b" }));
    expect((await getJson(fake, `${ROLES_PATH}/${employee().id}`, t)).status).toBe(404);
    expect(fake.role("org-b", "employee")!.id).not.toBe(employee().id);
  });
});
