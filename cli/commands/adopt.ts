import type { Command } from "commander";
import { adoptionFilePath, adoptsAnything, writeAdoption } from "../../core/config/adoption-file";
import { ExitCode, UserError } from "../../core/user-error";
import { planTenantAdoption } from "../../services/adopt/adopt-tenant";
import type { AdoptionPlan } from "../../services/adopt/plan-adoption";
import { displayPath, projectOf, type CliContext } from "../context";
import { addTenantSelector, selectTenants } from "../tenant-selector";

interface AdoptFlags {
  readonly clientNamePacing?: string;
  readonly clientNameSaml2?: string;
  readonly clientIdPacing?: string;
  readonly clientIdSaml2?: string;
  readonly allowReplace?: boolean;
}

/** `hybrid adopt`: bring an org provisioned by hand under the tenant's stack by import, replacing nothing. */
export function register(program: Command, ctx: CliContext): void {
  addTenantSelector(
    program
      .command("adopt")
    .description(
      "find what the seeds' procedure made by hand in a tenant's org (the two OAuth clients, the PureEngage identity provider) and write " +
        "adopted/<tenant>.yaml next to the tenants file, so the next plan imports them instead of creating new ones; differences are shown first; " +
          "each tenant is read with its own TF_VAR_<tenant>_admin_client_id/secret",
      ),
    "adopt",
  )
    .option("--client-name-pacing <name>", "name of the Client Credentials client the ewt section holds (default: the tenants file's pacingClient.name)")
    .option("--client-name-saml2 <name>", "name of the SAML2 Bearer client the saml_auth section holds (default: saml2BearerClient.name)")
    .option("--client-id-pacing <id>", "id of the ewt client, when several share a name")
    .option("--client-id-saml2 <id>", "id of the saml_auth client, when several share a name")
    .option("--allow-replace", "write the adoption even where the next plan would replace an adopted object (new id and secret)")
    .action(async (flags: AdoptFlags, command: Command) => {
      const project = projectOf(ctx, "adopt");
      const { file: tenantsFile, tenants } = selectTenants(ctx, project, command, "adopt");
      const file = tenantsFile.path;
      const picks = [flags.clientNamePacing && "--client-name-pacing", flags.clientNameSaml2 && "--client-name-saml2", flags.clientIdPacing && "--client-id-pacing", flags.clientIdSaml2 && "--client-id-saml2"].filter(Boolean);
      if (tenants.length > 1 && picks.length > 0) throw new UserError(`adopt: ${picks.join(", ")} pick(s) one tenant's client; use them with one --tenant <name>.`, ExitCode.Usage);
      for (const [name, id, section] of [[flags.clientNamePacing, flags.clientIdPacing, "ewt"], [flags.clientNameSaml2, flags.clientIdSaml2, "saml_auth"]] as const) {
        if (name !== undefined && id !== undefined) throw new UserError(`adopt: give the ${section} client by name or by id, not both.`, ExitCode.Usage);
      }

      const plans: AdoptionPlan[] = [];
      for (const tenant of tenants) {
        plans.push(
          await planTenantAdoption(tenant, ctx.env, {
            pacing: { name: flags.clientNamePacing, id: flags.clientIdPacing },
            saml2: { name: flags.clientNameSaml2, id: flags.clientIdSaml2 },
            allowReplace: flags.allowReplace === true,
          }),
        );
      }

      // Everything found is shown before anything is written.
      for (const plan of plans) ctx.stdout(`tenant ${plan.tenant}:\n${plan.report.map((l) => `  ${l}`).join("\n")}\n`);
      const refusals = plans.flatMap((p) => p.refusals.map((r) => `tenant ${p.tenant}: ${r}`));
      if (refusals.length > 0) {
        throw new UserError(`adopt stopped; nothing was written:\n${refusals.map((r) => `  - ${r}`).join("\n")}`, ExitCode.Failed);
      }
      for (const plan of plans) {
        if (!adoptsAnything(plan.adoption)) {
          ctx.stdout(`tenant ${plan.tenant}: nothing to adopt; no adoption file written (${displayPath(ctx, adoptionFilePath(file, plan.tenant))}). The deploy creates everything.\n`);
          continue;
        }
        const written = writeAdoption(file, plan.adoption, ctx.now());
        ctx.stdout(
          `tenant ${plan.tenant}: wrote ${displayPath(ctx, written)} (ids only). Next: \`npm run synth\`, then \`npx cdktf diff ${plan.tenant}\`: ` +
            `the plan imports ${[plan.adoption.pacingClient && "the ewt client", plan.adoption.saml2BearerClient && "the saml_auth client", plan.adoption.identityProvider && "the identity provider"].filter(Boolean).join(", ")}` +
            `${plan.differences.length > 0 ? " and updates the differences above in place" : ""}; then \`npx cdktf deploy ${plan.tenant}\`.\n`,
        );
        const kept = [plan.adoption.pacingClient && "ewt", plan.adoption.saml2BearerClient && "saml_auth"].filter(Boolean);
        if (kept.length > 0) {
          ctx.stdout(
            `  Genesys Cloud shows a client's secret only when it is created, so after the import Terraform has none: ${kept.map((s) => `${s}/password`).join(" and ")} ` +
              `stay${kept.length === 1 ? "s" : ""} what the transaction object holds (output adopted_clients lists ${kept.length === 1 ? "it" : "them"}; hybrid_integration_secrets has null there).\n`,
          );
        }
      }
    });
}
