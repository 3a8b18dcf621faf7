import { RESOURCE_ADDRESSES } from "../../../core/contract/tenant-stack-contract";
import { CheckResult, fail, pass, skipped } from "../check-result";
import { describeAnswer } from "../../../core/genesys/api-client";
import { USERS_SEARCH_PATH, userRolesPath } from "../../../core/genesys/api-paths";
import { adopted, DoctorTarget, deployCommand } from "../doctor-target";
import { buildAssertion, signAssertion } from "../saml-assertion";
import { exchangeSaml2Bearer, type ExchangeResult } from "../saml2-bearer-exchange";
import type { SigningMaterial } from "./signing-key";

const EXCHANGE: [string, string] = ["saml2-bearer-exchange", "SAML2 Bearer exchange for the test agent returns an access token"];
const AGENT: [string, string] = ["agent-provisioned", "test agent exists with the agent role"];

function exchangeFix(target: DoctorTarget, error: string | undefined): string {
  const stack = `cdktf.out/stacks/${target.tenant.name}`;
  switch (error) {
    case "invalid_client":
      return (
        `saml_auth/client_id and saml_auth/password are not the SAML2 Bearer client's current credentials: retype them on premises from the outputs; ` +
        `if the outputs are stale too, replace the client (README, "Rotating a client secret": terraform -chdir=${stack} apply -replace=${RESOURCE_ADDRESSES.saml2BearerClient})`
      );
    case "unauthorized_client":
      return `saml_auth/client_id is not a SAML2 Bearer client: retype it from the outputs (${deployCommand(target)})`;
    case "invalid_grant":
      return `Genesys Cloud refused the assertion for the reason above; the identity provider and key checks name what to change`;
    default:
      return `see the answer; the firewall must let ${new URL(target.authUrl).host} through (output firewall_hosts)`;
  }
}

/**
 * The exchange Workspace Desktop Edition makes at every agent login: a SAML assertion for the
 * agent, issued by `saml/issuer` and signed with the key of `saml/pkey`, traded at
 * `base_auth_url` for an access token by the `saml_auth` client of org `organization_sname`.
 * Then, with the ewt token, the agent must exist and hold the agent role (auto-provisioned).
 */
/** What the exchange needs of the outputs, or why it cannot be tried (`adopted`: not a failure). */
export type ExchangeSetup =
  | { readonly ok: true; readonly issuer: string; readonly orgName: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly ok: false; readonly adopted: boolean; readonly reason: string };

export function exchangeSetup(target: DoctorTarget): ExchangeSetup {
  const issuer = target.outputs.options.saml.issuer;
  const orgName = target.outputs.options.general.organization_sname;
  const clientId = target.outputs.options.saml_auth.client_id;
  const clientSecret = target.outputs.options.saml_auth.password ?? undefined;
  if (clientId && !clientSecret && adopted(target, "saml_auth")) {
    return { ok: false, adopted: true, reason: "the saml_auth client was adopted (hybrid adopt): Terraform holds no secret for it, so the exchange cannot be tried from the outputs" };
  }
  if (!issuer || !orgName || !clientId || !clientSecret) {
    return { ok: false, adopted: false, reason: "saml/issuer, general/organization_sname, saml_auth/client_id or saml_auth/password missing from the outputs" };
  }
  return { ok: true, issuer, orgName, clientId, clientSecret };
}

/** The exchange as WDE makes it, signed with `material`: what was sent (no secret), and the answer in words unless it gave a token. */
export async function signedExchange(
  target: DoctorTarget,
  setup: Extract<ExchangeSetup, { ok: true }>,
  material: SigningMaterial,
): Promise<{ what: string; answer: ExchangeResult; got?: string }> {
  const { issuer, orgName, clientId, clientSecret } = setup;
  const { xml } = buildAssertion({ issuer, nameId: target.agentEmail, audience: target.publicAuthUrl, now: target.now });
  const signed = signAssertion(xml, material.key, material.certificatePem);
  const answer = await exchangeSaml2Bearer({ tokenUrl: target.authUrl, clientId, clientSecret, orgName, assertionXml: signed });
  const what = `assertion for ${target.agentEmail} from issuer "${issuer}", audience ${target.publicAuthUrl}, RSA-SHA256; POST ${target.authUrl} orgName=${orgName} as saml_auth/client_id ${clientId}`;
  if (answer.ok) return { what, answer };
  const got = answer.networkError ? `no answer (${answer.networkError})` : `${answer.status ?? "?"} ${answer.error ?? ""}${answer.description ? `: ${answer.description}` : ""}`;
  return { what, answer, got };
}

