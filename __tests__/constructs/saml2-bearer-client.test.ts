import { Testing, TerraformStack } from "cdktf";
import { OauthClient } from "../../.gen/providers/genesyscloud/oauth-client";
import { HybridOrg } from "../../constructs/hybrid-org";
import { DEFAULT_SAML2_BEARER_SCOPES, Saml2BearerClient, Saml2BearerClientProps } from "../../constructs/saml2-bearer-client";

function clientIn(props: Partial<Saml2BearerClientProps> = {}, region = "eu-west-1") {
  const stack = new TerraformStack(Testing.app(), "acme");
  const org = new HybridOrg(stack, "org", { organizationId: "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11", organizationShortName: "acme", region });
  const client = new Saml2BearerClient(stack, "saml2-bearer-client", { org, ...props });
  return { stack, client };
}

describe("Saml2BearerClient", () => {
  test("is a SAML2 Bearer client redirecting to the region's apps URL, with the default scopes and no roles", () => {
    // given a client with only the org, in ap-southeast-2
    const { stack } = clientIn({}, "ap-southeast-2");

    // when it is synthesized
    const json = Testing.synth(stack);

    // then
    expect(json).toHaveResourceWithProperties(OauthClient, {
      name: "PureEngage SAML2 Bearer",
      authorized_grant_type: "SAML2-BEARER",
      access_token_validity_seconds: 86400,
      registered_redirect_uris: ["https://apps.mypurecloud.com.au"],
      scopes: [...DEFAULT_SAML2_BEARER_SCOPES],
      expose_client_secret: true,
      lifecycle: { prevent_destroy: true },
    });
    const resource = JSON.parse(json).resource.genesyscloud_oauth_client["saml2-bearer-client"];
    expect(resource.roles).toBeUndefined();
    // and no role or division is looked up for it
    expect(JSON.parse(json).data).toBeUndefined();
  });

  test("takes redirect URIs, scopes and token duration from props", () => {
    const { stack } = clientIn({ authorizedRedirectUris: ["https://apps.mypurecloud.ie/wde"], scopes: ["journey"], accessTokenValiditySeconds: 43200 });
    const resource = JSON.parse(Testing.synth(stack)).resource.genesyscloud_oauth_client["saml2-bearer-client"];
    expect(resource.registered_redirect_uris).toEqual(["https://apps.mypurecloud.ie/wde"]);
    expect(resource.scopes).toEqual(["journey"]);
    expect(resource.access_token_validity_seconds).toBe(43200);
  });

  test.each([
    [{ authorizedRedirectUris: ["http://apps.mypurecloud.ie"] }, /authorizedRedirectUris has "http:\/\/apps.mypurecloud.ie", which is not an https URL; use e.g. https:\/\/apps.mypurecloud.ie/],
    [{ authorizedRedirectUris: [] }, /authorizedRedirectUris is empty/],
    [{ scopes: [] }, /scopes is empty; a SAML2 Bearer client needs scopes/],
    [{ scopes: ["Journey View"] }, /scopes has "Journey View", which is not an OAuth scope/],
    [{ accessTokenValiditySeconds: 100 }, /accessTokenValiditySeconds 100 is out of range/],
  ])("rejects %p, naming the construct", (props, message) => {
    expect(() => clientIn(props)).toThrow(message);
    expect(() => clientIn(props)).toThrow(/^acme\/saml2-bearer-client: /);
  });
});
