import { Testing, TerraformStack } from "cdktf";
import { ObjectResource } from "../../.gen/providers/restapi/object-resource";
import { HybridOrg } from "../../constructs/hybrid-org";
import { PureEngageIdp, PureEngageIdpProps } from "../../constructs/pureengage-idp";
import { testCertificatePem } from "../helpers/test-certificate";
import { pemBody } from "../../core/certs/pem";

const CERT = testCertificatePem();
const body = (pem: string) => pemBody(pem, "CERTIFICATE", "the test certificate");
const CERT_BODY = body(CERT);
const NEXT = testCertificatePem({ commonName: "next SAML signing" });
const NEXT_BODY = body(NEXT);

function idpIn(props: Partial<PureEngageIdpProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "acme");
  const org = new HybridOrg(stack, "org", { organizationId: "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11", organizationShortName: "acme", region: "eu-west-1" });
  const idp = new PureEngageIdp(stack, "pureengage-idp", { org, issuerUri: "https://engage.acme.example/pureengage", certificatePem: CERT, ...props });
  return { stack, idp };
}

function idpResource(stack: TerraformStack): Record<string, any> {
  const resources = JSON.parse(Testing.synth(stack)).resource.restapi_object;
  const all = Object.values(resources) as Record<string, any>[];
  expect(all).toHaveLength(1);
  return all[0];
}

describe("PureEngageIdp", () => {
  test("PUTs the seed's identity provider body to the singleton path", () => {
    // given an identity provider with only the required props
    const { stack, idp } = idpIn();

    // when it is synthesized
    const resource = idpResource(stack);

    // then it is created, updated, read and deleted at /api/v2/identityproviders/pureengage
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ObjectResource, {
      path: "/api/v2/identityproviders/pureengage",
      create_path: "/api/v2/identityproviders/pureengage",
      read_path: "/api/v2/identityproviders/pureengage",
      update_path: "/api/v2/identityproviders/pureengage",
      destroy_path: "/api/v2/identityproviders/pureengage",
      create_method: "PUT",
      update_method: "PUT",
      destroy_method: "DELETE",
      object_id: "pureengage",
    });
    // and the body is the seed's, with the certificate's PEM body and the region's apps URL
    expect(JSON.parse(resource.data)).toEqual({
      name: "Genesys Engage",
      autoProvisionUsers: true,
      certificate: CERT_BODY,
      // the trusted list, the signing certificate alone outside a rollover
      certificates: [CERT_BODY],
      issuerURI: "https://engage.acme.example/pureengage",
      ssoTargetURI: "https://apps.mypurecloud.ie",
      disabled: false,
    });
    expect(idp.issuer).toBe("https://engage.acme.example/pureengage");
  });

  test("is protected against destroy unless opted out", () => {
    // given one protected (default) and one opted-out identity provider
    const protectedIdp = idpResource(idpIn().stack);
    const unprotected = idpResource(idpIn({ preventDestroy: false }).stack);

    // then only the first carries prevent_destroy
    expect(protectedIdp.lifecycle).toEqual({ prevent_destroy: true });
    expect(unprotected.lifecycle).toEqual({ prevent_destroy: false });
  });

  test("keeps its construct id, so its Terraform address never changes", () => {
    // given the identity provider of a tenant stack
    const { stack } = idpIn();
    // when synthesized, then its address is the construct id itself
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.restapi_object)).toEqual(["pureengage-idp"]);
  });

  test("takes a custom name and SSO target", () => {
    const { stack } = idpIn({ name: "Genesys Multicloud CX", ssoTargetUri: "https://apps.mypurecloud.com" });
    const body = JSON.parse(idpResource(stack).data);
    expect(body.name).toBe("Genesys Multicloud CX");
    expect(body.ssoTargetURI).toBe("https://apps.mypurecloud.com");
  });

  test.each([
    ["publish", CERT_BODY, [CERT_BODY, NEXT_BODY]],
    ["switch", NEXT_BODY, [NEXT_BODY, CERT_BODY]],
    ["retire", NEXT_BODY, [NEXT_BODY]],
  ] as const)("in a key rollover at stage %s, trusts the stage's certificates and signs with its own", (stage, certificate, certificates) => {
    // given an identity provider rolling its key over to NEXT
    const { stack, idp } = idpIn({ rollover: { nextCertificatePem: NEXT, stage } });
    // when synthesized, then certificate and certificates are the stage's
    const data = JSON.parse(idpResource(stack).data);
    expect({ certificate: data.certificate, certificates: data.certificates }).toEqual({ certificate, certificates });
    expect(idp.rolloverStage).toBe(stage);
  });

  test("after retire, the next certificate declared as the current one without a rollover is the same body: nothing to update", () => {
    // given the retire stage, and the tenant once the next set became the current one
    const retired = idpResource(idpIn({ rollover: { nextCertificatePem: NEXT, stage: "retire" } }).stack);
    const after = idpResource(idpIn({ certificatePem: NEXT }).stack);
    // then the identity provider's data is the same, character for character
    expect(after.data).toBe(retired.data);
  });

  test.each([
    [{ rollover: { nextCertificatePem: NEXT, stage: "finish" as never } }, /rollover.stage "finish" is not a stage; use one of publish, switch, retire/],
    [{ rollover: { nextCertificatePem: CERT, stage: "publish" as const } }, /rollover.nextCertificatePem is the current certificate; give the next key set's certificate/],
    [{ rollover: { nextCertificatePem: "junk", stage: "publish" as const } }, /rollover.nextCertificatePem: not a PEM file/],
    [{ autoProvisionUsers: false }, /autoProvisionUsers is false; the PureEngage identity provider must auto-provision users/],
    [{ issuerUri: "engage/pureengage" }, /issuerUri "engage\/pureengage" is not an absolute http\(s\) URL or URN/],
    [{ issuerUri: "mailto:x" }, /issuerUri "mailto:x" is not an absolute http\(s\) URL or URN/],
    [{ ssoTargetUri: "http://apps.mypurecloud.ie" }, /ssoTargetUri "http:\/\/apps.mypurecloud.ie" is not an https URL/],
    [{ certificatePem: "hello" }, /certificatePem: not a PEM file/],
  ])("rejects %p", (props, message) => {
    expect(() => idpIn(props)).toThrow(message);
  });
});

describe("PureEngageIdp across tenants", () => {
  test("two identity providers with the same issuer fail synthesis, naming both", () => {
    // given two tenant stacks whose identity providers share an issuer
    const app = Testing.app();
    for (const [name, orgId] of [["acme", "3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11"], ["globex", "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b"]]) {
      const stack = new TerraformStack(app, name);
      const org = new HybridOrg(stack, "org", { organizationId: orgId, organizationShortName: name, region: "eu-west-1" });
      new PureEngageIdp(stack, "pureengage-idp", { org, issuerUri: "https://engage.example/pureengage", certificatePem: CERT });
    }
    // when / then
    expect(() => app.synth()).toThrow(/acme\/pureengage-idp: issuerUri "https:\/\/engage.example\/pureengage" is also the issuer of globex\/pureengage-idp; give every tenant its own issuer URI/);
  });
});
