#!/usr/bin/env python3
"""Helpers for the Rampart benchmarks (bench/startup.sh, bench/throughput.sh).

Subcommands:
  startup     start a server N times; time process start -> first answered signed
              STS GetCallerIdentity (fresh connection per poll); read idle RSS.
  free-port   print a free loopback TCP port.
  wait-http   wait until GET <url> answers (any status).
  make-user   as root, create an IAM user and an access key; print "AKID SECRET".
  wrk-script  sign one Query-protocol request with botocore, check it once, and write a
              wrk Lua script replaying it (valid for the 15-minute SigV4 skew window).
  get-script  write a wrk Lua script for a plain GET (nginx baseline).
  rss         print VmRSS/VmHWM (KiB) of a pid and its descendants.
  report      format RESULT lines written by the wrk scripts into a table with ratios.

Benchmarks report numbers; this helper exits 0 on measurement trouble where it can,
printing what went wrong, so that a benchmark never fails a build.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15"
FORM = "application/x-www-form-urlencoded; charset=utf-8"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_query(host, port, service, body, access_key, secret, region="us-east-1"):
    """Returns the ordered list of (name, value) headers of a SigV4-signed POST /."""
    url = f"http://{host}:{port}/"
    req = AWSRequest(method="POST", url=url, data=body.encode(), headers={"Content-Type": FORM})
    SigV4Auth(Credentials(access_key, secret), service, region).add_auth(req)
    headers = [("Host", f"{host}:{port}")]
    for name, value in req.headers.items():
        if name.lower() in ("host", "content-length"):
            continue
        headers.append((name, value))
    return headers


def raw_request(headers, body, close=True):
    lines = ["POST / HTTP/1.1"]
    lines += [f"{n}: {v}" for n, v in headers]
    lines.append(f"Content-Length: {len(body.encode())}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body.encode()


def read_response(sock):
    """Reads one HTTP/1.1 response; returns (status, body bytes)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before headers")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = None
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if length is not None:
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, rest[:length]
    # Chunked or close-delimited: read to EOF (Connection: close was requested).
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    if chunked:
        out, buf = b"", rest
        while buf:
            size_line, _, buf = buf.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                break
            out += buf[:size]
            buf = buf[size + 2:]
        rest = out
    return status, rest


def send_once(port, payload, timeout=5.0):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(("127.0.0.1", port))
        sock.sendall(payload)
        return read_response(sock)
    finally:
        sock.close()


