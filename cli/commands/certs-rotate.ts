import * as path from "node:path";
import type { Command } from "commander";
import { CERT_SET_FILES } from "../../core/certs/cert-set";
import { isoDate } from "../../core/certs/certificate-check";
import { KEY_SIZES } from "../../core/certs/key-pair";
import { createNextCertSet, NEXT_DIR, readCurrentSet, rotateCertSet, type NextSet } from "../../core/certs/rotation";
import { tenantVariableNames } from "../../core/contract/tenant-variables";
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
        "replace a tenant's key and certificate with new ones, moving the current set to previous/<UTC timestamp>/ for rollback; with --next, write them to next/ " +
          "for a rollover without downtime instead, leaving the current set in place; subject, key size and key.pem.enc form carry over unless given",
      ),
    "default: the current certificate's, else ",
  )
    .option("--next", `write the new set to <dir>/${NEXT_DIR}/ for a key rollover (saml.rollover in the tenants file) and keep the current one where it is`)
    .action((flags: NewKeyFlags & { next?: boolean }) => {
      const dir = resolveDir(ctx, flags);
      const password = resolveNewPassword(ctx, flags);
      const current = readCurrentSet(dir);
      const defaults = defaultSubject(flags.tenant);
      const days = parseDays(flags.days);
      const format = parseFormat(flags.format, current.format ?? "traditional");
      // A key size outside what create offers (e.g. an old 1024-bit openssl key) is not carried over.
      const currentBits = (KEY_SIZES as readonly number[]).includes(current.keyBits ?? 0) ? current.keyBits : undefined;
      const options = {
        subject: {
          commonName: flags.cn ?? current.subject.commonName ?? defaults.commonName,
          organization: flags.org ?? current.subject.organization ?? defaults.organization,
        },
        days,
        keyBits: Number(flags.keyBits ?? currentBits ?? 2048),
        format,
        password: password.value,
        now: ctx.now(),
      };
      if (flags.next === true) {
        const next = createNextCertSet(dir, options);
        ctx.stdout(nextSetReport(ctx, flags.tenant, dir, next, describeNewSet(ctx, next.nextDir, next.certificate, days, format, password), password.source));
        return;
      }
      const rotation = rotateCertSet(dir, options);

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
          "     Between steps 1 and 2, on-premises components sign with a key Genesys Cloud no longer trusts;",
          "     `hybrid certs rotate --next` rolls the key over without that window (docs/certs.md).",
          `  3. hybrid certs inspect ${shown}`,
          `Rollback: mv -f ${previous}/* ${shown}/ && cdktf deploy ${flags.tenant}, then put the previous saml/certificate, saml/pkey and saml/password back.`,
          "",
        ].join("\n"),
      );
    });
}

/** What `rotate --next` made, and the rollover's steps with the actual paths and names. */
function nextSetReport(ctx: CliContext, tenant: string, dir: string, next: NextSet, described: string, passwordSource: string): string {
  const shown = displayPath(ctx, next.nextDir);
  const variable = `TF_VAR_${tenantVariableNames(tenant).samlNextKeyPassword}`;
  const password =
    next.passwordUnchanged === true ? "the same password as the current set's" : `the password from ${passwordSource}${next.passwordUnchanged === false ? " (it differs from the current set's)" : ""}`;
  return [
    `Made the next key set of tenant ${tenant} in ${shown}/; the current set in ${displayPath(ctx, dir)}/ is unchanged (fingerprint ${next.current.fingerprint256}, valid until ${isoDate(next.current.notAfter)}):`,
    described.trimEnd(),
    "",
    `Roll the key over without downtime (docs/certs.md, "Rolling the key over"), one deploy per stage:`,
    `  1. publish (platform team): in the tenants file, under tenants.${tenant}.saml, add`,
    `       rollover: { certificate: ${path.join(shown, CERT_SET_FILES.certificate)}, stage: publish }`,
    `     (the path relative to the tenants file's folder), set ${variable} to ${password},`,
    `     cdktf deploy ${tenant}, then hybrid doctor --tenant ${tenant}: the identity provider trusts both keys, and the doctor proves the next one with a signed assertion.`,
    `  2. switch (platform team, then the Configuration Server administrator): stage: switch, cdktf deploy ${tenant},`,
    `     hybrid export --tenant ${tenant} --include-secrets; the administrator imports it: saml/certificate, saml/pkey and saml/password of the next set.`,
    `  3. retire (platform team, once every agent logged in again): stage: retire, cdktf deploy ${tenant}: only the next key is trusted.`,
    `  4. Move ${shown}/ into place as the current set, remove rollover, and set TF_VAR_${tenantVariableNames(tenant).samlKeyPassword} to the next set's password: cdktf diff ${tenant} changes no resource.`,
    `Rollback: at publish, remove rollover and deploy; at switch, stage: publish and deploy, then import that export; at retire, stage: switch and deploy.`,
    "",
  ].join("\n");
}
