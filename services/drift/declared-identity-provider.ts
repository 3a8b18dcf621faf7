import { MANAGED } from "../../core/contract/tenant-stack-contract";

/** The PureEngage identity provider's fields as the tenant's stack declares them (`issuerURI`, `certificate`, `autoProvisionUsers`, ...). */
export type DeclaredIdentityProvider = Readonly<Record<string, unknown>>;

/**
 * The one place drift takes the identity provider's declared fields from: the body the
 * tenant's synthesized stack sends (`restapi_object.pureengage-idp`'s `data`), exactly what a
 * deploy would PUT. The stack is built from the tenants file and the certificate by
 * PureEngageIdp, so whatever it declares (during a key rollover, the stage's certificates)
 * is what the org is compared with; undefined when the stack declares no identity provider.
 *
 * @param stackJson the text of the tenant's `cdk.tf.json`
 */
export function declaredIdentityProvider(stackJson: string): DeclaredIdentityProvider | undefined {
  const { type, id } = MANAGED.identityProvider;
  const stack = JSON.parse(stackJson) as { resource?: Record<string, Record<string, { data?: unknown }>> };
  const data = stack.resource?.[type]?.[id]?.data;
  if (typeof data !== "string") return undefined;
  const body = JSON.parse(data) as unknown;
  return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as DeclaredIdentityProvider) : undefined;
}
