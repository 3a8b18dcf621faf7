#!/usr/bin/env bash
# The first command on a fresh machine, `npm ci && npm run demo`, in a fresh clone with empty Go
# module and build caches (the restapi provider is built from its Go module), timed in parts:
# npm ci, the toolchain (its own "ready in" line), and the whole demo command.
#
#   benchmarks/first-command.sh
#
# The genesyscloud provider must be in Terraform's implied local mirror (~/.terraform.d/plugins),
# as on an air-gapped site; the npm cache is left as it is.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
export GOCACHE="$work/go-build" GOMODCACHE="$work/go-mod"
cd "$work/clone"
now() { date +%s.%N; }
t0=$(now)
npm ci --no-audit --no-fund > "$work/npm-ci.log" 2>&1
t1=$(now)
npm run demo > "$work/demo.log" 2>&1 || { tail -40 "$work/demo.log" >&2; exit 1; }
t2=$(now)
toolchain=$(sed -n 's/^toolchain: ready in \([0-9.]*\)s.*/\1/p' "$work/demo.log" | head -1)
restapi=$(sed -n 's/^toolchain: provider mastercard\/restapi .*: done in \([0-9.]*\)s$/\1/p' "$work/demo.log" | head -1)
demo_line=$(grep '^demo: ' "$work/demo.log" | tail -1)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v tc="$toolchain" -v r="$restapi" -v d="$demo_line" 'BEGIN {
  printf "npm ci:                 %.1f s\n", b - a
  printf "npm run demo:           %.1f s (the toolchain %s s, of it the restapi build %s s)\n", c - b, tc, r
  printf "  %s\n", d
  printf "npm ci && npm run demo: %.1f s\n", c - a
}'
