import * as ini from "ini";
import { exportFiles, type ExportJson } from "../../services/export/export-files";
import { SECRET_OPTIONS } from "../../core/contract/option-layout";
import { buildTransactionObject } from "../../services/export/transaction-object";
import { leaksSecret, sampleOutputs } from "./helpers";

function files(opts: { includeSecrets: boolean; format: "cfg" | "conf" | "json" }, outputs = sampleOutputs()) {
  const object = buildTransactionObject("acme", outputs, { includeSecrets: opts.includeSecrets, forOptionLines: opts.format !== "json" });
  const list = exportFiles(object, opts.format);
  return { outputs, list, byName: Object.fromEntries(list.map((f) => [f.name, f])) };
}

describe("exportFiles", () => {
  test("cfg: the options file, the Annex file, the JSON and the README, none secret without secrets", () => {
    const { list } = files({ includeSecrets: false, format: "cfg" });
    expect(list.map((f) => [f.name, f.secret])).toEqual([
      ["hybrid_integration.cfg", false],
      ["annex.cfg", false],
      ["hybrid_integration.json", false],
      ["README.txt", false],
    ]);
  });

  test("conf: the same files under .conf; json: only the JSON and the README", () => {
    expect(files({ includeSecrets: false, format: "conf" }).list.map((f) => f.name)).toEqual(["hybrid_integration.conf", "annex.conf", "hybrid_integration.json", "README.txt"]);
    expect(files({ includeSecrets: true, format: "json" }).list.map((f) => [f.name, f.secret])).toEqual([
      ["hybrid_integration.json", true],
      ["README.txt", false],
    ]);
  });

  test("the options and Annex files parse back to the outputs, base64 joined to one line", () => {
    // given outputs, exported with secrets
    const { outputs, byName } = files({ includeSecrets: true, format: "cfg" });
    // when the files are parsed as INI
    const options = ini.parse(byName["hybrid_integration.cfg"].content);
    const annex = ini.parse(byName["annex.cfg"].content);
    // then every option equals its output (secrets from the secret output), on one line
    const expected = structuredClone(outputs.options) as unknown as Record<string, Record<string, string>>;
    delete expected.annex;
    expected.saml.certificate = expected.saml.certificate.replace(/\n/g, "");
    expected.saml.pkey = expected.saml.pkey.replace(/\n/g, "");
    expect(options).toEqual(expected);
    expect(annex).toEqual({ annex: outputs.options.annex });
    // and only the files holding secrets say so
    expect(byName["hybrid_integration.cfg"].secret && byName["hybrid_integration.json"].secret).toBe(true);
    expect(byName["annex.cfg"].secret || byName["README.txt"].secret).toBe(false);
  });

  test("the JSON holds the whole object with the values exactly as output", () => {
    const { outputs, byName } = files({ includeSecrets: false, format: "cfg" });
    const json = JSON.parse(byName["hybrid_integration.json"].content) as ExportJson;
    // the public options only: no --include-secrets
    const { annex, ...all } = structuredClone(outputs.options) as unknown as Record<string, Record<string, string | null>>;
    const options = Object.fromEntries(Object.entries(all).map(([section, values]) => [section, Object.fromEntries(Object.entries(values).filter(([o]) => !SECRET_OPTIONS.includes(`${section}/${o}`)))]));
    expect(json).toEqual({ tenant: "acme", name: "hybrid_integration", type: "list", options, annex: { annex }, omittedSecrets: SECRET_OPTIONS });
  });

  test("without secrets no file holds one; the README lists them to be entered by hand", () => {
    const { outputs, list, byName } = files({ includeSecrets: false, format: "cfg" });
    for (const f of list) expect({ file: f.name, leaks: leaksSecret(f.content, outputs) }).toEqual({ file: f.name, leaks: false });
    const readme = byName["README.txt"].content;
    expect(readme).toContain(`Left out of this export, to be entered by hand:\n${SECRET_OPTIONS.map((n) => `  ${n}`).join("\n")}\n`);
    expect(readme).toContain("terraform -chdir=cdktf.out/stacks/acme output -json hybrid_integration_secrets");
  });

  test("the README says where the object goes, the firewall hosts, the WDE warning and the one-line base64", () => {
    // given outputs with two firewall hosts
    const { outputs, byName } = files({ includeSecrets: true, format: "cfg" });
    const readme = byName["README.txt"].content;
    // then it names the object, its type and folder, for multi- and single-tenant sites
    expect(readme).toMatch(/type list named hybrid_integration in the Transaction folder/);
    expect(readme).toMatch(/under the structure of tenant acme/);
    expect(readme).toMatch(/Environment or Resources\s+structure/);
    expect(readme).toMatch(/Import hybrid_integration\.cfg into the object's options and annex\.cfg into its\s+Annex/);
    // and the Workspace Desktop Edition warning
    expect(readme).toMatch(/agents\s+of one tenant have no READ access to the hybrid_integration objects of other\s+tenants/);
    // and each firewall host with its port and purpose
    for (const h of outputs.firewallHosts) expect(readme).toMatch(new RegExp(`^  ${h.host}:${h.port} +${h.purpose}$`, "m"));
    // and how to decode or re-fold the one-line base64
    expect(readme).toContain("openssl base64 -d -A");
    expect(readme).toContain("fold -w 64");
    // and that this export holds secrets, without any of them
    expect(readme).toMatch(/This export holds the secret options saml\/pkey, saml\/password, saml_auth\/password, ewt\/password/);
    expect(leaksSecret(readme, outputs)).toBe(false);
    // and it is plain ASCII, no trailing spaces, one final newline
    expect(/^[\x20-\x7e\n]*$/.test(readme)).toBe(true);
    expect(readme).not.toMatch(/ \n/);
    expect(readme.endsWith("\n") && !readme.endsWith("\n\n")).toBe(true);
  });

  test.each([
    ["none", undefined],
    ["publish", /Key rollover stage publish: saml\/certificate, saml\/pkey and saml\/password still\s+hold the current key set/],
    ["switch", /Key rollover stage switch: saml\/certificate, saml\/pkey and saml\/password hold the\s+NEXT key set\. Import them/],
    ["retire", /Key rollover stage retire: .*\s+next key set, now the only key the identity provider trusts/],
  ] as const)("during a key rollover the README says which key set saml/* hold: %s", (stage, text) => {
    const outputs = { ...sampleOutputs(), ...(stage === "none" ? {} : { rolloverStage: stage }) };
    const readme = files({ includeSecrets: true, format: "cfg" }, outputs).byName["README.txt"].content;
    if (text) expect(readme).toMatch(text);
    else expect(readme).not.toContain("Key rollover");
    expect(/^[\x20-\x7e\n]*$/.test(readme)).toBe(true);
  });

  test("is deterministic: the same outputs give the same bytes", () => {
    const outputs = sampleOutputs();
    const a = files({ includeSecrets: true, format: "cfg" }, outputs).list;
    const b = files({ includeSecrets: true, format: "cfg" }, outputs).list;
    expect(a).toEqual(b);
  });
});
