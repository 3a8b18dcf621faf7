import * as path from "node:path";
import type { Command } from "commander";
import { CERT_SET_FILES } from "../../core/certs/cert-set";
import { isoDate } from "../../core/certs/certificate-check";
import { KEY_SIZES } from "../../core/certs/key-pair";
import { readCurrentSet, rotateCertSet } from "../../core/certs/rotation";
import { defaultSubject } from "../../core/certs/tenant";
import {
  addNewKeyOptions,
  describeNewSet,
  parseDays,
  parseFormat,
  resolveDir,
  resolveNewPassword,
  type NewKeyFlags,
} from "../new-key-options";
import { certsGroup } from "../certs-group";
import { displayPath, type CliContext } from "../context";

export function register(program: Command, ctx: CliContext): void {
  const certs = certsGroup(program);
  addNewKeyOptions(
    certs
      .command("rotate")
      .description(
        "replace a tenant's key and certificate with new ones, moving the current set to previous/<UTC timestamp>/ for rollback; subject, key size and key.pem.enc form carry over unless given",
      ),
    "default: the current certificate's, else ",
  ).action((flags: NewKeyFlags) => {
    const dir = resolveDir(ctx, flags);
    const password = resolveNewPassword(ctx, flags);
    const current = readCurrentSet(dir);
    const defaults = defaultSubject(flags.tenant);
    const days = parseDays(flags.days);
    const format = parseFormat(flags.format, current.format ?? "traditional");
    // A key size outside what create offers (e.g. an old 1024-bit openssl key) is not carried over.
    const currentBits = (KEY_SIZES as readonly number[]).includes(current.keyBits ?? 0) ? current.keyBits : undefined;
    const rotation = rotateCertSet(dir, {
      subject: {
        commonName: flags.cn ?? current.subject.commonName ?? defaults.commonName,
        organization: flags.org ?? current.subject.organization ?? defaults.organization,
      },
      days,
      keyBits: Number(flags.keyBits ?? currentBits ?? 2048),
      format,
      password: password.value,
      now: ctx.now(),
    });

    const shown = displayPath(ctx, dir);
    const previous = displayPath(ctx, rotation.previousDir);
    const samlPassword =
      rotation.passwordUnchanged === true
        ? "unchanged (it also decrypted the previous key)"
        : `the password from ${password.source}` +
          (rotation.passwordUnchanged === false ? " (it differs from the previous set's: change it)" : "");
    ctx.stdout(
      [
        `Rotated ${shown}/ for tenant ${flags.tenant}:`,
        describeNewSet(ctx, dir, rotation.certificate, days, format, password).trimEnd(),
        `Previous set (fingerprint ${rotation.previous.fingerprint256}, valid until ${isoDate(rotation.previous.notAfter)}) moved to ${previous}/`,
        "",
        "Next:",
        `  1. cdktf deploy ${flags.tenant}`,
        "     updates the PureEngage identity provider's certificate in place to the new cert.pem.",
        `  2. Right after, in tenant ${flags.tenant}'s hybrid_integration transaction object, section saml, set:`,
        `       certificate = the content of ${path.join(shown, CERT_SET_FILES.certificateBase64)}`,
        `       pkey        = the content of ${path.join(shown, CERT_SET_FILES.encryptedKeyBase64)}`,
        `       password    = ${samlPassword}`,
        "     Between steps 1 and 2, on-premises components sign with a key Genesys Cloud no longer trusts.",
        `  3. hybrid certs inspect ${shown}`,
        `Rollback: mv -f ${previous}/* ${shown}/ && cdktf deploy ${flags.tenant}, then put the previous saml/certificate, saml/pkey and saml/password back.`,
        "",
      ].join("\n"),
    );
  });
}
