#!/usr/bin/env bash
# Startup benchmark: process start -> first answered signed STS GetCallerIdentity, and idle
# RSS, for Rampart (fresh and existing data dir) and for moto. Prints numbers; never fails.
#
# Environment: BENCH_BIN (default build-release/src/server/rampart), RUNS (default 10),
# MOTO_RUNS (default RUNS), POLL_MS (sleep between refused connects, default 0.5;
# 0 = busy loop), SKIP_MOTO=1 to leave moto out.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin="${BENCH_BIN:-$root/build-release/src/server/rampart}"
runs="${RUNS:-10}"
moto_runs="${MOTO_RUNS:-$runs}"
poll_ms="${POLL_MS:-0.5}"
helper=(python3 "$here/rampart_bench.py")

if [[ ! -x "$bin" ]]; then
  echo "startup: no Rampart binary at $bin (run 'make release' first); skipping"
  exit 0
fi
if ! python3 -c 'import botocore' 2>/dev/null; then
  echo "startup: python3 botocore is missing; skipping"
  exit 0
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT

echo "startup: $runs runs each; time = process start -> first signed GetCallerIdentity answer"
echo "         (fresh TCP connection per poll, poll sleep ${poll_ms} ms); RSS after ~1 s idle"
"${helper[@]}" startup --server rampart --bin "$bin" --runs "$runs" --poll-ms "$poll_ms" \
  --label "rampart (fresh data dir)" >>"$results"
"${helper[@]}" startup --server rampart --bin "$bin" --runs "$runs" --poll-ms "$poll_ms" \
  --warm --label "rampart (existing data dir)" >>"$results"
"${helper[@]}" startup --server rampart --bin "$bin" --runs "$runs" --poll-ms "$poll_ms" \
  --warm --label "rampart (existing, no req log)" -- --log-requests false >>"$results"
if [[ "${SKIP_MOTO:-0}" != 1 ]]; then
  if python3 -c 'import moto.server' 2>/dev/null; then
    "${helper[@]}" startup --server moto --runs "$moto_runs" --poll-ms "$poll_ms" \
      --label moto >>"$results"
  else
    echo "startup: moto is not installed; moto line skipped"
  fi
fi
echo
"${helper[@]}" startup-table "$results" --reference moto --target-ms 20 --target-mib 15
exit 0
