import type { Command } from "commander";

/** `hybrid certs`, the group of the SAML key and certificate commands, made on first use. */
export function certsGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "certs") ??
    program.command("certs").description("SAML signing key and certificate for a tenant's hybrid_integration transaction object")
  );
}
