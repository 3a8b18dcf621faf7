import { OPTION_LAYOUT, optionName, optionValue, outputsOf, SECRET_OPTIONS } from "../../core/contract/option-layout";
import { buildTransactionObject, outputValuesAt, sectionsAt } from "../../services/export/transaction-object";
import { parseTenantOutputs, type RawOutputs, type TenantOutputs } from "../../core/contract/tenant-outputs";
import { UserError } from "../../core/user-error";
import { leaksSecret, sampleOutputs } from "./helpers";

const WITH_SECRETS = { includeSecrets: true, forOptionLines: true };
const WITHOUT_SECRETS = { includeSecrets: false, forOptionLines: true };

/** The UserError `fn` throws (fails the test when it throws nothing or something else). */
function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error("expected a UserError, got none");
}

/** The outputs with one option set to `value` (a test's own broken outputs). */
function withOption(outputs: TenantOutputs, section: string, option: string, value: string | null): TenantOutputs {
  const copy = structuredClone(outputs);
  (copy.options as unknown as Record<string, Record<string, string | null>>)[section][option] = value;
  return copy;
}

describe("buildTransactionObject", () => {
  test("takes every option of the procedure, in its order, from the outputs they come from", () => {
    // given a deployed stack's outputs
    const outputs = sampleOutputs();
    // when built with the secrets
    const object = buildTransactionObject("acme", outputs, WITH_SECRETS);
    // then each option is there once, in layout order, with the output's value
    expect(object.options.map((o) => optionName(o.spec))).toEqual(OPTION_LAYOUT.map(optionName));
    for (const o of object.options) expect(o.output === optionValue(outputs.options, o.spec)).toBe(true);
    // and the sections are the procedure's, the Annex apart
    expect(sectionsAt(object, "options").map((s) => s.name)).toEqual(["general", "saml", "saml_auth", "ewt"]);
    expect(sectionsAt(object, "annex")).toEqual([{ name: "annex", options: [["organization_domain_suffix", "com"]] }]);
    expect(object.omittedSecrets).toEqual([]);
  });

  test("writes saml/certificate and saml/pkey on one line that decodes to the same bytes", () => {
    const outputs = sampleOutputs();
    const object = buildTransactionObject("acme", outputs, WITH_SECRETS);
    for (const name of ["certificate", "pkey"]) {
      const o = object.options.find((x) => x.spec.section === "saml" && x.spec.option === name)!;
      expect(o.output).toContain("\n");
      expect(o.line).not.toMatch(/[\r\n]/);
      expect(Buffer.from(o.line, "base64").equals(Buffer.from(o.output, "base64"))).toBe(true);
    }
    // and the JSON values stay as Terraform output them
    expect(outputValuesAt(object, "options").saml.certificate).toBe(outputs.options.saml.certificate);
  });

  test("without secrets, leaves out exactly the four secret options and lists them", () => {
    const outputs = sampleOutputs();
    const object = buildTransactionObject("acme", outputs, WITHOUT_SECRETS);
    expect(object.omittedSecrets).toEqual(["saml/pkey", "saml/password", "saml_auth/password", "ewt/password"]);
    expect(object.omittedSecrets).toEqual(SECRET_OPTIONS);
    expect(object.options.some((o) => o.spec.secret)).toBe(false);
    expect(leaksSecret(JSON.stringify(object), outputs)).toBe(false);
  });

  test.each([
    ["saml", "password", /saml\/password is empty in the applied outputs; set TF_VAR_big_co_saml_key_password to the key\.pem\.enc password, then run `npx cdktf deploy big-co`/],
    ["saml", "pkey", /saml\/pkey is empty in the applied outputs; .*`hybrid certs create --tenant big-co --force`.*`npx cdktf deploy big-co`/],
    ["saml_auth", "password", /saml_auth\/password is empty .*`terraform -chdir=cdktf.out\/stacks\/big-co apply -replace=genesyscloud_oauth_client\.saml2-bearer-client`/],
    ["ewt", "password", /ewt\/password is empty .*-replace=genesyscloud_oauth_client\.pacing-client`/],
  ])("an empty secret %s/%s: names the tenant, the option and its fix", (section, option, message) => {
    // given outputs where that secret is empty
    const outputs = withOption(sampleOutputs("big-co"), section, option, "");
    // when built with the secrets
    const err = userError(() => buildTransactionObject("big-co", outputs, WITH_SECRETS));
    // then the message says which and how to fix it
    expect(err.message).toMatch(new RegExp(`^tenant big-co: ${message.source}`));
    // and without the secrets, the export does not need it
    expect(buildTransactionObject("big-co", outputs, WITHOUT_SECRETS).omittedSecrets).toContain(`${section}/${option}`);
  });

  test("reports every problem of a tenant at once", () => {
    const outputs = withOption(withOption(sampleOutputs(), "saml", "password", ""), "general", "organization_sname", "");
    const err = userError(() => buildTransactionObject("acme", outputs, WITH_SECRETS));
    const lines = err.message.split("\n");
    expect(lines[0]).toBe("tenant acme: 2 problems:");
    expect(lines.slice(1).map((l) => l.trim().split(" ")[0])).toEqual(["general/organization_sname", "saml/password"]);
  });

  test("a public value the format cannot carry: names the option and shows where", () => {
    const issuer = "https://engage.acme.example/pureengage#x";
    const outputs = withOption(sampleOutputs(), "saml", "issuer", issuer);
    const err = userError(() => buildTransactionObject("acme", outputs, WITHOUT_SECRETS));
    expect(err.message).toMatch(/^tenant acme: saml\/issuer cannot be written on one option line: it holds '#'.*--format json/);
    expect(err.message).toContain(`character ${issuer.indexOf("#") + 1} of ${issuer.length}, in "pureengage#x"`);
    // and JSON carries it
    expect(buildTransactionObject("acme", outputs, { includeSecrets: false, forOptionLines: false }).options.length).toBeGreaterThan(0);
  });

  test("a secret the format cannot carry: names the option, never shows any of it", () => {
    // given a key password with a line break and a ';' in it
    const sample = sampleOutputs();
    const outputs = withOption(sample, "saml", "password", `${sample.options.saml.password};\nrest`);
    // when built with the secrets
    const err = userError(() => buildTransactionObject("acme", outputs, WITH_SECRETS));
    // then the option is named, and no part of the secret is in the message
    expect(err.message).toMatch(/^tenant acme: saml\/password cannot be written on one option line: it holds ';'.*enter this one by hand/);
    expect(leaksSecret(err.message, outputs)).toBe(false);
    expect(err.message.includes("rest")).toBe(false);
  });

  test("a base64 option that is not base64 once joined is refused", () => {
    const outputs = withOption(sampleOutputs(), "saml", "certificate", "QUJD\nRE*G\n");
    const joined = "QUJDRE*G";
    expect(userError(() => buildTransactionObject("acme", outputs, WITHOUT_SECRETS)).message).toMatch(
      new RegExp(`^tenant acme: saml/certificate is not base64 once openssl's line breaks are removed \\(character ${joined.indexOf("*") + 1} of ${joined.length}`),
    );
  });
});