def tree_pids(root):
    """root and all its descendants (by /proc/*/stat ppid)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_kib(pid, field):
    return sum(status_kib(p, field) for p in tree_pids(pid))


def stop(proc):
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def server_command(kind, binary, port, data_dir, extra):
    if kind == "rampart":
        return [binary, "server", "--dev", "--listen", f"127.0.0.1:{port}", "--data-dir",
                data_dir] + extra
    return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)] + extra


def one_startup(kind, binary, data_dir, extra, poll_s, idle_s, timeout_s, log):
    """Returns dict(ms, rss_kib, polls, status) for one start, or dict(error=...)."""
    port = free_port()
    headers = sign_query("127.0.0.1", port, "sts", STS_BODY, "test", "test")
    payload = raw_request(headers, STS_BODY)
    cmd = server_command(kind, binary, port, data_dir, extra)
    polls = 0
    connected_at = None
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    try:
        while True:
            elapsed = time.perf_counter() - t0
            if elapsed > timeout_s:
                return {"error": f"no answer within {timeout_s}s"}
            if proc.poll() is not None:
                return {"error": f"server exited with {proc.returncode}"}
            polls += 1
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.settimeout(timeout_s)
            try:
                sock.connect(("127.0.0.1", port))
                if connected_at is None:
                    connected_at = time.perf_counter()
                sock.sendall(payload)
                status, body = read_response(sock)
            except (ConnectionError, OSError):
                sock.close()
                if poll_s > 0:
                    time.sleep(poll_s)
                continue
            sock.close()
            t1 = time.perf_counter()
            if status != 200 or b"GetCallerIdentityResult" not in body:
                return {"error": f"first answer was HTTP {status}: {body[:200]!r}"}
            time.sleep(idle_s)
            rss = tree_kib(proc.pid, "VmRSS")
            return {"ms": (t1 - t0) * 1000.0, "listen_ms": (connected_at - t0) * 1000.0,
                    "rss_kib": rss, "polls": polls, "status": status}
    finally:
        stop(proc)


def cmd_startup(args):
    results = []
    errors = []
    base = tempfile.mkdtemp(prefix=f"bench-{args.server}-")
    log_path = os.path.join(base, "server.log")
    try:
        with open(log_path, "ab") as log:
            warm_dir = os.path.join(base, "warm")
            if args.server == "rampart" and args.warm:
                # One unmeasured start creates the database and key files.
                r = one_startup(args.server, args.bin, warm_dir, args.extra, args.poll_ms / 1000.0,
                                0, args.timeout, log)
                if "error" in r:
                    errors.append(r["error"])
            for i in range(args.runs):
                data_dir = warm_dir if args.warm else os.path.join(base, f"cold{i}")
                r = one_startup(args.server, args.bin, data_dir, args.extra,
                                args.poll_ms / 1000.0, args.idle, args.timeout, log)
                if "error" in r:
                    errors.append(r["error"])
                else:
                    results.append(r)
    finally:
        if errors:
            try:
                with open(log_path, "rb") as f:
                    tail = f.read()[-2000:].decode(errors="replace")
                print(f"# server log tail ({args.server}):\n{tail}", file=sys.stderr)
            except OSError:
                pass
        shutil.rmtree(base, ignore_errors=True)
    label = args.label or args.server
    out = {"label": label, "runs": len(results), "errors": errors}
    if results:
        ms = [r["ms"] for r in results]
        rss = [r["rss_kib"] for r in results]
        out.update({"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms),
                    "listen_median_ms": statistics.median(r["listen_ms"] for r in results),
                    "rss_median_kib": statistics.median(rss), "rss_max_kib": max(rss),
                    "polls_median": statistics.median(r["polls"] for r in results)})
    print(json.dumps(out))
    return 0


def cmd_startup_table(args):
    rows = []
    for line in open(args.file):
        line = line.strip()
        if line.startswith("{"):
            rows.append(json.loads(line))
    by = {r["label"]: r for r in rows}
    print(f"{'server':<31} {'runs':>4} {'median ms':>10} {'min ms':>8} {'max ms':>8} "
          f"{'listening ms':>13} {'idle RSS MiB':>13}")
    for r in rows:
        if not r.get("runs"):
            print(f"{r['label']:<31} {0:>4}  no successful run: {'; '.join(r['errors'][:2])}")
            continue
        print(f"{r['label']:<31} {r['runs']:>4} {r['median_ms']:>10.1f} {r['min_ms']:>8.1f} "
              f"{r['max_ms']:>8.1f} {r['listen_median_ms']:>13.1f} "
              f"{r['rss_median_kib'] / 1024:>13.1f}")
        if r["errors"]:
            print(f"  ({len(r['errors'])} failed runs: {r['errors'][0]})")
    ref = by.get(args.reference)
    if ref and ref.get("runs"):
        print()
        for r in rows:
            if r["label"] == args.reference or not r.get("runs"):
                continue
            speed = ref["median_ms"] / r["median_ms"]
            memory = ref["rss_median_kib"] / r["rss_median_kib"]
            print(f"{r['label']} vs {args.reference}: start {speed:.1f}x faster (median), "
                  f"idle RSS {memory:.1f}x smaller")
    for r in rows:
        if r["label"].startswith("rampart") and r.get("runs"):
            ok_t = "met" if r["median_ms"] <= args.target_ms else "MISSED"
            ok_m = "met" if r["rss_median_kib"] <= args.target_mib * 1024 else "MISSED"
            print(f"target {r['label']}: start <= {args.target_ms:g} ms {ok_t}, "
                  f"idle RSS <= {args.target_mib:g} MiB {ok_m}")
    return 0


def cmd_free_port(_args):
    print(free_port())
    return 0


def cmd_wait_http(args):
    host, _, port = args.hostport.partition(":")
    deadline = time.time() + args.timeout
    req = f"GET {args.path} HTTP/1.1\r\nHost: {args.hostport}\r\nConnection: close\r\n\r\n"
    while time.time() < deadline:
        try:
            sock = socket.create_connection((host, int(port)), timeout=2)
            sock.sendall(req.encode())
            read_response(sock)
            sock.close()
            return 0
        except (OSError, ConnectionError, ValueError, IndexError):
            time.sleep(0.02)
    print(f"{args.hostport} did not answer within {args.timeout}s", file=sys.stderr)
    return 1


def cmd_make_user(args):
    import botocore.session
    iam = botocore.session.get_session().create_client(
        "iam", endpoint_url=f"http://127.0.0.1:{args.port}", region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test")
    iam.create_user(UserName=args.user)
    key = iam.create_access_key(UserName=args.user)["AccessKey"]
    print(key["AccessKeyId"], key["SecretAccessKey"])
    return 0


def lua_string(s):
    for n in range(1, 10):
        close = "]" + "=" * n + "]"
        if close not in s:
            return "[" + "=" * n + "[" + s + close
    raise ValueError("cannot quote")


LUA_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d req_s=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "non2xx3xx=%d socket_errors=%d label=%s\n",
    summary.requests, summary.requests / secs, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, e.status,
    e.connect + e.read + e.write + e.timeout, LABEL))
end
"""


