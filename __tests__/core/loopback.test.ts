import { applyOverride, isLoopbackHost, loopbackOrigin, URL_OVERRIDE_ENV, urlOverride } from "../../core/genesys/loopback";
import { UserError } from "../../core/user-error";

describe("the loopback rule", () => {
  test.each([["127.0.0.1"], ["127.255.10.2"], ["localhost"], ["[::1]"]])("given host %s, then it is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  test.each([["10.0.0.1"], ["128.0.0.1"], ["127.0.0.1.evil.example"], ["127.0.0.256"], ["api.mypurecloud.ie"], ["::1"]])("given host %s, then it is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  test("given a loopback URL with a path, user or query, then it is no loopback origin", () => {
    expect([loopbackOrigin("http://127.0.0.1:80/api"), loopbackOrigin("http://u:p@127.0.0.1:80"), loopbackOrigin("http://127.0.0.1:80?x=1"), loopbackOrigin("ftp://127.0.0.1")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(loopbackOrigin("https://localhost:8443/")).toBe("https://localhost:8443");
  });
});

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
