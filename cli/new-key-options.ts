// What `hybrid certs create` and `hybrid certs rotate` share: the new key pair's options, their parsing, and the report.
import * as path from "node:path";
import { Option, type Command } from "commander";
import { CERT_SET_FILES } from "../core/certs/cert-set";
import { isoDate, type CertificateInfo } from "../core/certs/certificate-check";
import { KEY_FORMATS, validateKeyFormat, type KeyFormat } from "../core/certs/encrypted-key";
import { CertError } from "../core/certs/errors";
import { KEY_SIZES } from "../core/certs/key-pair";
import { PASSWORD_ENV, readKeyPassword, requireNewKeyPassword, type KeyPassword } from "../core/certs/password";
import { DEFAULT_VALIDITY_DAYS, validateValidityDays } from "../core/certs/self-signed-certificate";
import { tenantCertDir } from "../core/certs/tenant";

import { displayPath, type CliContext } from "./context";
/** Options shared by `create` and `rotate`, as commander hands them over. */
export interface NewKeyFlags {
  tenant: string;
  out?: string;
  days?: string;
  cn?: string;
  org?: string;
  keyBits?: string;
  format?: string;
  passwordFile?: string;
}

/**
 * Adds the options `create` and `rotate` share. Defaults are applied by the commands
 * rather than by commander because rotate's come from the current set.
 */
export function addNewKeyOptions(command: Command, defaultsNote: string): Command {
  return command
    .requiredOption("--tenant <name>", "tenant name: lowercase letters, digits and dashes")
    .option("--out <dir>", "the tenant's certificate directory (default: certs/<tenant> in the current directory)")
    .option("--days <n>", `certificate validity in days (default: ${DEFAULT_VALIDITY_DAYS})`)
    .option("--cn <name>", `certificate subject common name (${defaultsNote}"<tenant> hybrid SAML signing")`)
    .option("--org <name>", `certificate subject organization (${defaultsNote}<tenant>)`)
    .addOption(
      new Option("--key-bits <n>", `RSA key size (${defaultsNote}2048)`).choices(KEY_SIZES.map(String)),
    )
    .addOption(
      new Option(
        "--format <format>",
        `key.pem.enc form: traditional ("BEGIN RSA PRIVATE KEY" with DEK-Info AES-256-CBC, as openssl rsa -aes256 wrote before OpenSSL 3) or pkcs8 ("BEGIN ENCRYPTED PRIVATE KEY") (${defaultsNote}traditional)`,
      ).choices([...KEY_FORMATS]),
    )
    .option(
      "--password-file <file>",
      `read the key password from the first line of <file> instead of $${PASSWORD_ENV}`,
    );
}

export function resolveDir(ctx: CliContext, flags: Pick<NewKeyFlags, "tenant" | "out">): string {
  const tenantDir = tenantCertDir(ctx.cwd, flags.tenant); // validates the name even with --out
  return flags.out === undefined ? tenantDir : path.resolve(ctx.cwd, flags.out);
}

export function resolveNewPassword(ctx: CliContext, flags: Pick<NewKeyFlags, "passwordFile">): KeyPassword {
  return requireNewKeyPassword(
    readKeyPassword({
      passwordFile: flags.passwordFile === undefined ? undefined : path.resolve(ctx.cwd, flags.passwordFile),
      env: ctx.env,
    }),
  );
}

export function parseDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_VALIDITY_DAYS;
  if (!/^\d+$/.test(value)) {
    throw new CertError(`invalid --days "${value}": use a whole number of days (default ${DEFAULT_VALIDITY_DAYS})`);
  }
  return validateValidityDays(Number(value));
}

export function parseFormat(value: string | undefined, fallback: KeyFormat): KeyFormat {
  return value === undefined ? fallback : validateKeyFormat(value);
}

export function describeNewSet(
  ctx: CliContext,
  dir: string,
  cert: CertificateInfo,
  days: number,
  format: KeyFormat,
  password: KeyPassword,
): string {
  const shown = displayPath(ctx, dir);
  const formatName = format === "traditional" ? "traditional PEM (DEK-Info AES-256-CBC)" : "PKCS#8 (PBES2, AES-256-CBC)";
  const rows: [string, string][] = [
    [CERT_SET_FILES.certificate, `${cert.subject}; ${cert.keyDescription}, SHA-256; valid until ${isoDate(cert.notAfter)} (${days} days)`],
    [CERT_SET_FILES.privateKey, "private key, unencrypted, mode 600: never commit it; delete it if nothing here needs it"],
    [CERT_SET_FILES.encryptedKey, `private key, AES-256 encrypted, ${formatName}, mode 600`],
    [CERT_SET_FILES.certificateBase64, "-> hybrid_integration saml/certificate"],
    [CERT_SET_FILES.encryptedKeyBase64, `-> hybrid_integration saml/pkey (saml/password: the password from ${password.source})`],
  ];
  return (
    rows.map(([name, text]) => `  ${path.join(shown, name).padEnd(shown.length + 17)}${text}\n`).join("") +
    `  SHA-256 fingerprint ${cert.fingerprint256}\n`
  );
}

