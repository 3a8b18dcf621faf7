/**
 * The environment a user has in a fresh shell: this process's, less everything that would
 * point a command somewhere else (a sourced sandbox.env, credentials, a tenants file, a
 * Terraform configuration), plus `extra`.
 */
export function userEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^(TF_|HYBRID_|GENESYSCLOUD_|CHECKPOINT_|TERRAFORM_|PG_CONN_STR$|CDKTF_)/.test(name));
  return { ...Object.fromEntries(kept), ...extra };
}
