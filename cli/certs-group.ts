import type { Command } from "commander";
import { commandGroup } from "./context";

/** `hybrid certs`, the group of the SAML key and certificate commands. */
export function certsGroup(program: Command): Command {
  return commandGroup(program, "certs", "SAML signing key and certificate for a tenant's hybrid_integration transaction object");
}
