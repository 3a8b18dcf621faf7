import { randomBytes } from "crypto";
import { attributeChanges } from "../../services/plan/attribute-changes";
import { isSecretName, looksLikeKeyMaterial } from "../../services/plan/secret-detection";

describe("what a summary treats as secret", () => {
  test("random base64, base64url and hex look like key material; ids, URLs and paths do not", () => {
    expect(looksLikeKeyMaterial(randomBytes(32).toString("base64"))).toBe(true);
    expect(looksLikeKeyMaterial(`x ${randomBytes(32).toString("base64url")} y`)).toBe(true);
    expect(looksLikeKeyMaterial(randomBytes(20).toString("hex"))).toBe(true);
    expect(looksLikeKeyMaterial(["-----", "BEGIN CERTIFICATE-----"].join(""))).toBe(true);
    expect(looksLikeKeyMaterial("16d0f998-0191-49e3-bde7-a942e33ca38b")).toBe(false);
    expect(looksLikeKeyMaterial("https://engage.acme.example/pureengage")).toBe(false);
    expect(looksLikeKeyMaterial("/api/v2/identityproviders/pureengage")).toBe(false);
  });

  test("secret names hide any value; token names hide all but numbers", () => {
    expect(isSecretName("client_secret", "x")).toBe(true);
    expect(isSecretName("password", 1234)).toBe(true);
    expect(isSecretName("refresh_token", "abc")).toBe(true);
    expect(isSecretName("access_token_validity_seconds", 3600)).toBe(false);
    expect(isSecretName("name", "x")).toBe(false);
  });

  test("sensitive masks hide values at and below the marked path; long values are shortened, secrets never", () => {
    const long = "a description that is far longer than sixty characters, to be shortened in the middle";
    const changes = attributeChanges({
      before: { roles: [{ role_id: "r1" }], description: "short", note: "n1", creds: { user: "u1" } },
      after: { roles: [{ role_id: "r2" }], description: long, note: "n2", creds: { user: "u2" } },
      beforeSensitive: { creds: true },
      afterSensitive: { creds: true },
      afterUnknown: {},
    });
    expect(changes.map((c) => c.path)).toEqual(["creds", "description", "note", "roles[0].role_id"]);
    expect(changes[0]).toEqual({ path: "creds", before: { kind: "hidden", why: "sensitive" }, after: { kind: "hidden", why: "sensitive" } });
    const shown = changes[1].after.kind === "value" ? changes[1].after.text : "";
    expect(shown).toMatch(/^"a description.*….*middle"$/);
    expect([...shown].length).toBe(60);
  });

  test("a sensitive value reappearing unmarked elsewhere is hidden too", () => {
    const secret = "S3cr3t-value-42";
    const changes = attributeChanges({ before: { description: `uses ${secret}` }, after: { description: "none" } }, new Set([secret]));
    expect(changes[0].before).toEqual({ kind: "hidden", why: "secret" });
  });
});
