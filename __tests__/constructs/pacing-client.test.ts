import { Testing, TerraformStack } from "cdktf";
import { OauthClient } from "../../.gen/providers/genesyscloud/oauth-client";
import { HybridOrg } from "../../constructs/hybrid-org";
import { PacingClient, PacingClientProps } from "../../constructs/pacing-client";

function clientIn(props: Partial<PacingClientProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "acme");
  const org = new HybridOrg(stack, "org", { organizationId: "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11", organizationShortName: "acme", region: "eu-west-1" });
  const client = new PacingClient(stack, "pacing-client", { org, ...props });
  return { stack, client };
}

function synthesized(stack: TerraformStack) {
  return JSON.parse(Testing.synth(stack));
}

describe("PacingClient", () => {
  test("is the seed's Client Credentials client with the admin role in the home division", () => {
    // given a pacing client with only the org
    const { stack } = clientIn();

    // when it is synthesized
    const json = Testing.synth(stack);
    const parsed = JSON.parse(json);

    // then it is named, typed and timed as the seed's UI shows it, and its secret is kept
    expect(json).toHaveResourceWithProperties(OauthClient, {
      name: "PureEngage Client Credentials",
      authorized_grant_type: "CLIENT-CREDENTIALS",
      access_token_validity_seconds: 86400,
      expose_client_secret: true,
      lifecycle: { prevent_destroy: true },
    });
    // and its one role is the org's admin role, in the org's home division, both looked up
    const adminLookup = Object.entries(parsed.data.genesyscloud_auth_role).find(([, r]: any) => r.name === "admin")![0];
    const homeLookup = Object.keys(parsed.data.genesyscloud_auth_division_home)[0];
    expect(parsed.resource.genesyscloud_oauth_client["pacing-client"].roles).toEqual([
      { role_id: `\${data.genesyscloud_auth_role.${adminLookup}.id}`, division_id: `\${data.genesyscloud_auth_division_home.${homeLookup}.id}` },
    ]);
  });

  test("exposes its id and secret as references to the client, the secret never as a value", () => {
    // given / when
    const { stack, client } = clientIn();
    const out = Testing.synthScope((scope) => {
      new (require("cdktf").TerraformOutput)(scope, "o", { value: { id: client.clientId, secret: client.clientSecret } });
    });
    // then both resolve to the client's attributes
    expect(synthesized(stack).resource.genesyscloud_oauth_client["pacing-client"].client_secret).toBeUndefined();
    expect(out).toContain("genesyscloud_oauth_client.pacing-client.id");
    expect(out).toContain("genesyscloud_oauth_client.pacing-client.client_secret");
  });

  test("takes its name, token duration and roles from props", () => {
    const { stack } = clientIn({ name: "Pacing", accessTokenValiditySeconds: 300, roles: ["admin", "Pacing Service"] });
    const parsed = synthesized(stack);
    const resource = parsed.resource.genesyscloud_oauth_client["pacing-client"];
    expect(resource.name).toBe("Pacing");
    expect(resource.access_token_validity_seconds).toBe(300);
    expect(resource.roles).toHaveLength(2);
    expect(Object.values(parsed.data.genesyscloud_auth_role).map((r: any) => r.name).sort()).toEqual(["Pacing Service", "admin"]);
  });

  test("is protected against destroy unless opted out, at a fixed address", () => {
    const { stack } = clientIn({ preventDestroy: false });
    const resources = synthesized(stack).resource.genesyscloud_oauth_client;
    expect(Object.keys(resources)).toEqual(["pacing-client"]);
    expect(resources["pacing-client"].lifecycle).toEqual({ prevent_destroy: false });
  });

  test.each([
    [{ accessTokenValiditySeconds: 299 }, /accessTokenValiditySeconds 299 is out of range; use whole seconds from 300 \(5 minutes\) to 172800 \(48 hours\)/],
    [{ accessTokenValiditySeconds: 172801 }, /accessTokenValiditySeconds 172801 is out of range/],
    [{ accessTokenValiditySeconds: 86400.5 }, /accessTokenValiditySeconds 86400.5 is out of range/],
    [{ roles: [] }, /roles is empty; a Client Credentials client needs at least one role/],
    [{ roles: ["admin", "admin"] }, /roles \["admin","admin"\] names a role twice/],
    [{ name: " " }, /name " " is empty; give the OAuth client a name/],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => clientIn(props)).toThrow(message);
    expect(() => clientIn(props)).toThrow(/^acme\/pacing-client: /);
  });
});