describe("an adopted client's password", () => {
  test("is neither exported nor reported missing: the transaction object keeps the one it holds", () => {
    // given outputs of a tenant whose ewt client was adopted (Terraform has no secret for it)
    const outputs: TenantOutputs = { ...withOption(sampleOutputs(), "ewt", "password", null), adoptedClients: ["ewt"] };

    // when the object is built with the secrets
    const object = buildTransactionObject("acme", outputs, { includeSecrets: true, forOptionLines: true });

    // then ewt/password is kept, not written, and the other secrets are there
    expect(object.keptPasswords).toEqual(["ewt/password"]);
    expect(object.options.map((o) => `${o.spec.section}/${o.spec.option}`)).not.toContain("ewt/password");
    expect(object.options.map((o) => `${o.spec.section}/${o.spec.option}`)).toContain("saml_auth/password");
  });
});

describe("parseTenantOutputs (the tenant stack's contract, read back)", () => {
  /** `terraform output -json` of a stack deployed with `outputs`. */
  function raw(outputs: TenantOutputs): Record<string, { value: unknown }> {
    const values = outputsOf(outputs.options);
    return {
      hybrid_integration: { value: values.hybrid_integration },
      hybrid_integration_secrets: { value: values.hybrid_integration_secrets },
      adopted_clients: { value: [...outputs.adoptedClients] },
      firewall_hosts: { value: [...outputs.firewallHosts] },
    };
  }

  test("given a deployed stack's outputs, then they come back typed, equal to what was deployed", () => {
    const outputs = sampleOutputs();
    expect(parseTenantOutputs("acme", raw(outputs))).toEqual(outputs);
  });

  test("given no outputs at all, then the tenant was never deployed", () => {
    expect(userError(() => parseTenantOutputs("acme", {})).message).toBe(
      "tenant acme: the stack has no applied outputs (never deployed, or its state is elsewhere); run `npx cdktf deploy acme`.",
    );
  });

  test("an older deploy without the ewt section: names the tenant, both options and the deploy command", () => {
    // given outputs of a stack deployed before the ewt section existed
    const r = raw(sampleOutputs()) as Record<string, { value: Record<string, unknown> }>;
    delete r.hybrid_integration.value.ewt;
    delete r.hybrid_integration_secrets.value.ewt;
    // when read
    const err = userError(() => parseTenantOutputs("acme", r as RawOutputs));
    // then one message names the tenant, what is missing and the fix
    expect(err.message).toBe(
      "tenant acme: the applied outputs have no ewt/client_id, ewt/password (deployed by an older version of this project, or the stack's outputs changed since); run `npx cdktf deploy acme` to bring them up to date",
    );
    expect(err.exitCode).toBe(1);
  });

  test("a missing single option, a non-string one, and a null secret that only a client's password may be, are missing", () => {
    const r = raw(sampleOutputs()) as Record<string, { value: Record<string, Record<string, unknown>> }>;
    delete r.hybrid_integration.value.annex.organization_domain_suffix;
    r.hybrid_integration.value.saml.expire_time = 24;
    r.hybrid_integration_secrets.value.saml.password = null;
    const err = userError(() => parseTenantOutputs("globex", r as RawOutputs));
    expect(err.message).toMatch(/^tenant globex: the applied outputs have no saml\/password, saml\/expire_time, annex\/organization_domain_suffix .*`npx cdktf deploy globex`/);
  });

  test("an adopted client's null password is read as null, with its section listed as adopted", () => {
    const outputs: TenantOutputs = { ...withOption(sampleOutputs(), "saml_auth", "password", null), adoptedClients: ["saml_auth"] };
    expect(parseTenantOutputs("acme", raw(outputs))).toEqual(outputs);
  });
});
