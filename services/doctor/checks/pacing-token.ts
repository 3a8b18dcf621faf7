import { RESOURCE_ADDRESSES } from "../../../core/contract/tenant-stack-contract";
import { CheckResult, fail, pass, skipped } from "../check-result";
import { describeAnswer } from "../../../core/genesys/api-client";
import { adopted, DoctorTarget, deployCommand } from "../doctor-target";

const ID = "ewt-token";
const TITLE = "ewt client gets a client-credentials token for the configured lifetime";

/** The pacing service's login (`ewt` section): a client-credentials token, and its `expires_in`. Answers the token for later checks. */
export async function checkPacingToken(target: DoctorTarget): Promise<{ result: CheckResult; token?: string }> {
  const clientId = target.outputs.options.ewt.client_id;
  const password = (target.outputs.options.ewt.password ?? undefined);
  if (clientId && !password && adopted(target, "ewt")) {
    return { result: skipped(ID, TITLE, "the ewt client was adopted (hybrid adopt): Terraform holds no secret for it, so its login cannot be tried from the outputs") };
  }
  if (!clientId || !password) {
    return { result: fail(ID, TITLE, "ewt/client_id or ewt/password missing from the outputs", `deploy the tenant: ${deployCommand(target)}`) };
  }
  const res = await target.http.clientCredentials(target.authUrl, clientId, password);
  const stack = `cdktf.out/stacks/${target.tenant.name}`;
  if (res.status !== 200 || typeof res.body?.access_token !== "string") {
    const answer = describeAnswer(res);
    const fix =
      res.status === 0
        ? `the login service is unreachable from here: open ${new URL(target.authUrl).host}:443 in the firewall (output firewall_hosts)`
        : res.body?.error === "invalid_client"
          ? `ewt/password (or ewt/client_id) is not the client's current secret: Genesys Cloud no longer accepts what Terraform holds. ` +
            `Replace the client (README, "Rotating a client secret": terraform -chdir=${stack} apply -replace=${RESOURCE_ADDRESSES.pacingClient}) ` +
            `and retype ewt/client_id and ewt/password on premises from the outputs`
          : res.body?.error === "unauthorized_client"
            ? `client ${clientId} is not a Client Credentials client; ${deployCommand(target)} recreates the pacing client`
            : `see the answer; ${deployCommand(target)} restores the pacing client`;
    return { result: fail(ID, TITLE, `POST ${target.authUrl} as ewt/client_id ${clientId}: ${answer}`, fix) };
  }
  const want = target.tenant.pacingClient.accessTokenValiditySeconds;
  const got = res.body.expires_in;
  const compared = `expires_in ${got} s vs pacingClient.accessTokenValiditySeconds ${want} s`;
  if (got !== want) {
    return {
      result: fail(ID, TITLE, compared, `the org's pacing client has another token duration than the tenants file: ${deployCommand(target)} sets it back (an in-place update, same id and secret)`),
      token: res.body.access_token,
    };
  }
  return { result: pass(ID, TITLE, compared), token: res.body.access_token };
}
