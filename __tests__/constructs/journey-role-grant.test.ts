import { Testing, TerraformStack } from "cdktf";
import { ObjectResource } from "../../.gen/providers/restapi/object-resource";
import { HybridOrg } from "../../constructs/hybrid-org";
import { JOURNEY_AGENT_PERMISSIONS, JourneyRoleGrant, JourneyRoleGrantProps } from "../../constructs/journey-role-grant";

function grantIn(props: Partial<JourneyRoleGrantProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "acme");
  const org = new HybridOrg(stack, "org", { organizationId: "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11", organizationShortName: "acme", region: "eu-west-1" });
  const grant = new JourneyRoleGrant(stack, "journey-role-grant", { org, ...props });
  return { stack, grant };
}

describe("JourneyRoleGrant", () => {
  test("PUTs the employee role found by name, with the read role as its body, and PUTs it back on destroy", () => {
    // given a grant with only the org
    const { stack, grant } = grantIn();

    // when it is synthesized
    const json = Testing.synth(stack);
    const parsed = JSON.parse(json);

    // then the role is found by name among /api/v2/authorization/roles, its own GET sent without the search
    const [roleLookupId, roleLookup] = Object.entries(parsed.data.restapi_object)[0] as [string, any];
    expect(roleLookup).toEqual(expect.objectContaining({
      path: "/api/v2/authorization/roles", query_string: "name=employee", read_query_string: "", search_key: "name", search_value: "employee", results_key: "entities",
    }));
    // and it is PUT whole at /api/v2/authorization/roles/{id}, on create, update and destroy
    expect(json).toHaveResourceWithProperties(ObjectResource, {
      path: "/api/v2/authorization/roles",
      create_method: "PUT",
      update_method: "PUT",
      destroy_method: "PUT",
      create_path: "/api/v2/authorization/roles/{id}",
      read_path: "/api/v2/authorization/roles/{id}",
      update_path: "/api/v2/authorization/roles/{id}",
      destroy_path: "/api/v2/authorization/roles/{id}",
      object_id: `\${data.restapi_object.${roleLookupId}.id}`,
    });
    const resource = parsed.resource.restapi_object["journey-role-grant"];
    expect(resource.data).toMatch(/^\$\{jsonencode\(\{ name = local\.[^ ]+\.name, .*permissionPolicies = local\.[^ ]*with-grant[^ ]* \}\)\}$/);
    expect(resource.destroy_data).toMatch(/permissionPolicies = local\.[^ ]*without-grant[^ ]* \}\)\}$/);
    // and the permissions granted are the agent's Predictive Engagement permissions
    expect(grant.permissions).toEqual(JOURNEY_AGENT_PERMISSIONS);
    expect(Object.values(parsed.locals)).toContainEqual([...JOURNEY_AGENT_PERMISSIONS]);
  });

  test("remembers the role's permissions at the first deploy and never updates that memory", () => {
    const parsed = JSON.parse(Testing.synth(grantIn().stack));
    const [baseline] = Object.values(parsed.resource.terraform_data) as any[];
    expect(baseline.input).toMatch(/^\$\{local\.journey-role-grant_held_[0-9A-F]+\}$/);
    expect(baseline.lifecycle).toEqual({ ignore_changes: ["input"] });
  });

  test("looks up the Journey product before reading the role, so an org without it fails at plan", () => {
    const parsed = JSON.parse(Testing.synth(grantIn().stack));
    const [productId, product] = Object.entries(parsed.data.genesyscloud_authorization_product)[0] as [string, any];
    expect(product.name).toBe("journey");
    const [roleLookup] = Object.values(parsed.data.restapi_object) as any[];
    expect(roleLookup.depends_on).toEqual([`data.genesyscloud_authorization_product.${productId}`]);
  });

  test("takes another role and permissions, and keeps its address", () => {
    const { stack } = grantIn({ roleName: "AI Agent", permissions: ["journey:session:view"] });
    const parsed = JSON.parse(Testing.synth(stack));
    const [roleLookup] = Object.values(parsed.data.restapi_object) as any[];
    expect(roleLookup.query_string).toBe("name=AI%20Agent");
    expect(roleLookup.search_value).toBe("AI Agent");
    expect(Object.values(parsed.locals)).toContainEqual(["journey:session:view"]);
    expect(Object.keys(parsed.resource.restapi_object)).toEqual(["journey-role-grant"]);
  });

  test.each([
    [{ roleName: "" }, /roleName "" is empty; name the role auto-provisioned users get/],
    [{ permissions: [] }, /permissions is empty; grant at least one/],
    [{ permissions: ["Journey > Session > View"] }, /permissions has "Journey > Session > View", which is not domain:entity:action; write e.g. "journey:session:view"/],
    [{ permissions: ["journey:session:view", "journey:session:view"] }, /lists a permission twice/],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => grantIn(props)).toThrow(message);
    expect(() => grantIn(props)).toThrow(/^acme\/journey-role-grant: /);
  });
});
