import { GenesysCloudDouble, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { testCertificatePem } from "../helpers/test-certificate";
import { putJson, send, startWithOrg } from "./http";
import { pemBody } from "../../core/certs/pem";

const PEM = testCertificatePem();
const CERT_BODY = PEM.split("\n").filter((l) => l && !l.startsWith("-----")).join("");

/** The seed's sample request, filled in. */
const SEED_BODY = {
  name: "Genesys Engage",
  autoProvisionUsers: true,
  certificate: CERT_BODY,
  issuerURI: "https://engage.acme.example/pureengage",
  ssoTargetURI: "https://apps.mypurecloud.ie",
  disabled: false,
};

describe("fake Genesys Cloud: /api/v2/identityproviders/pureengage", () => {
  let fake: GenesysCloudDouble;
  let token: string;
  beforeEach(async () => {
    ({ fake, token } = await startWithOrg());
  });
  afterEach(() => fake.stop());

  const get = () => send(fake, "GET", PUREENGAGE_PATH, { headers: { Authorization: `Bearer ${token}` } });
  const del = () => send(fake, "DELETE", PUREENGAGE_PATH, { headers: { Authorization: `Bearer ${token}` } });

  test("GET answers 404 not.found while the org has none", async () => {
    const res = await get();
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expect.objectContaining({ code: "not.found", status: 404, message: expect.any(String) }));
  });

  test("PUT stores the seed's body and answers it with the fields the server adds", async () => {
    // given an org without identity provider
    // when the seed's body is PUT
    const res = await putJson(fake, PUREENGAGE_PATH, token, SEED_BODY);

    // then the answer is the stored object, with id and selfUri added
    const expected = { ...SEED_BODY, id: "pureengage", selfUri: PUREENGAGE_PATH };
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
    // and GET and the double's own view return the same
    expect((await get()).body).toEqual(expected);
    expect(fake.identityProvider("org-a")).toEqual(expected);
  });

  test("PUT replaces the whole object (no merge), and ignores the read-only id and selfUri sent back", async () => {
    // given a stored identity provider
    await putJson(fake, PUREENGAGE_PATH, token, SEED_BODY);

    // when a smaller body is PUT, carrying the server's fields as a client might echo them
    const res = await putJson(fake, PUREENGAGE_PATH, token, { issuerURI: "https://other.example/idp", certificate: CERT_BODY, id: "something-else", selfUri: "/elsewhere" });

    // then only the new fields remain, and the server's fields are its own
    expect(res.status).toBe(200);
    expect(fake.identityProvider("org-a")).toEqual({ id: "pureengage", issuerURI: "https://other.example/idp", certificate: CERT_BODY, selfUri: PUREENGAGE_PATH });
  });

  test("PUT stores certificates, a list beside certificate, and answers it; a PUT with one of two removed keeps the other only", async () => {
    const nextBody = pemBody(testCertificatePem({ commonName: "next" }), "CERTIFICATE", "the next certificate");
    // given the provider trusting two certificates
    expect((await putJson(fake, PUREENGAGE_PATH, token, { ...SEED_BODY, certificates: [CERT_BODY, nextBody] })).status).toBe(200);
    expect((await get()).body.certificates).toEqual([CERT_BODY, nextBody]);
    // when the first is removed (certificate the second's)
    expect((await putJson(fake, PUREENGAGE_PATH, token, { ...SEED_BODY, certificate: nextBody, certificates: [nextBody] })).status).toBe(200);
    // then GET answers the one left, in both fields
    const body = (await get()).body;
    expect({ certificate: body.certificate, certificates: body.certificates }).toEqual({ certificate: nextBody, certificates: [nextBody] });
  });

  test("PUT accepts a certificate body with line breaks, as cert.pem has them", async () => {
    const wrapped = PEM.split("\n").filter((l) => l && !l.startsWith("-----")).join("\n");
    const res = await putJson(fake, PUREENGAGE_PATH, token, { ...SEED_BODY, certificate: wrapped });
    expect(res.status).toBe(200);
  });

  test("DELETE removes it and answers 200 with an empty object; a second DELETE is a 404", async () => {
    // given a stored identity provider
    await putJson(fake, PUREENGAGE_PATH, token, SEED_BODY);

    // when it is deleted
    const res = await del();

    // then it is gone
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect((await get()).status).toBe(404);
    expect(fake.identityProvider("org-a")).toBeUndefined();
    expect((await del()).status).toBe(404);
  });

  test.each([
    ["no certificate", { ...SEED_BODY, certificate: undefined }, /^certificate is required/],
    ["a certificate that is not base64", { ...SEED_BODY, certificate: "not base64!" }, /^certificate is not base64/],
    ["base64 that is no certificate", { ...SEED_BODY, certificate: Buffer.from("hello world, not DER").toString("base64") }, /^certificate is not a DER-encoded X.509 certificate/],
    ["the whole PEM file", { ...SEED_BODY, certificate: PEM }, /^certificate must be the certificate's base64 body without the -----BEGIN CERTIFICATE-----/],
    ["a base64-encoded PEM file (the transaction object's format)", { ...SEED_BODY, certificate: Buffer.from(PEM).toString("base64") }, /^certificate is a base64-encoded PEM file/],
    ["a bad certificate in certificates", { issuerURI: "https://x.example", certificates: [CERT_BODY, "AAAA"] }, /^certificates\[1\] is not a DER-encoded X.509 certificate/],
    ["no issuerURI", { ...SEED_BODY, issuerURI: undefined }, /^issuerURI is required/],
    ["a blank issuerURI", { ...SEED_BODY, issuerURI: "  " }, /^issuerURI is required/],
    ["a misspelt field", { ...SEED_BODY, issuerUri: "https://x.example" }, /^Unrecognized field\(s\) "issuerUri" for PureEngage/],
    ["a string for a boolean", { ...SEED_BODY, autoProvisionUsers: "true" }, /^autoProvisionUsers must be a boolean/],
    ["a number for a string", { ...SEED_BODY, name: 42 }, /^name must be a string/],
    ["a JSON array", [SEED_BODY], /^The request body must be a JSON object/],
  ])("PUT with %s answers 400 bad.request naming the field, and stores nothing", async (_case, body, message) => {
    // given an org without identity provider
    // when a bad body is PUT
    const res = await putJson(fake, PUREENGAGE_PATH, token, body);

    // then the 400 names the problem in Genesys Cloud's error shape
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ code: "bad.request", status: 400 }));
    expect(res.body.message).toMatch(message);
    expect(fake.identityProvider("org-a")).toBeUndefined();
  });

  test("PUT of text that is not JSON answers 400", async () => {
    const res = await send(fake, "PUT", PUREENGAGE_PATH, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: "{nope" });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not valid JSON/);
  });

  test("PUT without a JSON content type answers 415", async () => {
    const res = await send(fake, "PUT", PUREENGAGE_PATH, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" }, body: JSON.stringify(SEED_BODY) });
    expect(res.status).toBe(415);
    expect(fake.identityProvider("org-a")).toBeUndefined();
  });

  test.each([
    ["no Authorization header", undefined, "authentication.required"],
    ["an unknown bearer token", "Bearer not-a-token", "bad.credentials"],
    ["Basic credentials instead of a token", "Basic eDp5", "authentication.required"],
  ])("every method answers %s with 401 in Genesys Cloud's error shape", async (_case, authorization, code) => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const headers: Record<string, string> = { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) };
      const res = await send(fake, method, PUREENGAGE_PATH, { headers, body: method === "PUT" ? JSON.stringify(SEED_BODY) : undefined });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expect.objectContaining({ code, status: 401, message: expect.any(String) }));
    }
    expect(fake.identityProvider("org-a")).toBeUndefined();
  });
});
