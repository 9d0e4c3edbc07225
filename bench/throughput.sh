#!/usr/bin/env bash
# Throughput benchmark: wrk replaying one SigV4-signed STS GetCallerIdentity over keep-alive
# against Rampart, beside a private nginx serving a static file of the same size, with the
# same wrk parameters. Prints req/s, p50/p99 and Rampart/nginx ratios; never fails.
#
# Environment: BENCH_BIN (default build-release/src/server/rampart), DURATION (default 10s),
# THREADS (wrk threads, default 1: the benchmark host may have only 2 cores),
# CONNECTIONS (space-separated list, default "64 256"), SERVER_THREADS (Rampart --threads and
# nginx worker_processes, default nproc), NOLOG=0 to skip the --log-requests false line.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin="${BENCH_BIN:-$root/build-release/src/server/rampart}"
duration="${DURATION:-10s}"
threads="${THREADS:-1}"
connections="${CONNECTIONS:-64 256}"
server_threads="${SERVER_THREADS:-$(nproc)}"
helper=(python3 "$here/rampart_bench.py")

skip() {
  echo "throughput: $1; skipping"
  exit 0
}
[[ -x "$bin" ]] || skip "no Rampart binary at $bin (run 'make release' first)"
command -v wrk >/dev/null || skip "wrk is not installed"
python3 -c 'import botocore' 2>/dev/null || skip "python3 botocore is missing"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$nginx_bin" ]] || nginx_bin=""

work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
results="$work/results.txt"
: >"$results"

# start_rampart NAME [extra args...]: sets rampart_pid and rampart_port.
start_rampart() {
  local name="$1"
  shift
  rampart_port="$("${helper[@]}" free-port)"
  "$bin" server --dev --listen "127.0.0.1:$rampart_port" --data-dir "$work/$name-data" \
    --threads "$server_threads" "$@" 2>"$work/$name.log" &
  rampart_pid=$!
  pids+=("$rampart_pid")
  "${helper[@]}" wait-http "127.0.0.1:$rampart_port" --path /_rampart/health ||
    skip "Rampart did not start (log: $(tail -3 "$work/$name.log"))"
}

stop_pid() {
  kill -TERM "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

run_wrk() {  # run_wrk SCRIPT URL CONNECTIONS
  wrk -t"$threads" -c"$3" -d"$duration" --timeout 10s -s "$1" "$2" >"$work/wrk.out" 2>&1
  if ! grep '^RESULT ' "$work/wrk.out" >>"$results"; then
    echo "wrk failed:"
    cat "$work/wrk.out"
  fi
}

rss_line() {  # rss_line LABEL PID
  read -r rss hwm < <("${helper[@]}" rss "$2")
  awk -v l="$1" -v r="$rss" -v h="$hwm" \
    'BEGIN { printf "%-44s RSS %6.1f MiB  peak %6.1f MiB\n", l, r / 1024, h / 1024 }' \
    >>"$work/rss.txt"
}

echo "throughput: wrk -t$threads -d$duration, connections: $connections;" \
  "Rampart --threads $server_threads, nginx worker_processes $server_threads"
echo "            $(nproc) cores on this host, shared by wrk and the server under test"

# --- Servers: all started first, so that the runs of one connection count sit close in time.
start_rampart logged
logged_pid=$rampart_pid
logged_port=$rampart_port
"${helper[@]}" wrk-script --port "$logged_port" --out "$work/sts.lua" \
  --label "rampart sts:GetCallerIdentity root" --expect-text GetCallerIdentityResult \
  --body-size-file "$work/body-size" || skip "signed GetCallerIdentity check failed"
read -r user_key user_secret < <("${helper[@]}" make-user --port "$logged_port")
have_user=0
if [[ -n "${user_key:-}" ]] &&
  "${helper[@]}" wrk-script --port "$logged_port" --out "$work/user.lua" --service iam \
    --body "Action=GetUser&Version=2010-05-08" --access-key "$user_key" \
    --secret "$user_secret" --expect-status 403 --expect-text AccessDenied \
    --label "rampart iam:GetUser user->AccessDenied"; then
  have_user=1
else
  echo "(non-root GetUser line skipped: user setup or AccessDenied check failed)"
fi

quiet_pid=""
if [[ "${NOLOG:-1}" != 0 ]]; then
  start_rampart quiet --log-requests false
  quiet_pid=$rampart_pid
  quiet_port=$rampart_port
  "${helper[@]}" wrk-script --port "$quiet_port" --out "$work/quiet.lua" \
    --label "rampart nolog" --expect-text GetCallerIdentityResult || quiet_pid=""
fi

nginx_pid=""
if [[ -n "$nginx_bin" ]]; then
  nginx_port="$("${helper[@]}" free-port)"
  mkdir -p "$work/nginx/html" "$work/nginx/tmp" "$work/nginx/logs"
  chmod -R 755 "$work/nginx"
  size="$(cat "$work/body-size" 2>/dev/null || echo 400)"
  head -c "$size" /dev/zero | tr '\0' 'x' >"$work/nginx/html/small.txt"
  chmod 644 "$work/nginx/html/small.txt"
  user_line=""
  [[ "$(id -u)" == 0 ]] && user_line="user nobody nogroup;"
  cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes $server_threads;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  default_type text/plain;
  access_log $work/nginx/logs/access.log;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/html;
  }
}
EOF
  "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" \
    2>"$work/nginx/stderr.log" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  if ! "${helper[@]}" wait-http "127.0.0.1:$nginx_port" --path /small.txt --timeout 10; then
    echo "nginx did not start: $(cat "$work/nginx/stderr.log" "$work/nginx/logs/error.log")"
    nginx_pid=""
  fi
else
  echo "(nginx not installed: no baseline)"
fi

# relabel SCRIPT LABEL: writes $work/run.lua with LABEL replaced.
relabel() {
  sed "s/^LABEL = .*/LABEL = [=[$2]=]/" "$1" >"$work/run.lua"
}

# --- Runs: for each connection count, every server in turn ---------------------------------
for c in $connections; do
  relabel "$work/sts.lua" "rampart sts:GetCallerIdentity root c$c"
  run_wrk "$work/run.lua" "http://127.0.0.1:$logged_port/" "$c"
  if [[ $have_user == 1 ]]; then
    relabel "$work/user.lua" "rampart iam:GetUser user->AccessDenied c$c"
    run_wrk "$work/run.lua" "http://127.0.0.1:$logged_port/" "$c"
  fi
  if [[ -n "$quiet_pid" ]]; then
    relabel "$work/quiet.lua" "rampart GetCallerIdentity root nolog c$c"
    run_wrk "$work/run.lua" "http://127.0.0.1:$quiet_port/" "$c"
  fi
  # HTTP layer alone (no SigV4, no pipeline, no audit): the server's own ceiling.
  "${helper[@]}" get-script --label "rampart GET /_rampart/health (no auth) c$c" \
    --out "$work/run.lua"
  run_wrk "$work/run.lua" "http://127.0.0.1:$logged_port/_rampart/health" "$c"
  if [[ -n "$nginx_pid" ]]; then
    "${helper[@]}" get-script --label "nginx static c$c" --out "$work/run.lua"
    run_wrk "$work/run.lua" "http://127.0.0.1:$nginx_port/small.txt" "$c"
  fi
done
rss_line "rampart after load (log on)" "$logged_pid"
[[ -n "$quiet_pid" ]] && rss_line "rampart after load (log off)" "$quiet_pid"

echo
"${helper[@]}" report "$results" --target 0.5
echo
cat "$work/rss.txt" 2>/dev/null
exit 0
