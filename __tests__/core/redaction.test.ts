import { PRESUMED_SECRET_MIN_LENGTH, REDACTED, Redactor } from "../../core/redaction";

describe("the one masking policy (core/redaction)", () => {
  const secret = "s3cr3t/+value with space";

  test("given a known secret, when text holds it as is, URL-, form- or JSON-encoded, base64 or base64url, then every form is masked", () => {
    const forms = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, "+"),
      JSON.stringify(secret).slice(1, -1),
      Buffer.from(secret).toString("base64"),
      Buffer.from(secret).toString("base64url"),
    ];
    const out = Redactor.of({ known: [secret] }).mask(forms.map((f, i) => `${i}:${f}`).join(" "));
    expect(out).toBe(forms.map((_, i) => `${i}:${REDACTED}`).join(" "));
  });

  test("given a known secret of one character, then it is masked too (known secrets whatever their length)", () => {
    expect(Redactor.of({ known: ["x"] }).mask("a x b")).toBe(`a ${REDACTED} b`);
  });

  test("given presumed secrets, then only those of at least 8 characters are masked", () => {
    const r = Redactor.of({ presumed: ["true", "1234567", "12345678"] });
    expect(PRESUMED_SECRET_MIN_LENGTH).toBe(8);
    expect(r.mask("true 1234567 12345678")).toBe(`true 1234567 ${REDACTED}`);
  });

  test("given an environment, then its TF_VAR_ values are presumed secret, but not those the project declares public", () => {
    const r = Redactor.fromEnv({
      TF_VAR_acme_admin_client_secret: "long-admin-secret",
      TF_VAR_acme_saml_key_password: "a-key-password",
      TF_VAR_acme_admin_client_id: "0c45ed59-2a0a-4384-bd44-7d6fbb2d742f",
      TF_VAR_hybrid_sandbox: "http://127.0.0.1:4000",
      PATH: "/usr/local/bin:/usr/bin",
    });
    expect(r.mask("long-admin-secret a-key-password 0c45ed59-2a0a-4384-bd44-7d6fbb2d742f http://127.0.0.1:4000 /usr/local/bin:/usr/bin")).toBe(
      `${REDACTED} ${REDACTED} 0c45ed59-2a0a-4384-bd44-7d6fbb2d742f http://127.0.0.1:4000 /usr/local/bin:/usr/bin`,
    );
  });

  test("given a secret that holds another, then the longer is masked whole", () => {
    expect(Redactor.of({ known: ["abc", "abcdef"] }).mask("abcdef")).toBe(REDACTED);
  });

  test("given more known secrets later, then the new redactor masks both and the first is unchanged", () => {
    const first = Redactor.of({ known: ["alpha-secret"] });
    const both = first.with(["beta-secret"]);
    expect(both.mask("alpha-secret beta-secret")).toBe(`${REDACTED} ${REDACTED}`);
    expect(first.mask("beta-secret")).toBe("beta-secret");
  });
});