def cmd_wrk_script(args):
    headers = sign_query("127.0.0.1", args.port, args.service, args.body, args.access_key,
                         args.secret)
    # Check the request once (keep-alive style, as wrk will send it).
    status, body = send_once(args.port, raw_request(headers, args.body, close=True))
    ok = status == args.expect_status and (not args.expect_text or
                                           args.expect_text.encode() in body)
    if not ok:
        print(f"unexpected answer HTTP {status}: {body[:300]!r}", file=sys.stderr)
        return 1
    out = [f"LABEL = {lua_string(args.label)}", 'wrk.method = "POST"', 'wrk.path = "/"',
           f"wrk.body = {lua_string(args.body)}"]
    for name, value in headers:
        out.append(f"wrk.headers[ {lua_string(name)} ] = {lua_string(value)}")
    with open(args.out, "w") as f:
        f.write("\n".join(out) + "\n" + LUA_DONE)
    if args.body_size_file:
        with open(args.body_size_file, "w") as f:
            f.write(str(len(body)))
    return 0


def cmd_get_script(args):
    with open(args.out, "w") as f:
        f.write(f"LABEL = {lua_string(args.label)}\nwrk.method = \"GET\"\n" + LUA_DONE)
    return 0


def cmd_rss(args):
    print(tree_kib(args.pid, "VmRSS"), tree_kib(args.pid, "VmHWM"))
    return 0


def parse_results(path):
    rows = []
    for line in open(path):
        if not line.startswith("RESULT "):
            continue
        head, _, label = line.rstrip("\n").partition(" label=")
        fields = dict(kv.split("=", 1) for kv in head.split()[1:])
        fields["label"] = label
        rows.append(fields)
    return rows


def cmd_report(args):
    rows = parse_results(args.file)
    if not rows:
        print("no wrk results")
        return 0
    print(f"{'run':<44} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>8} {'sock err':>8}")
    for r in rows:
        print(f"{r['label']:<44} {float(r['req_s']):>9.0f} {int(r['p50_us']) / 1000:>7.2f} "
              f"{int(r['p99_us']) / 1000:>7.2f} {r['non2xx3xx']:>8} {r['socket_errors']:>8}")
    print()
    by = {r["label"]: r for r in rows}
    for r in rows:
        label = r["label"]
        if not label.startswith("rampart"):
            continue
        conc = label.rsplit(" ", 1)[-1]
        ref = by.get(f"nginx static {conc}")
        if not ref:
            continue
        ratio = float(r["req_s"]) / float(ref["req_s"])
        verdict = "met" if ratio >= args.target else "below"
        print(f"{label:<44} / nginx {conc}: {ratio * 100:5.1f}%  "
              f"(target >= {args.target * 100:.0f}%: {verdict})")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("startup")
    s.add_argument("--server", choices=["rampart", "moto"], required=True)
    s.add_argument("--bin", default="")
    s.add_argument("--runs", type=int, default=10)
    s.add_argument("--warm", action="store_true", help="reuse one data dir (rampart)")
    s.add_argument("--label", default="")
    s.add_argument("--poll-ms", type=float, default=0.5, help="sleep between refused polls")
    s.add_argument("--idle", type=float, default=1.0, help="idle seconds before reading RSS")
    s.add_argument("--timeout", type=float, default=60.0)
    s.add_argument("extra", nargs="*", help="extra server arguments (after --)")
    s.set_defaults(fn=cmd_startup)

    s = sub.add_parser("startup-table")
    s.add_argument("file")
    s.add_argument("--reference", default="moto")
    s.add_argument("--target-ms", type=float, default=20)
    s.add_argument("--target-mib", type=float, default=15)
    s.set_defaults(fn=cmd_startup_table)

    s = sub.add_parser("free-port")
    s.set_defaults(fn=cmd_free_port)

    s = sub.add_parser("wait-http")
    s.add_argument("hostport")
    s.add_argument("--path", default="/")
    s.add_argument("--timeout", type=float, default=30)
    s.set_defaults(fn=cmd_wait_http)

    s = sub.add_parser("make-user")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--user", default="bench-user")
    s.set_defaults(fn=cmd_make_user)

    s = sub.add_parser("wrk-script")
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--service", default="sts")
    s.add_argument("--body", default=STS_BODY)
    s.add_argument("--access-key", default="test")
    s.add_argument("--secret", default="test")
    s.add_argument("--expect-status", type=int, default=200)
    s.add_argument("--expect-text", default="")
    s.add_argument("--label", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--body-size-file", default="")
    s.set_defaults(fn=cmd_wrk_script)

    s = sub.add_parser("get-script")
    s.add_argument("--label", required=True)
    s.add_argument("--out", required=True)
    s.set_defaults(fn=cmd_get_script)

    s = sub.add_parser("rss")
    s.add_argument("pid", type=int)
    s.set_defaults(fn=cmd_rss)

    s = sub.add_parser("report")
    s.add_argument("file")
    s.add_argument("--target", type=float, default=0.5)
    s.set_defaults(fn=cmd_report)

    args = p.parse_args()
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
