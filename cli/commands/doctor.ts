import { CommanderError, Option, type Command } from "commander";
import { TENANTS_FILE_ENV } from "../../core/config/tenants-file";
import { agentEmail, DEFAULT_TEST_AGENT } from "../../services/doctor/test-agent";
import { doctorTenant, type TenantReport } from "../../services/doctor/run-doctor";
import { formatJson, formatText } from "../../services/doctor/report";
import { URL_OVERRIDE_ENV, urlOverride } from "../../core/genesys/url-override";
import { UserError } from "../../core/user-error";
import type { CliContext } from "../context";
import { selectTenants } from "../tenant-selection";

interface DoctorFlags {
  tenant?: string;
  all?: boolean;
  json?: boolean;
  config?: string;
  agent: string;
}

/** Exit code of a usage error (bad or missing option), as opposed to 1 for a failed check. */
const USAGE = 2;

/** `hybrid doctor`: live checks of deployed tenants, ending with the agents' SAML2 Bearer token exchange. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description(
      "check a deployed tenant live, from its outputs: the ewt client's token, the PureEngage identity provider, the SAML key and " +
        "certificate, the agent role's Journey permissions, and the SAML2 Bearer exchange Workspace Desktop Edition makes for an agent; " +
        `exits 0 when every check passes, 1 when one fails, 2 for a usage error. ${URL_OVERRIDE_ENV} (a loopback origin only) ` +
        "sends its requests to a local Genesys Cloud double instead of the tenant's region",
    )
    .addOption(new Option("--tenant <name>", "the tenant to check").conflicts("all"))
    .addOption(new Option("--all", "check every tenant of the tenants file"))
    .option("--json", "print one JSON document instead of lines")
    .option("--config <file>", `the tenants file (default: $${TENANTS_FILE_ENV}, else tenants.yaml)`)
    .option(
      "--agent <name>",
      "the agent whose login is tried: an e-mail address, or a user name that becomes <name>@<organization_sname>.<organization_domain_suffix>; " +
        "an unknown agent is auto-provisioned into the agent role, so use a test agent",
      DEFAULT_TEST_AGENT,
    )
    .exitOverride((err) => {
      // commander's own usage errors (unknown or conflicting option) are usage errors too.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0) throw err;
      throw new CommanderError(USAGE, err.code, err.message);
    })
    .action(async (flags: DoctorFlags) => {
      const { tenants } = selectTenants(ctx, flags, { what: "check", fix: "name one of them, or pass the right file with --config", exitCode: USAGE });
      const override = urlOverride(ctx.env);
      agentEmail(flags.agent, "org", "com"); // a bad --agent is a usage error before anything is contacted
      const reports: TenantReport[] = [];
      for (const tenant of tenants) {
        const report = await doctorTenant(tenant, { cwd: ctx.cwd, env: ctx.env, now: ctx.now(), agent: flags.agent, override });
        reports.push(report);
        if (flags.json !== true) ctx.stdout(formatText([report]));
      }
      if (flags.json === true) ctx.stdout(formatJson(reports));
      const failed = reports.filter((r) => !r.ok).map((r) => r.tenant);
      if (failed.length > 0) {
        // Already reported check by check; the message only summarises.
        throw new UserError(`doctor: ${failed.join(", ")} failed ${failed.length > 1 ? "their" : "its"} checks (the ✖ lines above say what to fix)`, 1);
      }
    });
}
