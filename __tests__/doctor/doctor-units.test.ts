import { agentEmail, applyOverride, DEFAULT_TEST_AGENT, redact, urlOverride, URL_OVERRIDE_ENV } from "../../services/doctor";
import { UserError } from "../../core/user-error";

describe("HYBRID_GENESYS_URL_OVERRIDE", () => {
  test.each([["http://127.0.0.1:41234"], ["http://localhost:8080/"], ["http://[::1]:9000"], ["https://127.0.0.2:443"]])("takes the loopback origin %s", (value) => {
    expect(urlOverride({ [URL_OVERRIDE_ENV]: value })).toBe(new URL(value).origin);
  });

  test("is nothing when unset or empty", () => {
    expect([urlOverride({}), urlOverride({ [URL_OVERRIDE_ENV]: "" })]).toEqual([undefined, undefined]);
  });

  test.each([
    ["https://login.mypurecloud.ie"],
    ["http://10.0.0.1:8080"],
    ["http://127.0.0.1.evil.example:80"],
    ["http://user:pw@127.0.0.1:80"],
    ["http://127.0.0.1:80/api"],
    ["ftp://127.0.0.1"],
    ["not a url"],
  ])("refuses %s as a usage error (exit 2)", (value) => {
    let error: unknown;
    try {
      urlOverride({ [URL_OVERRIDE_ENV]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect({ exitCode: (error as UserError).exitCode, names: (error as Error).message.includes(URL_OVERRIDE_ENV) }).toEqual({ exitCode: 2, names: true });
  });

  test("replaces scheme, host and port and keeps the path", () => {
    expect(applyOverride("https://api.mypurecloud.ie/api/", "http://127.0.0.1:5")).toBe("http://127.0.0.1:5/api/");
    expect(applyOverride("https://login.mypurecloud.ie/oauth/token", undefined)).toBe("https://login.mypurecloud.ie/oauth/token");
  });
});

describe("the test agent's NameID", () => {
  test("a user name becomes <user>@<organization_sname>.<organization_domain_suffix>, an e-mail address stays", () => {
    expect(agentEmail(DEFAULT_TEST_AGENT, "acme", "com")).toBe("hybrid-doctor-test-agent@acme.com");
    expect(agentEmail("jdoe", "globex", "co")).toBe("jdoe@globex.co");
    expect(agentEmail("Jane.Doe@example.org", "acme", "com")).toBe("Jane.Doe@example.org");
  });

  test.each([["two words"], ["a@b"], ["<x>"]])("refuses %p as a usage error", (agent) => {
    expect(() => agentEmail(agent, "acme", "com")).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining("--agent") }));
  });
});

describe("redact", () => {
  test("removes secrets and their URL-encoded and base64 forms", () => {
    const secret = "s3cr3t/+value";
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString("base64")} d`;
    const out = redact(text, [secret]);
    expect(out.includes(secret) || out.includes(encodeURIComponent(secret)) || out.includes(Buffer.from(secret).toString("base64"))).toBe(false);
    expect(out).toBe("a [REDACTED] b [REDACTED] c [REDACTED] d");
  });
});
