import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as ini from "ini";
import { oneLineBase64, renderOptionsFile, valueProblem } from "../../services/export/cfg-format";

/** What `openssl base64` writes for `bytes`: lines of 64 characters and a final newline. */
function opensslBase64(bytes: Buffer): string {
  return execFileSync("openssl", ["base64"], { input: bytes }).toString("utf8");
}

describe("renderOptionsFile", () => {
  test("writes one [section] line per section and one option=value line per option, LF, a final newline, no trailing spaces", () => {
    // given two sections
    const url = "https://login.mypurecloud.ie/oauth/token";
    const sections = [
      { name: "general", options: [["organization_sname", "acme"], ["base_auth_url", url]] as const },
      { name: "ewt", options: [["client_id", "3a4b"]] as const },
    ];
    // when rendered
    const text = renderOptionsFile(sections);
    // then the lines are the sections and options in order, sections apart by one blank line
    expect(text.split("\n")).toEqual([
      "[general]",
      "organization_sname=acme",
      `base_auth_url=${url}`,
      "",
      "[ewt]",
      "client_id=3a4b",
      "",
    ]);
    expect(text.endsWith("\n") && !text.endsWith("\n\n")).toBe(true);
    expect(text).not.toMatch(/[ \t]\n/);
    expect(text).not.toContain("\r");
  });

  test("what it writes, the ini package reads back as the same strings, = in values included", () => {
    // given values with '=' (base64 padding), ':' and '/' (URLs), '?', '&' and spaces inside
    const values: Record<string, string> = {
      certificate: oneLineBase64(opensslBase64(randomBytes(700))),
      padded: Buffer.from("ab").toString("base64"),
      url: "https://api.mypurecloud.ie/api/?a=1&b=2",
      spaced: "Genesys Engage client",
      secretish: randomBytes(32).toString("base64url"),
    };
    expect(values.padded.endsWith("=")).toBe(true);
    // when written and parsed
    const text = renderOptionsFile([{ name: "s", options: Object.entries(values) }]);
    const parsed = ini.parse(text);
    // then every value comes back unchanged
    expect(parsed).toEqual({ s: values });
  });

  test("refuses a value it cannot carry, naming the option, and an empty one", () => {
    expect(() => renderOptionsFile([{ name: "saml", options: [["issuer", "a\nb"]] }])).toThrow(/saml\/issuer.*line break/);
    expect(() => renderOptionsFile([{ name: "saml", options: [["issuer", ""]] }])).toThrow(/saml\/issuer.*empty/);
    expect(() => renderOptionsFile([{ name: "bad name", options: [] }])).toThrow(/section name/);
  });
});

describe("oneLineBase64", () => {
  test("joins openssl's 64-character lines into one value that decodes to the same bytes", () => {
    // given openssl's base64 of 1,000 random bytes (16 lines)
    const bytes = randomBytes(1000);
    const wrapped = opensslBase64(bytes);
    expect(wrapped.split("\n").length).toBeGreaterThan(10);
    // when joined
    const line = oneLineBase64(wrapped);
    // then it is one line, and decodes (Node, and openssl with -A) to the same bytes
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.from(line, "base64").equals(bytes)).toBe(true);
    expect(execFileSync("openssl", ["base64", "-d", "-A"], { input: line }).equals(bytes)).toBe(true);
    // and folding it at 64 characters gives openssl's form back
    expect(execFileSync("fold", ["-w", "64"], { input: line }).toString() + "\n").toBe(wrapped);
  });

  test("removes CRLF breaks too, but keeps a lone CR for the value check to refuse", () => {
    expect(oneLineBase64("QUJD\r\nREVG\r\n")).toBe("QUJDREVG");
    expect(valueProblem(oneLineBase64("QUJD\rREVG\n"))?.what).toMatch(/line break/);
  });
});

describe("valueProblem", () => {
  test.each([
    ["a line break", "ab\ncd", 2, /line break/],
    ["a carriage return", "ab\rcd", 2, /line break/],
    ["a tab", "ab\tcd", 2, /control character U\+0009/],
    ["DEL", "ab\u007fcd", 2, /control character U\+007F/],
    ["a non-ASCII letter", "caf\u00e9", 3, /non-ASCII character U\+00E9/],
    ["a semicolon", "ab;cd", 2, /';'.*comment/],
    ["a hash", "https://x.example/#frag", 18, /'#'.*comment/],
    ["a backslash", "ab\\cd", 2, /escape/],
    ["a leading space", " abc", 0, /leading whitespace/],
    ["a trailing space", "abc ", 3, /trailing whitespace/],
    ["a leading double quote", '"abc"', 0, /leading quote/],
    ["a leading single quote", "'abc", 0, /leading quote/],
  ])("refuses %s, saying where", (_name, value, index, what) => {
    const problem = valueProblem(value);
    expect(problem?.index).toBe(index);
    expect(problem?.what).toMatch(what);
  });

  test("accepts every printable ASCII character it does not name, in the middle of a value", () => {
    // given every printable ASCII character but ; # \
    const allowed = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => !";#\\".includes(c));
    for (const c of allowed) {
      // then a value with it inside is accepted, and the ini package reads it back unchanged
      const value = `a${c}b`;
      expect({ c, problem: valueProblem(value) }).toEqual({ c, problem: undefined });
      expect(ini.parse(renderOptionsFile([{ name: "s", options: [["o", value]] }])).s.o).toBe(value);
    }
  });
});