export async function checkTokenExchange(target: DoctorTarget, material: SigningMaterial | undefined, ewtToken: string | undefined): Promise<CheckResult[]> {
  const [exId, exTitle] = EXCHANGE;
  const [agId, agTitle] = AGENT;
  if (!material) return [skipped(exId, exTitle, "needs the signing key, whose check failed"), skipped(agId, agTitle, "needs the exchange")];
  const setup = exchangeSetup(target);
  if (!setup.ok) {
    if (setup.adopted) return [skipped(exId, exTitle, setup.reason), skipped(agId, agTitle, "needs the exchange")];
    return [fail(exId, exTitle, setup.reason, `deploy the tenant: ${deployCommand(target)}`), skipped(agId, agTitle, "needs the exchange")];
  }
  const { what, answer, got } = await signedExchange(target, setup, material);
  if (!answer.ok) {
    return [fail(exId, exTitle, `${what}: ${got}`, exchangeFix(target, answer.error)), skipped(agId, agTitle, "needs the exchange")];
  }
  const results: CheckResult[] = [pass(exId, exTitle, `${what}: 200, access token${answer.expiresInSeconds !== undefined ? ` for ${answer.expiresInSeconds} s` : ""}`)];
  results.push(await checkAgent(target, ewtToken));
  return results;
}

async function checkAgent(target: DoctorTarget, token: string | undefined): Promise<CheckResult> {
  const [id, title] = AGENT;
  if (!token) return skipped(id, title, "needs the ewt token, which failed");
  const roleName = target.outputs.options.general.default_agent_role_name;
  const searchUrl = new URL(USERS_SEARCH_PATH, target.serviceUrl).href;
  const query = { pageSize: 25, pageNumber: 1, query: [{ type: "EXACT", fields: ["email", "username"], value: target.agentEmail }] };
  // User search is eventually consistent in Genesys Cloud: a user made a moment ago may show a little later.
  const deadline = Date.now() + target.userSearchWaitMs;
  let res = await target.http.postJson(searchUrl, token, query);
  while (res.status === 200 && (res.body?.results ?? []).length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    res = await target.http.postJson(searchUrl, token, query);
  }
  if (res.status !== 200) return fail(id, title, `POST ${searchUrl}: ${describeAnswer(res)}`, "see the answer; the ewt client's admin role may search users");
  const user = (res.body.results as { id: string; username?: string; state?: string }[])[0];
  if (!user) {
    return fail(id, title, `no user ${target.agentEmail} after the exchange`, `the identity provider must auto-provision users (idp-auto-provision); ${deployCommand(target)}`);
  }
  const rolesUrl = new URL(userRolesPath(user.id), target.serviceUrl).href;
  const roles = await target.http.get(rolesUrl, token);
  if (roles.status !== 200) return fail(id, title, `GET ${rolesUrl}: ${describeAnswer(roles)}`, "see the answer");
  const names = ((roles.body?.roles ?? []) as { name?: string }[]).map((r) => r.name ?? "?");
  const compared = `${target.agentEmail} (${user.state ?? "?"}) holds ${names.length ? names.join(", ") : "no role"}; want ${roleName}`;
  return names.includes(roleName)
    ? pass(id, title, compared)
    : fail(
        id,
        title,
        compared,
        `auto-provisioning gives ${roleName} only to users it creates: grant ${roleName} to existing agents in Admin > People (or PUT /api/v2/users/{id}/roles)`,
      );
}
