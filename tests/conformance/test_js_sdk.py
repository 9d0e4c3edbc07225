"""Runs the AWS SDK for JavaScript v3 tests (js/sdk_v3.test.mjs) against a real rampart server."""

import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fixture  # noqa: E402

JS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js")


def ensure_node_modules():
    """npm ci when node_modules is missing (CI reaches the npm registry only)."""
    if os.path.isdir(os.path.join(JS_DIR, "node_modules", "@aws-sdk", "client-iam")):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm not found on PATH")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, check=True, timeout=600)


class JsSdkV3Test(unittest.TestCase):

    def test_node_sdk_v3(self):
        node = shutil.which("node")
        self.assertIsNotNone(node, "node not found on PATH")
        ensure_node_modules()
        with fixture.Server() as server:
            env = dict(os.environ, RAMPART_ENDPOINT=server.endpoint)
            for k in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                      "AWS_SESSION_TOKEN"):
                env.pop(k, None)
            p = subprocess.run([node, "--test", "sdk_v3.test.mjs"], cwd=JS_DIR, env=env,
                               capture_output=True, text=True, timeout=120)
            self.assertEqual(p.returncode, 0, f"node tests failed:\n{p.stdout}\n{p.stderr}")
            self.assertIn("# pass 4", p.stdout, p.stdout)
            self.assertIn("# fail 0", p.stdout, p.stdout)
            log = server.log()
        for op in ("CreateUser", "GetUser", "ListUsers", "DeleteUser", "GetCallerIdentity"):
            self.assertIn(f'"operation":"{op}"', log)


if __name__ == "__main__":
    fixture.take_server_arg()
    unittest.main()
