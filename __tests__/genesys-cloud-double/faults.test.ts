import { GenesysCloudDouble, OrgCredentials, PUREENGAGE_PATH } from "../../genesys-cloud-double";
import { requestToken, send, startWithOrg } from "./http";

describe("fake Genesys Cloud: fault injection", () => {
  let fake: GenesysCloudDouble;
  let creds: OrgCredentials;
  let token: string;
  beforeEach(async () => {
    ({ fake, creds, token } = await startWithOrg());
  });
  afterEach(() => fake.stop());

  const get = () => send(fake, "GET", PUREENGAGE_PATH, { headers: { Authorization: `Bearer ${token}` } });

  test("the next N requests get 429 with Retry-After, then requests are served again", async () => {
    // given two rate-limited requests to come
    fake.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 7 } });

    // when three requests are made
    const [first, second, third] = [await get(), await get(), await get()];

    // then the first two are 429s like Genesys Cloud's, and the third reaches the endpoint
    for (const res of [first, second]) {
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
      expect(res.body).toEqual(expect.objectContaining({ code: "too.many.requests", status: 429 }));
    }
    expect(third.status).toBe(404);
    expect(fake.requests.slice(-3).map((r) => [r.status, r.fault])).toEqual([[429, "rate-limit"], [429, "rate-limit"], [404, undefined]]);
    expect(fake.faultsRemaining()).toEqual({ rateLimit: 0, unavailable: 0 });
  });

  test("the next N requests get 503, after any 429s", async () => {
    fake.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 1 }, unavailable: { count: 1 } });
    const statuses = [(await get()).status, (await get()).status, (await get()).status];
    expect(statuses).toEqual([429, 503, 404]);
    expect(fake.requests.slice(-2)[0]).toEqual(expect.objectContaining({ status: 503, fault: "unavailable" }));
  });

  test("faults can be limited to a method and path prefix", async () => {
    // given a 503 for the next token request only
    fake.setFaults({ unavailable: { count: 1 }, match: { method: "POST", pathPrefix: "/oauth/" } });

    // when the API is called, then a token is asked for twice
    const api = await get();
    const firstToken = await requestToken(fake, creds);
    const secondToken = await requestToken(fake, creds);

    // then only the first token request failed
    expect([api.status, firstToken.status, secondToken.status]).toEqual([404, 503, 200]);
  });

  test("latency delays each request and counts in its recorded duration", async () => {
    fake.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.requests.at(-1)!.durationMs).toBeGreaterThanOrEqual(140);
  });

  test("setFaults({}) clears the plan", async () => {
    fake.setFaults({ unavailable: { count: 5 } });
    fake.setFaults({});
    expect((await get()).status).toBe(404);
  });

  test("rejects counts that are not non-negative integers", () => {
    expect(() => fake.setFaults({ rateLimit: { count: -1, retryAfterSeconds: 1 } })).toThrow(/rateLimit.count must be a non-negative integer/);
    expect(() => fake.setFaults({ latencyMs: 1.5 })).toThrow(/latencyMs must be a non-negative integer/);
  });
});
