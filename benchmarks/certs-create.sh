#!/usr/bin/env bash
# Times `hybrid certs create` (compiled, node dist/cli/hybrid.js) against the Genesys
# procedure's four openssl commands on this machine, interleaving the two so load from
# other processes hits both alike, and prints both medians and their ratio.
# It also checks that node-forge generates keys with Node's native crypto.
#
#   benchmarks/certs-create.sh [runs]      (default 20; builds with `npm run build` first)
set -euo pipefail

runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npm run --silent build

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The openssl side reads it with -passout env:, the hybrid side from the same variable.
HYBRID_KEY_PASSWORD="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
export HYBRID_KEY_PASSWORD

seed_openssl() {
  mkdir "$1" && cd "$1"
  openssl req -new -x509 -days 3652 -nodes -out cert.pem -keyout key.pem -subj "/CN=bench/O=bench" 2>/dev/null
  openssl base64 -in cert.pem -out cert.pem.b64
  openssl rsa -in key.pem -out key.pem.enc -aes256 -passout env:HYBRID_KEY_PASSWORD 2>/dev/null
  openssl base64 -in key.pem.enc -out key.pem.enc.b64
  cd "$root"
}

hybrid_create() {
  node "$root/dist/cli/hybrid.js" certs create --tenant bench --out "$1" >/dev/null
}

node_startup() {
  node -e 0
}

# Wall time of "$@" in microseconds.
time_us() {
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo $(((end - start) / 1000))
}

median_ms() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f", m / 1000 }'
}

# Warm the page cache for node, node_modules and openssl before measuring.
seed_openssl "$work/warm-openssl"
hybrid_create "$work/warm-hybrid"

openssl_us=()
hybrid_us=()
node_us=()
for i in $(seq 1 "$runs"); do
  openssl_us+=("$(time_us seed_openssl "$work/openssl-$i")")
  hybrid_us+=("$(time_us hybrid_create "$work/hybrid-$i")")
  node_us+=("$(time_us node_startup)")
done

openssl_ms=$(median_ms "${openssl_us[@]}")
hybrid_ms=$(median_ms "${hybrid_us[@]}")
node_ms=$(median_ms "${node_us[@]}")

echo "machine: $(nproc) CPUs, $(uname -sr), node $(node --version), $(openssl version | cut -d' ' -f1-2)"
echo "runs: $runs each, interleaved, RSA 2048, 3652 days"
echo "openssl, the procedure's 4 commands:  median ${openssl_ms} ms"
echo "hybrid certs create (dist):           median ${hybrid_ms} ms"
echo "  of which bare node startup (node -e 0): median ${node_ms} ms"
awk -v h="$hybrid_ms" -v o="$openssl_ms" 'BEGIN { printf "ratio hybrid/openssl: %.2fx\n", h / o }'

# node-forge must hand RSA generation to crypto.generateKeyPairSync; count the calls
# and time 4096-bit generation, which forge's JavaScript fallback takes minutes for.
node -e '
  const crypto = require("crypto");
  const native = crypto.generateKeyPairSync;
  let calls = 0;
  crypto.generateKeyPairSync = (...args) => { calls++; return native(...args); };
  const forge = require(process.argv[1]);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    forge.pki.rsa.generateKeyPair({ bits: 4096 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`node-forge 4096-bit generateKeyPair: median ${times[2].toFixed(0)} ms over 5, ` +
    `crypto.generateKeyPairSync called ${calls} times (native: ${calls === 5 ? "yes" : "NO"})`);
' "$root/node_modules/node-forge"
