/**
 * End to end: the real Terraform and the real restapi provider v1.20.0 (both from
 * `npm run toolchain`, providers from the mirror only) deploy a HybridOrg +
 * PureEngageIdp stack per org into the Genesys Cloud double, for two orgs with their
 * own admin clients.
 *
 * The tests are steps of one deployment's life and run in order: each starts from
 * the state (double and Terraform) the previous one left.
 */
import { HybridOrg } from "../../constructs/hybrid-org";
import { GenesysCloudDouble, OrgCredentials, OrgState, PUREENGAGE_PATH, RequestRecord, TOKEN_PATH } from "../../genesys-cloud-double";
import {
  addPureEngageOrg,
  adminCredentialsEnv,
  describeRun,
  GenesysApiClient,
  makeTempDir,
  planActions,
  removeTempDir,
  runTerraform,
  SynthesizedStack,
  synthStack,
  TerraformResult,
} from "../../testing/e2e";
import { testCertificatePem } from "../helpers/test-certificate";

const IDP_ADDRESS = "restapi_object.pureengage-idp";

interface Tenant {
  readonly orgId: string;
  readonly shortName: string;
  readonly prefix: string;
  readonly certificatePem: string;
  readonly certificateBody: string;
  creds: OrgCredentials;
  before: OrgState;
  outdir: string;
  stack: SynthesizedStack;
  org: HybridOrg;
}

function tenant(orgId: string, shortName: string): Tenant {
  const certificatePem = testCertificatePem({ commonName: `${shortName} SAML signing` });
  return {
    orgId,
    shortName,
    prefix: shortName,
    certificatePem,
    certificateBody: certificatePem.split("\n").filter((l) => l && !l.startsWith("-----")).join(""),
  } as Tenant;
}

const acme = tenant("3b1f6a55-2f4e-4f8b-9a3e-7c2d1e0f9a11", "acme");
const globex = tenant("9d4e2c10-7a1b-4c3d-8e5f-0a1b2c3d4e5f", "globex");
const issuer = (t: Tenant, version: string) => `https://engage.${t.shortName}.example/pureengage/${version}`;

let fake: GenesysCloudDouble;

/** Synthesizes the tenant's stack (again) into its directory. */
function synth(t: Tenant, issuerUri: string, ssoTargetUri?: string): void {
  t.stack = synthStack(t.outdir, t.shortName, (stack) => {
    t.org = addPureEngageOrg(stack, {
      apiUrl: fake.url,
      organizationId: t.orgId,
      organizationShortName: t.shortName,
      credentialsVariablePrefix: t.prefix,
      issuerUri,
      certificatePem: t.certificatePem,
      ssoTargetUri,
    }).org;
  });
}

/** Terraform in the tenant's stack directory, with its admin client from TF_VAR_... (or other env). */
function tf(t: Tenant, args: string[], env: Record<string, string> = adminCredentialsEnv(t.org, t.creds)): Promise<TerraformResult> {
  return runTerraform(t.stack.dir, args, { env, redact: [acme.creds.adminClientSecret, globex.creds.adminClientSecret] });
}

/** Runs Terraform and returns the result plus the requests the double got meanwhile. */
async function tfWithRequests(t: Tenant, args: string[], env?: Record<string, string>): Promise<{ run: TerraformResult; requests: RequestRecord[] }> {
  const mark = fake.requests.length;
  const run = await tf(t, args, env);
  return { run, requests: fake.requests.slice(mark) };
}

function expectExit(run: TerraformResult, code: number): void {
  if (run.code !== code) throw new Error(`expected exit ${code}:\n${describeRun(run)}`);
}

/** The identity provider the double should hold after an apply. */
function expectedIdp(t: Tenant, issuerUri: string, ssoTargetUri = "https://apps.mypurecloud.ie") {
  return {
    id: "pureengage",
    name: "Genesys Engage",
    autoProvisionUsers: true,
    certificate: t.certificateBody,
    // the certificates it trusts: its own alone, outside a key rollover
    certificates: [t.certificateBody],
    issuerURI: issuerUri,
    ssoTargetURI: ssoTargetUri,
    disabled: false,
    selfUri: PUREENGAGE_PATH,
  };
}

const apiCalls = (requests: RequestRecord[], method?: string) => requests.filter((r) => r.path.startsWith("/api/") && (!method || r.method === method));

