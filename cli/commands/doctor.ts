import type { Command } from "commander";
import { URL_OVERRIDE_ENV, urlOverride } from "../../core/genesys/loopback";
import { ExitCode, UserError } from "../../core/user-error";
import type { TenantReport } from "../../services/doctor/run-doctor";
import { agentEmail, DEFAULT_TEST_AGENT } from "../../services/doctor/test-agent";
import { projectOf, type CliContext } from "../context";
import { globalOptions } from "../global-options";
import { addTenantSelector, selectTenants } from "../tenant-selector";

interface DoctorFlags {
  readonly json?: boolean;
  readonly agent: string;
}

/** `hybrid doctor`: live checks of deployed tenants, ending with the agents' SAML2 Bearer token exchange. */
export function register(program: Command, ctx: CliContext): void {
  addTenantSelector(
    program
      .command("doctor")
      .description(
        "check a deployed tenant live, from its outputs: the ewt client's token, the PureEngage identity provider, the SAML key and " +
          "certificate, the agent role's Journey permissions, and the SAML2 Bearer exchange Workspace Desktop Edition makes for an agent; " +
          `${URL_OVERRIDE_ENV} (a loopback origin only) sends its requests to a local Genesys Cloud double instead of the tenant's region`,
      ),
    "check",
  )
    .option("--json", "print one JSON document instead of lines")
    .option(
      "--agent <name>",
      "the agent whose login is tried: an e-mail address, or a user name that becomes <name>@<organization_sname>.<organization_domain_suffix>; " +
        "an unknown agent is auto-provisioned into the agent role, so use a test agent",
      DEFAULT_TEST_AGENT,
    )
    .action(async (flags: DoctorFlags, command: Command) => {
      const project = projectOf(ctx, "doctor");
      const { tenants } = selectTenants(ctx, project, command, "check");
      const override = urlOverride(ctx.env);
      agentEmail(flags.agent, "org", "com"); // a bad --agent is a usage error before anything is contacted
      const synthDir = project.synthDir(ctx.cwd, globalOptions(command).synthDir);
      // Loaded here: the SAML libraries and the Genesys SDK are the doctor's alone, not every command's start.
      const { doctorTenant } = await import("../../services/doctor/run-doctor");
      const { formatJson, formatText } = await import("../../services/doctor/report");
      const reports: TenantReport[] = [];
      for (const tenant of tenants) {
        const report = await doctorTenant(tenant, { project, synthDir, env: ctx.env, now: ctx.now(), agent: flags.agent, override });
        ctx.addSecrets(report.secrets);
        reports.push(report);
        if (flags.json !== true) ctx.stdout(formatText([report]));
      }
      if (flags.json === true) ctx.stdout(formatJson(reports));
      const failed = reports.filter((r) => !r.ok).map((r) => r.tenant);
      if (failed.length > 0) {
        // Already reported check by check; the message only summarises.
        throw new UserError(`doctor: ${failed.join(", ")} failed ${failed.length > 1 ? "their" : "its"} checks (the ✖ lines above say what to fix)`, ExitCode.Failed);
      }
    });
}
