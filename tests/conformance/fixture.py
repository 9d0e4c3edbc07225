"""Starts, stops, kills and restarts a real `rampart server` for the conformance tests."""

import collections
import configparser
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_BINARY = os.path.join(REPO, "build", "src", "server", "rampart")
DEV_ACCOUNT = "000000000000"
DEV_KEY = "test"
DEV_SECRET = "test"
REGION = "us-east-1"
READY_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0

_binary = None


def take_server_arg(argv=None):
    """Removes `--server PATH` from argv (default sys.argv) and remembers PATH."""
    global _binary
    argv = sys.argv if argv is None else argv
    i = 1
    while i < len(argv):
        if argv[i] == "--server" and i + 1 < len(argv):
            _binary = argv[i + 1]
            del argv[i:i + 2]
        elif argv[i].startswith("--server="):
            _binary = argv[i].split("=", 1)[1]
            del argv[i]
        else:
            i += 1
    return _binary


def binary():
    """The server binary: --server PATH, else $RAMPART_BIN, else build/src/server/rampart."""
    path = _binary or os.environ.get("RAMPART_BIN") or DEFAULT_BINARY
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"rampart binary not found or not executable: {path}")
    return os.path.abspath(path)


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health(endpoint, timeout=1.0):
    """GET /_rampart/health; returns (status, body) or raises OSError."""
    with urllib.request.urlopen(endpoint + "/_rampart/health", timeout=timeout) as r:
        return r.status, r.read()


def read_credentials_file(path):
    """(access_key_id, secret) from a `rampart init` root-credentials file."""
    parser = configparser.ConfigParser()
    parser.read(path)
    section = parser["default"]
    return section["aws_access_key_id"], section["aws_secret_access_key"]


class Server:
    """One rampart server process on a temp (or given) data dir; stderr goes to a log file."""

    def __init__(self, dev=True, data_dir=None, extra_args=(), env=None, listen=True):
        self._tmp = tempfile.TemporaryDirectory(prefix="rampart-conf-")
        self.data_dir = data_dir or os.path.join(self._tmp.name, "data")
        os.makedirs(self.data_dir, exist_ok=True)
        self.log_path = os.path.join(self._tmp.name, "server.log")
        self.dev = dev
        self.extra_args = list(extra_args)
        self.env = env
        self.pass_listen = listen
        self.proc = None
        self.port = None
        self._log_offset = 0

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self, port=None):
        """Starts the server and waits until it is healthy."""
        assert self.proc is None, "server already running"
        self.port = port or free_port()
        args = [binary(), "server"]
        if self.dev:
            args.append("--dev")
        if self.pass_listen:
            args += ["--listen", f"127.0.0.1:{self.port}"]
        args += ["--data-dir", self.data_dir] + self.extra_args
        env = dict(os.environ)
        for k in list(env):  # the server rejects unknown RAMPART_* variables (RAMPART_BIN)
            if k.startswith("RAMPART_"):
                del env[k]
        env.update(self.env or {})
        self._log_offset = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
        log = open(self.log_path, "ab")
        try:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                         env=env)
        finally:
            log.close()
        self._wait_ready()
        return self

    def _wait_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"rampart exited with {self.proc.returncode} before it was "
                                   f"ready:\n{self.log_since_start()}")
            if "listening on" in self.log_since_start():
                try:
                    status, _ = health(self.endpoint)
                    if status == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.02)
        self.kill9()
        raise RuntimeError(f"rampart not ready after {READY_TIMEOUT_S}s:\n{self.log()}")

    def stop(self):
        """SIGTERM; returns the exit code (raises if it does not exit in time)."""
        if self.proc is None:
            return None
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
            raise RuntimeError(f"rampart did not exit within {STOP_TIMEOUT_S}s of SIGTERM")
        self.proc = None
        return rc

    def kill9(self):
        """SIGKILL, no chance to flush anything."""
        if self.proc is None:
            return
        self.proc.kill()
        self.proc.wait()
        self.proc = None

    def restart(self):
        """Starts again on the same data dir (on a fresh port)."""
        if self.proc is not None:
            self.kill9()
        return self.start()

    def cleanup(self):
        if self.proc is not None:
            self.kill9()
        self._tmp.cleanup()

    def __enter__(self):
        return self if self.proc is not None else self.start()

    def __exit__(self, *exc):
        try:
            if self.proc is not None:
                rc = self.stop()
                if exc[0] is None and rc != 0:
                    raise AssertionError(f"rampart exited with {rc} on SIGTERM:\n{self.log()}")
        finally:
            self.cleanup()

    # -- access ------------------------------------------------------------------------------

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_path(self):
        return os.path.join(self.data_dir, "rampart.db")

    def log(self):
        with open(self.log_path, "r", errors="replace") as f:
            return f.read()

    def log_since_start(self):
        with open(self.log_path, "r", errors="replace") as f:
            f.seek(self._log_offset)
            return f.read()

    def client(self, service, key=DEV_KEY, secret=DEV_SECRET, **config):
        """A boto3 client against this server, with no retries (every attempt is visible)."""
        import boto3
        from botocore.config import Config
        options = {"retries": {"total_max_attempts": 1, "mode": "standard"},
                   "connect_timeout": 5, "read_timeout": 30}
        options.update(config)
        cfg = Config(**options)
        return boto3.session.Session().client(
            service, endpoint_url=self.endpoint, region_name=REGION, aws_access_key_id=key,
            aws_secret_access_key=secret, config=cfg)


def send(endpoint, method, path, headers=None, body=b""):
    """Sends one raw HTTP request; returns (status, headers dict, body bytes)."""
    host = endpoint.split("://", 1)[1]
    conn = http.client.HTTPConnection(host, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def error_code(body):
    """The <Code> of a query-protocol error body (None if absent)."""
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    for el in root.iter():
        if el.tag.split("}")[-1] == "Code":
            return el.text
    return None


def error_message(body):
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    for el in root.iter():
        if el.tag.split("}")[-1] == "Message":
            return el.text
    return None


def audit_request_ids(db_path):
    """requestID -> [(event_name, event_source, parsed json)] from the audit table."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("SELECT event_name, event_source, json FROM audit_events").fetchall()
    finally:
        conn.close()
    by_id = collections.defaultdict(list)
    for name, source, text in rows:
        event = json.loads(text)
        by_id[event.get("requestID")].append((name, source, event))
    return by_id
