import { Testing, TerraformStack } from "cdktf";
import { HybridOrg, HybridOrgProps } from "../../constructs/hybrid-org";
import { RestapiProvider } from "../../.gen/providers/restapi/provider";
import { GenesyscloudProvider } from "../../.gen/providers/genesyscloud/provider";

const ORG_ID = "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11";

function orgIn(props: Partial<HybridOrgProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "acme");
  const org = new HybridOrg(stack, "org", { organizationId: ORG_ID, organizationShortName: "acme", region: "eu-west-1", ...props });
  return { stack, org };
}

describe("HybridOrg", () => {
  test("derives the region's URLs", () => {
    // given an org in eu-west-1
    // when it is constructed
    const { org } = orgIn();

    // then the transaction-object URLs use the region's login and api hosts
    expect(org.endpoints.baseAuthUrl).toBe("https://login.mypurecloud.ie/oauth/token");
    expect(org.endpoints.baseServiceUrl).toBe("https://api.mypurecloud.ie/api/");
    expect(org.endpoints.appsUrl).toBe("https://apps.mypurecloud.ie");
    expect(org.endpoints.firewall.map((r) => `${r.host}:${r.port}`)).toEqual([
      "login.mypurecloud.ie:443",
      "api.mypurecloud.ie:443",
      "apps.mypurecloud.ie:443",
    ]);
    expect(org.organizationDomainSuffix).toBe("com");
  });

  test.each([
    ["ap-southeast-2", "https://api.mypurecloud.com.au"],
    ["ca-central-1", "https://api.cac1.pure.cloud"],
    ["us-east-1", "https://api.mypurecloud.com"],
  ])("reaches %s at %s", (region, api) => {
    // given / when
    const { org } = orgIn({ region });
    // then
    expect(org.endpoints.apiUrl).toBe(api);
  });

  test("configures the restapi provider with the org's own admin client, from variables", () => {
    // given an org whose credentials come from tenant-specific variables
    const { stack } = orgIn({ credentialsVariablePrefix: "acme" });

    // when it is synthesized
    const json = Testing.synth(stack);
    const parsed = JSON.parse(json);

    // then the provider reads the client from TF_VAR_acme_admin_client_* and holds no literal secret
    expect(json).toHaveProviderWithProperties(RestapiProvider, {
      uri: "https://api.mypurecloud.ie",
      oauth_client_credentials: {
        oauth_client_id: "${var.acme_admin_client_id}",
        oauth_client_secret: "${var.acme_admin_client_secret}",
        oauth_token_endpoint: "https://login.mypurecloud.ie/oauth/token",
      },
    });
    expect(parsed.variable.acme_admin_client_secret).toEqual(expect.objectContaining({ sensitive: true, type: "string" }));
  });

  test.each([
    [{ organizationId: "not-a-uuid" }, /organizationId "not-a-uuid" is not a UUID; copy the Organization ID/],
    [{ region: "eu-west-9" }, /region "eu-west-9" is unknown; use one of: .*eu-west-1/],
    [{ organizationShortName: "acme corp" }, /organizationShortName "acme corp" is not an org short name/],
    [{ organizationDomainSuffix: "co.uk" }, /organizationDomainSuffix "co.uk" is not a DNS top-level domain/],
    [{ credentialsVariablePrefix: "Acme-1" }, /credentialsVariablePrefix "Acme-1" cannot name a Terraform variable/],
  ])("rejects %p", (props, message) => {
    // given / when / then: the message names the construct path, the value and the fix
    expect(() => orgIn(props)).toThrow(message);
    expect(() => orgIn(props)).toThrow(/^acme\/org: /);
  });
});

describe("HybridOrg across tenants", () => {
  test("two tenants in the same org fail synthesis, naming both", () => {
    // given two stacks for the same Genesys Cloud org
    const app = Testing.app();
    new HybridOrg(new TerraformStack(app, "acme"), "org", { organizationId: ORG_ID, organizationShortName: "acme", region: "eu-west-1" });
    new HybridOrg(new TerraformStack(app, "globex"), "org", { organizationId: ORG_ID, organizationShortName: "globex", region: "eu-west-1" });
    // when / then
    expect(() => app.synth()).toThrow(/acme\/org: organizationId "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11" is also the org of globex\/org; every tenant needs its own Genesys Cloud org/);
  });
});

describe("HybridOrg and the tenants file", () => {
  test.each([["xn--p1ai"], ["de"]])("accepts the domain suffix %s, as the tenants file does", (suffix) => {
    expect(orgIn({ organizationDomainSuffix: suffix }).org.organizationDomainSuffix).toBe(suffix);
  });
});

describe("HybridOrg and the genesyscloud provider", () => {
  test("a stack that uses no OAuth client or role needs no genesyscloud provider", () => {
    // given an org whose look-ups nothing asks for
    const { stack } = orgIn();
    // when synthesized, then only the restapi provider is configured
    expect(Object.keys(JSON.parse(Testing.synth(stack)).provider)).toEqual(["restapi"]);
  });

  test("configures it for the org's region and admin client once, with each look-up made once", () => {
    // given an org asked twice for the admin role and the home division
    const { stack, org } = orgIn({ credentialsVariablePrefix: "acme" });
    org.roleId("admin");
    org.roleId("admin");
    org.roleId("employee");
    org.homeDivisionId;
    org.homeDivisionId;

    // when synthesized
    const json = Testing.synth(stack);
    const parsed = JSON.parse(json);

    // then the provider uses the region and the same admin-client variables as restapi
    expect(json).toHaveProviderWithProperties(GenesyscloudProvider, {
      aws_region: "eu-west-1",
      oauthclient_id: "${var.acme_admin_client_id}",
      oauthclient_secret: "${var.acme_admin_client_secret}",
    });
    expect(parsed.provider.genesyscloud[0].gateway).toBeUndefined();
    // and each role and the home division are looked up once
    expect(Object.values(parsed.data.genesyscloud_auth_role).map((r: any) => r.name).sort()).toEqual(["admin", "employee"]);
    expect(Object.keys(parsed.data.genesyscloud_auth_division_home)).toHaveLength(1);
  });
});
