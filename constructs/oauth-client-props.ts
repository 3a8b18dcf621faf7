import { Token } from "cdktf";
import { TOKEN_VALIDITY_SECONDS } from "../lib/oauth-defaults";

/**
 * The problems of the settings both OAuth client constructs share, each naming
 * the value received and the fix; unresolved tokens are left to the API.
 */
export function oauthClientProblems(props: { readonly name?: string; readonly accessTokenValiditySeconds?: number }): string[] {
  const problems: string[] = [];
  if (props.name !== undefined && !Token.isUnresolved(props.name) && props.name.trim() === "") {
    problems.push(`name "${props.name}" is empty; give the OAuth client a name, or leave it unset for the default.`);
  }
  const seconds = props.accessTokenValiditySeconds;
  if (seconds !== undefined && !Token.isUnresolved(seconds) && !(Number.isInteger(seconds) && seconds >= TOKEN_VALIDITY_SECONDS.min && seconds <= TOKEN_VALIDITY_SECONDS.max)) {
    problems.push(
      `accessTokenValiditySeconds ${seconds} is out of range; use whole seconds from ${TOKEN_VALIDITY_SECONDS.min} (5 minutes) to ${TOKEN_VALIDITY_SECONDS.max} (48 hours), e.g. ${TOKEN_VALIDITY_SECONDS.default}.`,
    );
  }
  return problems;
}
