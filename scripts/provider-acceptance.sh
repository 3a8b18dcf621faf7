#!/usr/bin/env bash
# Runs the genesyscloud Terraform provider's own acceptance tests (TF_ACC=1), unchanged, against
# `hybrid sandbox`, and prints one row per test and the requests the double does not know.
# Not part of CI, which has no provider source: see README, "The genesyscloud provider's
# acceptance tests against the sandbox".
#
#   scripts/provider-acceptance.sh /path/to/terraform-provider-genesyscloud [go test -run regex]
#
# The provider only talks https to its region's hosts, so the run happens in a private network
# and mount namespace: there, those names resolve to 127.0.0.1 and a TLS proxy with a certificate
# of a CA made for this run listens on 127.0.0.1:443 in front of the sandbox. Nothing leaves
# loopback, and the machine's own /etc/hosts and network stay as they are. Needs root (unshare).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
self="$repo/scripts/provider-acceptance.sh"

# Issue 19's tests: each must pass. TestAccResourceAuthRoleConditions also creates a routing
# queue, which is outside this project: it runs and is reported, but is not required.
required=(TestAccResourceOAuthClient TestAccDataSourceOAuthClient TestAccResourceAuthRoleDefault
  TestAccResourceAuthRoleBasic TestAccDataSourceAuthRole TestAccDataSourceAuthorizationProduct
  TestAccResourceAuthDivisionHome)
default_run="^($(IFS='|'; echo "${required[*]}")|TestAccResourceAuthRoleConditions)\$"
packages=(oauth_client auth_role authorization_product auth_division)
# us-east-1 is mypurecloud.com (getRegionMap in the provider's provider.go), which is also the SDK's
# default base path that the tests' own checks use. The SDK gets tokens from login.<domain>
# (authHostRegex in the SDK's configuration.go); nothing in these tests calls apps.<domain>.
region=us-east-1
hosts=(api.mypurecloud.com login.mypurecloud.com)
tenant=acceptance

