import { GenesysCloudDouble, INTEGRATION_CREDENTIALS_PATH, OAUTH_CLIENTS_PATH } from "../../genesys-cloud-double";
import { deleteJson, getJson, postJson, send, startWithOrg, tokenFor } from "./http";

describe("fake Genesys Cloud: /api/v2/integrations/credentials", () => {
  let fake: GenesysCloudDouble;
  let token: string;
  let stderr: jest.SpyInstance;
  let written: string[];
  beforeEach(async () => {
    written = [];
    stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });
    ({ fake, token } = await startWithOrg());
  });
  afterEach(async () => {
    stderr.mockRestore();
    await fake.stop();
  });

  /** A new CODE client, with its id and secret (what the provider holds right after creating it). */
  async function newClient(): Promise<{ id: string; secret: string }> {
    const res = await postJson(fake, OAUTH_CLIENTS_PATH, token, { name: "c", authorizedGrantType: "CODE", scope: ["oauth"], registeredRedirectUri: ["https://example.com"] });
    return { id: res.body.id, secret: res.body.secret };
  }
  /** The body `genesyscloud_oauth_client` sends for `integration_credential_name` (createCredential). */
  const credentialBody = (client: { id: string; secret: string }, over: Record<string, unknown> = {}) => ({
    name: "Terraform Credential",
    type: { name: "pureCloudOAuthClient" },
    credentialFields: { clientId: client.id, clientSecret: client.secret },
    ...over,
  });

  test("POST stores the credential and answers Credentialinfo, without any field value", async () => {
    // given a new client
    const client = await newClient();

    // when the provider creates the credential for it
    const res = await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(client));

    // then the answer names it and its type, with an id the provider keeps
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Terraform Credential",
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      modifiedDate: expect.any(String),
      type: { name: "pureCloudOAuthClient" },
      selfUri: `${INTEGRATION_CREDENTIALS_PATH}/${res.body.id}`,
    });
    // and it holds the client's id and secret, kept as digests only
    expect(fake.credentialFieldMatches(res.body.id, "clientSecret", client.secret)).toBe(true);
    expect(fake.credentialFieldMatches(res.body.id, "clientId", client.id)).toBe(true);
    expect(fake.credentialFieldMatches(res.body.id, "clientSecret", "another")).toBe(false);
    expect(fake.integrationCredentials("org-a")).toEqual([expect.objectContaining({ id: res.body.id, name: "Terraform Credential", typeName: "pureCloudOAuthClient", fieldNames: ["clientId", "clientSecret"] })]);
  });

  test("GET answers the credential's name and type; the secret is in no answer, view, log or stderr line", async () => {
    // given a stored credential
    const client = await newClient();
    const id = (await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(client))).body.id;

    // when it is read, as the provider does before deleting it
    const res = await getJson(fake, `${INTEGRATION_CREDENTIALS_PATH}/${id}`, token);

    // then it comes back without credentialFields
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, name: "Terraform Credential", type: { name: "pureCloudOAuthClient" }, selfUri: `${INTEGRATION_CREDENTIALS_PATH}/${id}` });
    for (const text of [JSON.stringify(res.body), JSON.stringify(fake.snapshot("org-a")), JSON.stringify(fake.integrationCredentials("org-a")), JSON.stringify(fake.requests), written.join("")]) {
      expect(text).not.toContain(client.secret);
    }
  });

  test("DELETE removes it: 204, then 404 for GET and DELETE", async () => {
    const client = await newClient();
    const id = (await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(client))).body.id;
    const path = `${INTEGRATION_CREDENTIALS_PATH}/${id}`;
    expect((await deleteJson(fake, path, token)).status).toBe(204);
    expect((await getJson(fake, path, token)).status).toBe(404);
    expect((await deleteJson(fake, path, token)).body.code).toBe("not.found");
    expect(fake.integrationCredentials("org-a")).toEqual([]);
    expect(fake.credentialFieldMatches(id, "clientSecret", client.secret)).toBe(false);
  });

  test.each([
    ["no name", { name: undefined }, /^name is required/],
    ["no type", { type: undefined }, /^type is required/],
    ["a type not modelled", { type: { name: "basicAuth" } }, /^Credential type basicAuth is not modelled by the double \(integration-credentials\.ts/],
    ["no credentialFields", { credentialFields: undefined }, /^credentialFields is required/],
    ["a misspelt field", { credentialField: {} }, /^Unrecognized field\(s\) "credentialField" for Credential/],
  ])("POST with %s answers 400 bad.request and stores nothing", async (_case, over, message) => {
    const res = await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(await newClient(), over));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ code: "bad.request", status: 400 }));
    expect(res.body.message).toMatch(message);
    expect(fake.integrationCredentials("org-a")).toEqual([]);
  });

  test("a refusal names the fields, never their values", async () => {
    // given a client whose secret is sent without its id, and with a field the type lacks
    const client = await newClient();
    const missing = await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(client, { credentialFields: { clientSecret: client.secret } }));
    const extra = await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(client, { credentialFields: { clientId: client.id, clientSecret: client.secret, password: client.secret } }));
    // and a body that is not JSON around the secret
    const broken = await send(fake, "POST", INTEGRATION_CREDENTIALS_PATH, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: `{"credentialFields": {"clientSecret": ${client.secret}}}` });

    // then each is a 400 that does not repeat the secret
    expect(missing.body.message).toBe("credentialFields clientId required for a pureCloudOAuthClient credential.");
    expect(extra.body.message).toBe('credentialFields "password" are not fields of a pureCloudOAuthClient credential.');
    expect(broken.status).toBe(400);
    // (Node's JSON parser quotes about ten characters around the error: no part of the secret either)
    for (const res of [missing, extra, broken]) expect(JSON.stringify(res.body)).not.toContain(client.secret.slice(0, 8));
  });

  test("credentials are per org", async () => {
    const id = (await postJson(fake, INTEGRATION_CREDENTIALS_PATH, token, credentialBody(await newClient()))).body.id;
    const tb = await tokenFor(fake, fake.addOrg({ id: "org-b", shortName: "b" }));
    expect((await getJson(fake, `${INTEGRATION_CREDENTIALS_PATH}/${id}`, tb)).status).toBe(404);
    expect((await deleteJson(fake, `${INTEGRATION_CREDENTIALS_PATH}/${id}`, tb)).status).toBe(404);
  });
});
