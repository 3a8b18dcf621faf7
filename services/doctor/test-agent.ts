import { ExitCode, UserError } from "../../core/user-error";

/** The agent `hybrid doctor` logs in as when `--agent` is not given: clearly not a person. */
export const DEFAULT_TEST_AGENT = "hybrid-doctor-test-agent";

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const LOCAL_PART = /^[A-Za-z0-9._%+-]+$/;

/**
 * The NameID Workspace Desktop Edition sends for an agent: the user name itself when it is an
 * e-mail address, else `<user>@<organization_sname>.<organization_domain_suffix>` (the seed's
 * `annex/organization_domain_suffix`).
 */
export function agentEmail(agent: string, organizationShortName: string, domainSuffix: string): string {
  if (agent.includes("@")) {
    if (!EMAIL.test(agent)) throw new UserError(`--agent "${agent}" is not an e-mail address; give one, or a plain user name such as ${DEFAULT_TEST_AGENT}.`, ExitCode.Usage);
    return agent;
  }
  if (!LOCAL_PART.test(agent)) {
    throw new UserError(`--agent "${agent}" cannot start an e-mail address; use letters, digits and . _ % + - only (e.g. ${DEFAULT_TEST_AGENT}).`, ExitCode.Usage);
  }
  return `${agent}@${organizationShortName}.${domainSuffix}`;
}