if [[ $# -lt 1 || $# -gt 2 || ! -d "${1:-}/genesyscloud" ]]; then
  echo "usage: $0 /path/to/terraform-provider-genesyscloud [go test -run regex]" >&2
  exit 2
fi

if [[ "${PROVIDER_ACCEPTANCE_INSIDE:-}" != 1 ]]; then
  [[ $EUID -eq 0 ]] || { echo "$0: needs root, for unshare --net --mount" >&2; exit 2; }
  PROVIDER_ACCEPTANCE_INSIDE=1 exec unshare --net --mount --propagation private -- bash "$self" "$@"
fi

# ---- inside the namespace ----
provider=$(cd "$1" && pwd)
run_regex=${2:-$default_run}
# A caller's TF_*/GENESYSCLOUD_* settings (a sourced sandbox.env, TF_LOG, a real org's
# credentials) would change what the tests do, or where they go.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(TF_|GENESYSCLOUD_)' || true)

tmp=$(mktemp -d /tmp/provider-acceptance.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  umount /etc/hosts 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip link set lo up
printf '127.0.0.1 localhost %s\n::1 localhost\n' "${hosts[*]}" >"$tmp/hosts"
mount --bind "$tmp/hosts" /etc/hosts

# The run's CA, and a server certificate for the region's hosts (Go wants them as SANs).
# Go trusts the CA through SSL_CERT_FILE, in this run's go test processes only.
san=$(printf 'DNS:%s,' "${hosts[@]}")
(
  cd "$tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=provider-acceptance run CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign \
    -keyout ca.key -out ca.pem
  openssl req -newkey rsa:2048 -nodes -subj "/CN=${hosts[0]}" -keyout server.key -out server.csr
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "${san%,}" >server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -extfile server.ext -out server.pem
  # The tenants file wants the tenant's SAML certificate; these tests never use it.
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$tenant SAML" -keyout saml.key -out saml.pem
) >"$tmp/openssl.log" 2>&1 || { cat "$tmp/openssl.log" >&2; exit 1; }

cat >"$tmp/tenants.yaml" <<EOF
tenants:
  $tenant:
    region: $region
    organization: { id: $(cat /proc/sys/kernel/random/uuid), shortName: $tenant }
    saml: { issuer: https://engage.$tenant.example/pureengage, certificate: saml.pem }
EOF

# Waits until the file $2 of the process $1 has a line matching $3 (prints it).
await_line() {
  local pid=$1 file=$2 pattern=$3
  for _ in $(seq 600); do
    if grep -m1 -E "$pattern" "$file"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$0: no '$pattern' from $file:" >&2
  cat "$file" "${file%.out}.err" >&2 || true
  return 1
}

(cd "$repo" && exec node bin/hybrid.js sandbox --config "$tmp/tenants.yaml" --dir "$tmp/sandbox") \
  >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
pids+=($!)
sandbox_url=$(await_line "${pids[-1]}" "$tmp/sandbox.out" '^ready ' | cut -d' ' -f2)

"$repo/node_modules/.bin/ts-node" --transpile-only "$repo/scripts/acceptance-tls-proxy.ts" \
  "$tmp/server.key" "$tmp/server.pem" "$sandbox_url" >"$tmp/proxy.out" 2>"$tmp/proxy.err" &
pids+=($!)
await_line "${pids[-1]}" "$tmp/proxy.out" '^listening' >/dev/null

# The admin client's credentials, read without echoing them.
# shellcheck disable=SC1091
client_id=$(. "$tmp/sandbox/sandbox.env" && printenv "TF_VAR_${tenant}_admin_client_id")
client_secret=$(. "$tmp/sandbox/sandbox.env" && printenv "TF_VAR_${tenant}_admin_client_secret")

# Offline: modules from the cache only, the local Go toolchain, no checkpoint calls, and the real
# terraform so that the test framework downloads none.
export GOPROXY=off GOFLAGS="-mod=mod" GOTOOLCHAIN=local CHECKPOINT_DISABLE=1
terraform_path=$(cd "$repo" && node -p 'require("./.toolchain/toolchain.json").terraform.path' 2>/dev/null || command -v terraform)

# Everything printed passes through here: no secret, no token, ever.
redact() {
  local line
  while IFS= read -r line; do
    line=${line//"$client_secret"/<secret>}
    printf '%s\n' "$line"
  done | sed -E -e 's/(Bearer|bearer) [A-Za-z0-9._~+\/=-]+/\1 <token>/g' \
    -e 's/("?(client_secret|secret|access_token|clientSecret|password)"?[:=] ?"?)[^",&} ]+/\1<redacted>/g'
}

# "METHOD /path?b=2&a=1" as "METHOD /path?a=1&b=2": the SDK builds queries from a Go map, in random order.
sort_query() {
  local method target
  while read -r method target; do
    if [[ $target == *\?* ]]; then
      echo "$method ${target%%\?*}?$(tr '&' '\n' <<<"${target#*\?}" | sort | paste -sd'&')"
    else
      echo "$method $target"
    fi
  done
}

mkdir -p "$tmp/bin" "$tmp/log"
rows=()
failed_required=0
ran=()
for pkg in "${packages[@]}"; do
  bin="$tmp/bin/$pkg.test"
  if ! (cd "$provider" && go test -c -o "$bin" "./genesyscloud/$pkg") >"$tmp/log/build-$pkg.log" 2>&1; then
    echo "$0: building the tests of $pkg failed:" >&2
    redact <"$tmp/log/build-$pkg.log" >&2
    exit 1
  fi
  for test in $("$bin" -test.list "$run_regex" | grep -E '^Test' || true); do
    ran+=("$test")
    echo "provider-acceptance: $pkg $test ..." >&2
    log="$tmp/log/$test.log"
    mark=$(stat -c %s "$tmp/sandbox.err")
    # As go test runs a test binary: from the package's folder. In the background with a wait,
    # so that a signal to this script stops the test at once (cleanup kills it).
    (cd "$provider/genesyscloud/$pkg" &&
      exec env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$terraform_path" SSL_CERT_FILE="$tmp/ca.pem" \
        GENESYSCLOUD_REGION="$region" GENESYSCLOUD_OAUTHCLIENT_ID="$client_id" \
        GENESYSCLOUD_OAUTHCLIENT_SECRET="$client_secret" \
        "$bin" -test.run "^$test\$" -test.v -test.count 1 -test.timeout 20m) >"$log" 2>&1 &
    pids+=($!)
    wait "${pids[-1]}" || true
    unset 'pids[-1]'
    # The double's unknown requests during this test (it reports each on stderr).
    tail -c +"$((mark + 1))" "$tmp/sandbox.err" |
      sed -n -E 's/^\[genesys-cloud-double\] UNKNOWN REQUEST ([A-Z]+ [^ ]+) -> 404.*/\1/p' | sort_query >"$tmp/log/$test.unknown"

    is_required=no
    [[ " ${required[*]} " == *" $test "* ]] && is_required=yes
    detail=""
    if grep -q -E "^--- PASS: $test " "$log"; then
      result=pass
    elif grep -q -E "^--- SKIP: $test " "$log"; then
      result=skip
      detail=$(grep -m1 -A1 -E "^--- SKIP: $test " "$log" | tail -n1 | sed -E 's/^ +//')
    else
      result=fail
      # The framework's first fatal line names the step ("Step 3/4 error: ..."); terraform's
      # "Error: ..." summary and the line after it carry the API's answer.
      step=$(grep -m1 -o -E '(Test)?Step [0-9]+/[0-9]+|Error running post-test destroy|TestCase error|panic:|test timed out' "$log" || true)
      [[ -n "$step" ]] && result="fail, ${step,}"
      detail=$(grep -m1 -A2 -E '^\s*Error: ' "$log" | sed -E 's/^\s+//' | grep -v '^$' | paste -sd' ' || true)
      [[ -n "$detail" ]] || detail=$(grep -m1 -E 'Step [0-9]+/[0-9]+|panic:|timed out|FAIL' "$log" | sed -E 's/^\s+//' || true)
      [[ $is_required == yes ]] && failed_required=1
    fi
    [[ $is_required == yes ]] || is_required="no (not required)"
    detail=$(printf '%s' "$detail" | cut -c1-400 | redact | sed 's/|/\\|/g')
    rows+=("| $pkg | $test | $is_required | $result | $detail |")
  done
done

# Without a regex of the caller's, a required test that this provider tree lacks is a failure.
if [[ -z "${2:-}" ]]; then
  for test in "${required[@]}"; do
    if [[ " ${ran[*]} " != *" $test "* ]]; then
      rows+=("| ? | $test | yes | missing | not in this provider tree |")
      failed_required=1
    fi
  done
fi

echo
echo "| Package | Test | Required | Result | First failure |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
passed=$(printf '%s\n' "${rows[@]}" | grep -c -E '\| yes \| pass \|' || true)
echo "Required tests passing: $passed of $(printf '%s\n' "${rows[@]}" | grep -c -E '\| yes \|' || true)"
echo
echo "Unknown requests (the double answered 404), by test:"
any=0
for test in "${ran[@]}"; do
  [[ -s "$tmp/log/$test.unknown" ]] || continue
  any=1
  sort "$tmp/log/$test.unknown" | uniq -c | sed -E "s/^ *([0-9]+) (.*)/- $test: \2 (x\1)/" | redact
done
[[ $any == 1 ]] || echo "- none"
if grep -q 'internal error' "$tmp/sandbox.err"; then
  echo
  echo "The double's internal errors:"
  grep 'internal error' "$tmp/sandbox.err" | sort | uniq -c | redact
fi
exit "$failed_required"
