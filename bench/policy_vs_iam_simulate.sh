#!/usr/bin/env bash
# Policy decisions per second: Rampart's engine vs @cloud-copilot/iam-simulate on the same cases.
#
# Both engines get the same seeded cases from tests/policy/differential/generate_cases.py.
# Only the evaluation loop is timed, inside each process, after loading every case and one
# untimed warm-up pass (see bench/policy/policy_jsonl_bench.cc and iam_simulate_timing.js).
# Always exits 0; missing pieces are skipped with a message.
#
# Environment: COUNT (5000), SEED (20261128), MIN_SECONDS (2: minimum timed seconds per
# engine, in whole passes), BUILD_DIR (first of build, build-release that
# has the binaries), JSONL_BENCH / POLICY_EVAL / POLICY_BENCH (binary overrides).
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIFF="$ROOT/tests/policy/differential"
COUNT=${COUNT:-5000}
SEED=${SEED:-20261128}
MIN_SECONDS=${MIN_SECONDS:-2}

find_bin() {  # find_bin RELATIVE_PATH -> first existing build dir's copy
  local d
  for d in ${BUILD_DIR:-} build build-release; do
    [ -n "$d" ] || continue
    case "$d" in /*) ;; *) d="$ROOT/$d" ;; esac
    if [ -x "$d/$1" ]; then
      echo "$d/$1"
      return
    fi
  done
}
JSONL_BENCH=${JSONL_BENCH:-$(find_bin bench/policy/policy_jsonl_bench)}
POLICY_EVAL=${POLICY_EVAL:-$(find_bin tests/policy/policy_eval)}
POLICY_BENCH=${POLICY_BENCH:-$(find_bin bench/policy/policy_bench)}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/policy-vs-iamsim.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CASES="$WORK/cases.jsonl"

echo "== policy decisions/s: Rampart vs @cloud-copilot/iam-simulate"
if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 not found (needed to generate cases)"
  exit 0
fi
if ! python3 "$DIFF/generate_cases.py" --seed "$SEED" --count "$COUNT" --out "$CASES"; then
  echo "SKIP: case generation failed"
  exit 0
fi
echo "cases: $COUNT from generate_cases.py --seed $SEED; timed >= ${MIN_SECONDS}s per engine"

# --- Rampart -----------------------------------------------------------------------------------
RAMPART_JSON=""
if [ -n "$JSONL_BENCH" ]; then
  echo "rampart: $JSONL_BENCH"
  RAMPART_JSON=$("$JSONL_BENCH" "$CASES" "$MIN_SECONDS" 2>"$WORK/rampart.err") || {
    echo "rampart timer failed: $(head -c 500 "$WORK/rampart.err")"
    RAMPART_JSON=""
  }
else
  echo "SKIP: policy_jsonl_bench not built (cmake --build <dir> --target policy_jsonl_bench)"
fi

# End-to-end policy_eval --jsonl wall time, for reference (process start, JSON in/out, policy
# compilation for every case, evaluation).
E2E_SECONDS=""
if [ -n "$POLICY_EVAL" ]; then
  E2E_SECONDS=$(python3 - "$POLICY_EVAL" "$CASES" <<'EOF'
import subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[2]) as cin:
    subprocess.run([sys.argv[1], "--jsonl"], stdin=cin, stdout=subprocess.DEVNULL, check=True)
print(f"{time.perf_counter() - start:.6f}")
EOF
  ) || E2E_SECONDS=""
fi

# --- iam-simulate ------------------------------------------------------------------------------
ORACLE_JSON=""
if ! command -v node >/dev/null; then
  echo "SKIP iam-simulate: node not found"
elif [ ! -d "$DIFF/node_modules/@cloud-copilot/iam-simulate" ]; then
  echo "SKIP iam-simulate: run 'npm ci' in tests/policy/differential first"
else
  echo "iam-simulate: $(node --version), node $ROOT/bench/policy/iam_simulate_timing.js"
  ORACLE_JSON=$(node "$ROOT/bench/policy/iam_simulate_timing.js" "$CASES" "$DIFF" \
    "$MIN_SECONDS" 2>"$WORK/oracle.err") || {
    echo "iam-simulate timer failed: $(head -c 500 "$WORK/oracle.err")"
    ORACLE_JSON=""
  }
fi

# --- table -------------------------------------------------------------------------------------
python3 - "$RAMPART_JSON" "$ORACLE_JSON" "$E2E_SECONDS" "$COUNT" <<'EOF'
import json, sys
rampart = json.loads(sys.argv[1]) if sys.argv[1] else None
oracle = json.loads(sys.argv[2]) if sys.argv[2] else None
e2e = float(sys.argv[3]) if sys.argv[3] else None
count = int(sys.argv[4])

def outcomes(d):
    o = d["outcomes_per_pass"]
    return " ".join(f"{k}={o.get(k, 0):g}" for k in ("Allow", "ExplicitDeny", "ImplicitDeny"))

rows = []
if rampart:
    for key, label in (("evaluate", "rampart Evaluate (policies pre-compiled)"),
                       ("parse_and_evaluate", "rampart ParsePolicy+Evaluate per case")):
        r = rampart[key]
        rows.append((label, r["decisions_per_sec"], r["decisions"], r["seconds"], outcomes(r)))
if e2e:
    rows.append(("rampart policy_eval --jsonl end-to-end", count / e2e, count, e2e,
                 "(process+JSON I/O incl.)"))
if oracle:
    rows.append(("iam-simulate runSimulation (Strict)", oracle["decisions_per_sec"],
                 oracle["decisions"], oracle["seconds"], outcomes(oracle)))
print()
print(f"{'engine':<42} {'decisions/s':>13} {'decisions':>10} {'seconds':>8}  outcomes per pass")
for label, rate, n, secs, out in rows:
    print(f"{label:<42} {rate:>13,.0f} {n:>10} {secs:>8.3f}  {out}")
if rampart and oracle:
    base = oracle["decisions_per_sec"]
    ev = rampart["evaluate"]["decisions_per_sec"] / base
    pe = rampart["parse_and_evaluate"]["decisions_per_sec"] / base
    verdict = "met" if ev >= 100 else "NOT met"
    print()
    print(f"ratio rampart/iam-simulate: {ev:,.1f}x (Evaluate), {pe:,.1f}x (ParsePolicy+Evaluate)"
          f"  -- target >= 100x on Evaluate: {verdict}")
    if not oracle.get("stable_across_passes", True):
        print("note: iam-simulate decision counts changed between passes")
    print("note: outcome counts differ where the oracle is known to be wrong "
          "(tests/policy/differential/allowlist.json)")
EOF

# --- Google Benchmark case (b) -----------------------------------------------------------------
echo
if [ -n "$POLICY_BENCH" ]; then
  echo "== $POLICY_BENCH --benchmark_filter='BM_Enterprise\$'"
  "$POLICY_BENCH" --benchmark_filter='BM_Enterprise$' 2>&1 || echo "(policy_bench failed)"
else
  echo "SKIP: policy_bench (Google Benchmark) not built"
fi
exit 0
