import * as path from "node:path";
import type { Command } from "commander";
import { inspectCertSet, type CheckStatus } from "../../core/certs/cert-set-inspection";
import { isoDate } from "../../core/certs/certificate-check";
import { CertError } from "../../core/certs/errors";
import { ExitCode } from "../../core/user-error";
import { PASSWORD_ENV, readKeyPassword } from "../../core/certs/password";
import { certsGroup } from "../certs-group";
import { displayPath, type CliContext } from "../context";

const STATUS_LABEL: Record<CheckStatus, string> = {
  ok: "ok",
  warn: "WARN",
  fail: "FAIL",
  skipped: "skipped",
  absent: "absent",
};

export function register(program: Command, ctx: CliContext): void {
  const certs = certsGroup(program);
  certs
    .command("inspect")
    .description(
      "show a set's certificate and check that key.pem and key.pem.enc match it and the .b64 files decode to their PEM files; exits 1 on any mismatch or an expired certificate",
    )
    .argument("<dir>", "the tenant's certificate directory, e.g. certs/acme")
    .option(
      "--password-file <file>",
      `read the key.pem.enc password from the first line of <file> instead of $${PASSWORD_ENV}`,
    )
    .action((dirArg: string, flags: { passwordFile?: string }) => {
      const dir = path.resolve(ctx.cwd, dirArg);
      // No length rule here: sets made by hand with openssl may have shorter passwords.
      const password = readKeyPassword({
        passwordFile: flags.passwordFile === undefined ? undefined : path.resolve(ctx.cwd, flags.passwordFile),
        env: ctx.env,
      });
      const report = inspectCertSet(dir, { password: password?.value, now: ctx.now() });
      const cert = report.certificate;
      const left =
        report.validity.daysLeft >= 0
          ? `${report.validity.daysLeft} days left`
          : `expired ${-report.validity.daysLeft} days ago`;
      const out: string[] = [
        displayPath(ctx, cert.file),
        `  subject      ${cert.subject}`,
        `  serial       ${cert.serial}`,
        `  valid from   ${isoDate(cert.notBefore)}`,
        `  valid until  ${isoDate(cert.notAfter)} (${left})`,
        `  sha256       ${cert.fingerprint256}`,
        `  public key   ${cert.keyDescription}`,
        "checks",
        ...report.checks.map((c) => `  ${STATUS_LABEL[c.status].padEnd(8)} ${c.name.padEnd(16)} ${c.detail}`),
      ];
      ctx.stdout(out.join("\n") + "\n");
      const failed = report.checks.filter((c) => c.status === "fail");
      if (failed.length > 0) {
        throw new CertError(
          `${displayPath(ctx, dir)}: ${failed.length} check${failed.length > 1 ? "s" : ""} failed: ` +
            failed.map((c) => `${c.name} ${c.detail}`).join("; "),
          report.dir,
          ExitCode.Failed,
        );
      }
    });
}
