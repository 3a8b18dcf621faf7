import { annexFileName, JSON_FILE, optionsFileName, README_FILE, type ExportFormat } from "./export-format";
import { OPTION_LAYOUT, optionName, TRANSACTION_OBJECT_NAME, TRANSACTION_OBJECT_TYPE } from "../../core/contract/option-layout";
import type { TransactionObject } from "./transaction-object";
import type { RolloverStage } from "../../core/config/rollover-stage";

/** What the export means at each stage of a key rollover (docs/certs.md, "Rolling the key over"). */
const ROLLOVER_TEXT: Readonly<Record<RolloverStage, (tenant: string) => string[]>> = {
  publish: () => [
    `Key rollover stage publish: saml/certificate, saml/pkey and saml/password still`,
    `hold the current key set. The identity provider trusts the next key as well; the`,
    `export to import is the one of the switch stage.`,
  ],
  switch: () => [
    `Key rollover stage switch: saml/certificate, saml/pkey and saml/password hold the`,
    `NEXT key set. Import them: each agent signs with the next key from its next login.`,
    `The identity provider trusts both keys until the retire stage, so agents that`,
    `still hold the current key keep logging in meanwhile.`,
  ],
  retire: () => [
    `Key rollover stage retire: saml/certificate, saml/pkey and saml/password hold the`,
    `next key set, now the only key the identity provider trusts. If the object still`,
    `holds the previous key, import this export now: its agents cannot log in.`,
  ],
};

/**
 * README.txt of a tenant's export: what each file is, where the object goes in
 * Configuration Server (the procedure's "Transaction object for hybrid integrations"),
 * the firewall hosts (its "Opening Your Network"), the Workspace Desktop Edition
 * warning, the one-line base64 values, and the secrets to enter by hand. Plain ASCII,
 * no dates, so an unchanged export stays byte-identical. Never holds a secret.
 */
export function exportReadme(object: TransactionObject, format: ExportFormat, fileNames: readonly string[]): string {
  const t = object.tenant;
  const ini = format === "json" ? undefined : format;
  const out: string[] = [];
  const para = (...lines: string[]) => out.push(...lines, "");
  const heading = (text: string) => para(text, "-".repeat(text.length));

  const title = `${TRANSACTION_OBJECT_NAME} transaction object of tenant ${t}`;
  para(title, "=".repeat(title.length));
  para(
    `Written by \`hybrid export --tenant ${t}\` from the applied Terraform outputs of the`,
    `tenant's stack (cdktf.out/stacks/${t}). Do not edit these files: change the tenants`,
    `file, deploy (\`npx cdktf deploy ${t}\`) and export again.`,
  );

  heading("Files");
  const describe: Record<string, string> = {
    ...(ini
      ? {
          [optionsFileName(ini)]: "the object's options: sections general, saml, saml_auth, ewt",
          [annexFileName(ini)]: "the object's Annex: section annex (organization_domain_suffix)",
        }
      : {}),
    [JSON_FILE]: "the whole object, options and Annex, for other tools (values as output)",
    [README_FILE]: "this file",
  };
  const width = Math.max(...fileNames.map((n) => n.length));
  para(...fileNames.map((n) => `  ${n.padEnd(width)}  ${describe[n] ?? ""}`.trimEnd()));

  heading("Where the object goes");
  para(
    `In Genesys Administrator Extension, create a transaction object (and an alias) of`,
    `type ${TRANSACTION_OBJECT_TYPE} named ${TRANSACTION_OBJECT_NAME} in the Transaction folder:`,
    `  - multi-tenant site: under the structure of tenant ${t}; each tenant has its own`,
    `    object, for its own Genesys Cloud org, never one shared object in Environment;`,
    `  - single-tenant site: in the Transaction folder of the Environment or Resources`,
    `    structure.`,
    ...(ini
      ? [
          `Import ${optionsFileName(ini)} into the object's options and ${annexFileName(ini)} into its`,
          `Annex (or type each option=value line in by hand: section, option name, value).`,
        ]
      : [`This export has no options file (--format json); type the options in from`, `${JSON_FILE}, or export again with --format cfg.`]),
  );
  para(
    `WARNING (from Genesys): if you run Workspace Desktop Edition, make sure the agents`,
    `of one tenant have no READ access to the ${TRANSACTION_OBJECT_NAME} objects of other`,
    `tenants: those hold the other tenants' key passwords and client secrets.`,
  );

  heading("Firewall");
  if (object.firewallHosts.length === 0) {
    para(`The stack's outputs list no firewall hosts (firewall_hosts); deploy again with`, `\`npx cdktf deploy ${t}\` to get them.`);
  } else {
    const hostWidth = Math.max(...object.firewallHosts.map((h) => `${h.host}:${h.port}`.length));
    para(
      `Open outbound HTTPS from the Genesys Engage components and the agents' desktops to:`,
      ...object.firewallHosts.map((h) => `  ${`${h.host}:${h.port}`.padEnd(hostWidth)}  ${h.purpose}`),
    );
  }

  if (object.rolloverStage) {
    heading("Key rollover");
    para(...ROLLOVER_TEXT[object.rolloverStage](t));
  }

  heading("saml/certificate and saml/pkey");
  para(
    `The procedure makes these with \`openssl base64\`, which breaks its output into`,
    `lines of 64 characters. An option value is one line, so ${ini ? "the options file holds" : "an option must hold"}`,
    `them without the line breaks (${JSON_FILE} keeps them). That is safe: the`,
    `breaks are not part of the base64 alphabet, and decoders that ignore whitespace`,
    `(.NET's Convert.FromBase64String, Java's MIME decoder, Python's b64decode) decode`,
    `the one-line value to the same bytes, cert.pem and key.pem.enc.`,
    `To check or restore the procedure's form from a one-line value in a file v.txt:`,
    `  openssl base64 -d -A -in v.txt > cert.pem        # decode (-A: one long line)`,
    `  fold -w 64 v.txt; echo                           # the 64-character lines again`,
    `  openssl base64 -d -A -in v.txt | openssl base64  # the same, through openssl`,
    `Without -A, openssl base64 -d silently writes nothing for a line this long.`,
  );

  heading("Secrets");
  const secrets = OPTION_LAYOUT.filter((s) => s.secret).map(optionName);
  if (object.keptPasswords.length > 0) {
    para(
      `Adopted clients (hybrid adopt): keep the value the object already holds for`,
      ...object.keptPasswords.map((n) => `  ${n}`),
      `Genesys Cloud shows a client's secret only when it is created, so Terraform never had these; they are not in this export.`,
    );
  }
  if (object.omittedSecrets.length > 0) {
    para(
      `Left out of this export, to be entered by hand:`,
      ...object.omittedSecrets.map((n) => `  ${n}`),
      `Read them with`,
      `  terraform -chdir=cdktf.out/stacks/${t} output -json hybrid_integration_secrets`,
      `or export again with --include-secrets.`,
    );
  } else {
    para(
      `This export holds the secret options ${secrets.join(", ")}:`,
      `the files holding them are readable by their owner only (mode 0600, folder 0700).`,
      `Delete the export once the object is in Configuration Server, and never commit it.`,
    );
  }
  // One final newline, no trailing blank line.
  return out.join("\n").replace(/\n+$/, "\n");
}