describe("PureEngage identity provider, deployed by the real Terraform and restapi v1.20.0 into two orgs", () => {
  beforeAll(async () => {
    fake = await GenesysCloudDouble.start();
    for (const t of [acme, globex]) {
      t.creds = fake.addOrg({ id: t.orgId, shortName: t.shortName });
      t.before = fake.snapshot(t.orgId);
      t.outdir = makeTempDir(`e2e-pureengage-${t.shortName}`);
      synth(t, issuer(t, "v1"));
    }
    // One after the other: both link the provider from the one shared plugin cache, which
    // Terraform does not promise is safe for concurrent inits.
    for (const t of [acme, globex]) expectExit(await tf(t, ["init"]), 0);
  });

  afterAll(async () => {
    await fake?.stop();
    for (const t of [acme, globex]) if (t.outdir) removeTempDir(t.outdir);
  });

  test("the synthesized configurations reference the admin clients as variables and hold neither secret", () => {
    for (const t of [acme, globex]) {
      // given the tenant's synthesized stack
      const { jsonText, json } = t.stack;

      // then no admin secret, of this org or the other, is in it
      for (const secret of [acme.creds.adminClientSecret, globex.creds.adminClientSecret]) expect(jsonText).not.toContain(secret);
      // and the provider reads the org's own variables and talks to the double
      expect(json.provider.restapi).toEqual([
        expect.objectContaining({
          uri: fake.url,
          oauth_client_credentials: {
            oauth_client_id: `\${var.${t.prefix}_admin_client_id}`,
            oauth_client_secret: `\${var.${t.prefix}_admin_client_secret}`,
            oauth_token_endpoint: `${fake.url}${TOKEN_PATH}`,
          },
        }),
      ]);
    }
  });

  test("a wrong admin secret fails the apply with the token endpoint's invalid_client, and nothing is created", async () => {
    // given globex's stack, run with a wrong secret
    const env = { ...adminCredentialsEnv(globex.org, globex.creds), [`TF_VAR_${globex.prefix}_admin_client_secret`]: "not-the-secret" };

    // when it is applied
    const { run, requests } = await tfWithRequests(globex, ["apply", "-auto-approve"], env);

    // then the apply fails on the token request. golang.org/x/oauth2 prints the OAuth error and
    // its description, but neither the HTTP status (401) nor the token URL
    expectExit(run, 1);
    expect(run.stderr).toMatch(/Error: oauth2: "invalid_client"/);
    // it tried Basic auth, then the credentials in the body (oauth2's AuthStyleAutoDetect), and never reached the API
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`POST ${TOKEN_PATH} 401`, `POST ${TOKEN_PATH} 401`]);
    expect(requests[0].headerNames).toContain("Authorization");
    expect(requests[1].headerNames).not.toContain("Authorization");
    // and neither org changed
    expect(fake.snapshot(globex.orgId)).toEqual(globex.before);
    expect(fake.snapshot(acme.orgId)).toEqual(acme.before);
  });

  test("apply creates each org's identity provider in that org only", async () => {
    // when acme's stack is applied
    const first = await tfWithRequests(acme, ["apply", "-auto-approve"]);

    // then acme holds exactly the construct's body plus the server's fields, and globex nothing
    expectExit(first.run, 0);
    expect(fake.identityProvider(acme.orgId)).toEqual(expectedIdp(acme, issuer(acme, "v1")));
    expect(fake.snapshot(globex.orgId)).toEqual(globex.before);
    expect(first.requests.every((r) => r.orgId === acme.orgId)).toBe(true);
    // with a single PUT: write_returns_object fills the state from the PUT's answer
    expect(apiCalls(first.requests).map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 200"]);

    // when globex's stack is applied with its own admin client
    const second = await tfWithRequests(globex, ["apply", "-auto-approve"]);

    // then globex holds its own, and acme's is untouched
    expectExit(second.run, 0);
    expect(fake.identityProvider(globex.orgId)).toEqual(expectedIdp(globex, issuer(globex, "v1")));
    expect(fake.identityProvider(acme.orgId)).toEqual(expectedIdp(acme, issuer(acme, "v1")));
    expect(second.requests.every((r) => r.orgId === globex.orgId)).toBe(true);
  });

  test("a plan right after apply shows no changes", async () => {
    for (const t of [acme, globex]) {
      const { run, requests } = await tfWithRequests(t, ["plan", "-detailed-exitcode"]);
      expectExit(run, 0);
      // the refresh reads the object twice (the SDK's Exists, then Read), each with a fresh token
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`, `GET ${PUREENGAGE_PATH}`, `POST ${TOKEN_PATH}`, `GET ${PUREENGAGE_PATH}`]);
    }
  });

  test("a changed issuer and SSO target plan as an in-place update, and the apply updates the org's identity provider", async () => {
    // given acme's stack with a new issuer and SSO target
    synth(acme, issuer(acme, "v2"), "https://apps.mypurecloud.com");

    // when it is planned
    const plan = await tf(acme, ["plan", "-detailed-exitcode", "-out=update.tfplan"]);

    // then the identity provider is updated in place, not replaced
    expectExit(plan, 2);
    expect(await planActions(acme.stack.dir, "update.tfplan")).toEqual({ [IDP_ADDRESS]: ["update"] });

    // when the plan is applied
    const { run, requests } = await tfWithRequests(acme, ["apply", "update.tfplan"]);

    // then one PUT replaced the body, and nothing was deleted
    expectExit(run, 0);
    expect(apiCalls(requests).map((r) => r.method)).toEqual(["PUT"]);
    expect(fake.identityProvider(acme.orgId)).toEqual(expectedIdp(acme, issuer(acme, "v2"), "https://apps.mypurecloud.com"));
    expect(fake.identityProvider(globex.orgId)).toEqual(expectedIdp(globex, issuer(globex, "v1")));
  });

  test("restapi v1.20.0 does not retry a 429: the apply fails without waiting for Retry-After, the org keeps its identity provider, and the next apply converges", async () => {
    // given a pending change, and Genesys Cloud rate-limiting the next PUT
    synth(acme, issuer(acme, "v3"), "https://apps.mypurecloud.com");
    fake.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 1 }, match: { method: "PUT" } });

    // when it is applied
    const failed = await tfWithRequests(acme, ["apply", "-auto-approve"]);

    // then the apply fails on the 429, which was sent exactly once
    expectExit(failed.run, 1);
    expect(failed.run.stderr).toMatch(/unexpected response code '429'/);
    expect(apiCalls(failed.requests, "PUT").map((r) => r.status)).toEqual([429]);
    expect(fake.identityProvider(acme.orgId)?.issuerURI).toBe(issuer(acme, "v2"));
    expect(fake.faultsRemaining().rateLimit).toBe(0);

    // when it is applied again, without faults
    const retried = await tfWithRequests(acme, ["apply", "-auto-approve"]);

    // then it converges
    expectExit(retried.run, 0);
    expect(fake.identityProvider(acme.orgId)).toEqual(expectedIdp(acme, issuer(acme, "v3"), "https://apps.mypurecloud.com"));
  });

  test("restapi v1.20.0 does not retry a 503 either: one during the refresh fails the apply before anything is written", async () => {
    // given a pending change, and the next read of the identity provider answered 503
    synth(acme, issuer(acme, "v4"), "https://apps.mypurecloud.com");
    fake.setFaults({ unavailable: { count: 1 }, match: { method: "GET", pathPrefix: PUREENGAGE_PATH } });

    // when it is applied
    const failed = await tfWithRequests(acme, ["apply", "-auto-approve"]);

    // then it fails in the refresh, and no PUT was made
    expectExit(failed.run, 1);
    expect(failed.run.stderr).toMatch(/unexpected response code '503'/);
    expect(apiCalls(failed.requests).map((r) => `${r.method} ${r.status}`)).toEqual(["GET 503"]);
    expect(fake.identityProvider(acme.orgId)?.issuerURI).toBe(issuer(acme, "v3"));

    // when it is applied again, then it converges
    expectExit((await tf(acme, ["apply", "-auto-approve"])), 0);
    expect(fake.identityProvider(acme.orgId)?.issuerURI).toBe(issuer(acme, "v4"));
  });

  test("a single 503 from the token endpoint is absorbed by oauth2's auth-style probe; two fail the run", async () => {
    // given the next token request answered 503
    fake.setFaults({ unavailable: { count: 1 }, match: { pathPrefix: TOKEN_PATH } });

    // when acme's stack is planned
    const once = await tfWithRequests(acme, ["plan", "-detailed-exitcode"]);

    // then the plan succeeds: the failed Basic attempt was repeated with the credentials in the
    // body (AuthStyleAutoDetect), a retry by accident, without any wait
    expectExit(once.run, 0);
    expect(once.requests.slice(0, 2).map((r) => [r.path, r.status, r.headerNames.includes("Authorization")])).toEqual([
      [TOKEN_PATH, 503, true],
      [TOKEN_PATH, 200, false],
    ]);

    // given the next two token requests answered 503
    fake.setFaults({ unavailable: { count: 2 }, match: { pathPrefix: TOKEN_PATH } });

    // when planned again, then it fails on the token
    const twice = await tf(acme, ["plan", "-detailed-exitcode"]);
    expectExit(twice, 1);
    expect(twice.stderr).toMatch(/oauth2: cannot fetch token: 503 Service Unavailable/);
    fake.setFaults({});
  });

  test("(restapi v1.20.0 limitation) a change made outside Terraform goes unnoticed: the plan compares `data` with the configuration, never with the API", async () => {
    // given acme's identity provider renamed and disabled in the org, behind Terraform's back
    const admin = new GenesysApiClient(fake.url, acme.creds);
    const current = fake.identityProvider(acme.orgId)!;
    expect((await admin.request("PUT", PUREENGAGE_PATH, { ...current, name: "renamed in the UI", disabled: true })).status).toBe(200);

    // when acme's stack is planned
    const { run, requests } = await tfWithRequests(acme, ["plan", "-detailed-exitcode"]);

    // then Terraform read the changed object, yet reports no changes
    expect(apiCalls(requests, "GET").every((r) => r.status === 200)).toBe(true);
    expectExit(run, 0);
    expect(fake.identityProvider(acme.orgId)).toEqual(expect.objectContaining({ name: "renamed in the UI", disabled: true }));
  });

  test("an identity provider deleted outside Terraform is planned for re-creation, and the apply re-creates it", async () => {
    // given globex's identity provider deleted in the org
    expect((await new GenesysApiClient(fake.url, globex.creds).request("DELETE", PUREENGAGE_PATH)).status).toBe(200);

    // when planned, then the 404 on refresh drops it from the state and it is to be created
    const plan = await tf(globex, ["plan", "-detailed-exitcode", "-out=recreate.tfplan"]);
    expectExit(plan, 2);
    expect(await planActions(globex.stack.dir, "recreate.tfplan")).toEqual({ [IDP_ADDRESS]: ["create"] });

    // when applied, then it is back
    expectExit(await tf(globex, ["apply", "recreate.tfplan"]), 0);
    expect(fake.identityProvider(globex.orgId)).toEqual(expectedIdp(globex, issuer(globex, "v1")));
  });

  // Regression guard: HybridOrg used to set the provider's `headers` to {"Content-Type": ...}; cdktf
  // snake-cases the keys of that map (hashicorp/terraform-cdk#2681), so the provider sent a bogus
  // `Content_type` header on every API request. restapi sets Content-Type itself on requests with a body.
  test("the provider sends well-formed headers, and Content-Type: application/json with every body", async () => {
    // given acme's deployed stack, when an update is applied
    synth(acme, issuer(acme, "v5"), "https://apps.mypurecloud.com");
    const { run, requests } = await tfWithRequests(acme, ["apply", "-auto-approve"]);
    expectExit(run, 0);

    // then no header name has an underscore, and the PUT declared its JSON body
    const calls = apiCalls(requests);
    expect(calls.flatMap((r) => r.headerNames).filter((h) => h.includes("_"))).toEqual([]);
    expect(calls.filter((r) => r.method === "PUT").map((r) => r.headerNames.includes("Content-Type"))).toEqual([true]);
  });

  test("destroy leaves each org exactly as it was before the deploy", async () => {
    for (const t of [acme, globex]) {
      // when the tenant's stack is destroyed
      const { run, requests } = await tfWithRequests(t, ["destroy", "-auto-approve"]);

      // then its identity provider was deleted, and the org equals its snapshot from before the deploy
      expectExit(run, 0);
      expect(apiCalls(requests, "DELETE").map((r) => [r.status, r.orgId])).toEqual([[200, t.orgId]]);
      expect(fake.snapshot(t.orgId)).toEqual(t.before);
    }
  });

  test("the run used only endpoints the double implements, and its request log holds no secret", () => {
    expect(fake.unknownRequests).toEqual([]);
    const log = JSON.stringify(fake.requests);
    for (const t of [acme, globex]) expect(log).not.toContain(t.creds.adminClientSecret);
  });
});
