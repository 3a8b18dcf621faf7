#!/bin/sh
# Builds actionlint (the GitHub Actions workflow linter) from its Go module into the
# project's gitignored .toolchain/bin/, unless that version is already there.
# Prints the binary's path. Needs Go and the Go module proxy (or GOFLAGS=-mod=mod with a module cache).
set -eu
version="${ACTIONLINT_VERSION:-v1.7.12}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.toolchain/bin/actionlint"
if [ ! -x "$bin" ] || ! "$bin" -version 2>/dev/null | head -1 | grep -qx "$version"; then
  mkdir -p "$root/.toolchain/bin"
  GOBIN="$root/.toolchain/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
fi
echo "$bin"
