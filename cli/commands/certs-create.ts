import type { Command } from "commander";
import { createCertSet } from "../../core/certs/cert-set";
import { defaultSubject } from "../../core/certs/tenant";
import { certsGroup } from "../certs-group";
import { displayPath, type CliContext } from "../context";
import { addNewKeyOptions, describeNewSet, parseDays, parseFormat, resolveDir, resolveNewPassword, type NewKeyFlags } from "../new-key-options";

/** `hybrid certs create`. */
export function register(program: Command, ctx: CliContext): void {
  const certs = certsGroup(program);
  addNewKeyOptions(
    certs
      .command("create")
      .description(
        "create a tenant's SAML key and self-signed certificate: cert.pem, key.pem, key.pem.enc, cert.pem.b64 and key.pem.enc.b64 (the procedure's four openssl commands in one)",
      ),
    "default: ",
  )
    .option("--force", "replace an existing set, deleting it (rotate keeps it for rollback)")
    .action((flags: NewKeyFlags & { force?: boolean }) => {
      const dir = resolveDir(ctx, flags);
      const days = parseDays(flags.days);
      const format = parseFormat(flags.format, "traditional");
      const password = resolveNewPassword(ctx, flags);
      const defaults = defaultSubject(flags.tenant);
      const cert = createCertSet(dir, {
        subject: { commonName: flags.cn ?? defaults.commonName, organization: flags.org ?? defaults.organization },
        days,
        keyBits: Number(flags.keyBits ?? 2048),
        format,
        password: password.value,
        now: ctx.now(),
        force: flags.force === true,
      });
      ctx.stdout(`Created ${displayPath(ctx, dir)}/ for tenant ${flags.tenant}:\n`);
      ctx.stdout(describeNewSet(ctx, dir, cert, days, format, password));
    });
}
