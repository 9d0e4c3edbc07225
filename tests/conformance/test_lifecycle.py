"""The rampart binary's commands and configuration: version, init, env, TOML, dev flags, SIGTERM."""

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fixture  # noqa: E402


def run(*args, env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RAMPART_")}
    full_env.update(env or {})
    return subprocess.run([fixture.binary()] + list(args), capture_output=True, text=True,
                          timeout=30, env=full_env)


def client_error(fn):
    from botocore.exceptions import ClientError
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None


class VersionTest(unittest.TestCase):

    def test_version(self):
        p = run("version")
        self.assertEqual(p.returncode, 0, p.stderr)
        m = re.fullmatch(r"rampart (\d+\.\d+\.\d+\S*)\n", p.stdout)
        self.assertIsNotNone(m, p.stdout)
        with fixture.Server() as server:
            status, body = fixture.health(server.endpoint)
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body)["version"], m.group(1))
            self.assertIn(f"rampart {m.group(1)} listening on", server.log())

    def test_usage_errors(self):
        self.assertNotEqual(run().returncode, 0)
        self.assertNotEqual(run("frobnicate").returncode, 0)
        p = run("server", "--no-such-option", "x")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("no-such-option", p.stderr)


class InitTest(unittest.TestCase):

    def test_init_then_serve_with_root_credentials(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "d")
            p = run("init", "--data-dir", data)
            self.assertEqual(p.returncode, 0, p.stderr)
            creds = os.path.join(data, "root-credentials")
            self.assertIn(creds, p.stdout)
            mode = stat.S_IMODE(os.stat(creds).st_mode)
            self.assertEqual(mode, 0o600, oct(mode))
            account = re.search(r"account (\d{12})", p.stdout).group(1)
            self.assertNotEqual(account, fixture.DEV_ACCOUNT)
            key, secret = fixture.read_credentials_file(creds)
            self.assertNotEqual((key, secret), ("test", "test"))
            self.assertGreaterEqual(len(secret), 40)
            self.assertNotIn(secret, p.stdout + p.stderr)

            again = run("init", "--data-dir", data)
            self.assertNotEqual(again.returncode, 0, "second init must refuse")
            self.assertEqual(fixture.read_credentials_file(creds), (key, secret))

            server = fixture.Server(dev=False, data_dir=data)
            with server:
                me = server.client("sts", key, secret).get_caller_identity()
                self.assertEqual(me["Arn"], f"arn:aws:iam::{account}:root")
                self.assertEqual(me["Account"], account)
                self.assertEqual(client_error(server.client("sts").get_caller_identity),
                                 ("InvalidClientTokenId", 403))
                iam = server.client("iam", key, secret)
                iam.create_user(UserName="after-init")
                self.assertEqual(iam.get_user(UserName="after-init")["User"]["Arn"],
                                 f"arn:aws:iam::{account}:user/after-init")
                self.assertNotIn("dev mode", server.log())
                self.assertNotIn(secret, server.log())

    def test_init_with_account_id(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "d")
            p = run("init", "--data-dir", data, "--account-id", "123456789012")
            self.assertEqual(p.returncode, 0, p.stderr)
            key, secret = fixture.read_credentials_file(os.path.join(data, "root-credentials"))
            with fixture.Server(dev=False, data_dir=data) as server:
                me = server.client("sts", key, secret).get_caller_identity()
                self.assertEqual(me["Account"], "123456789012")

    def test_bad_account_id_rejected(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = run("init", "--data-dir", os.path.join(tmp, "d"), "--account-id", "12345")
            self.assertNotEqual(p.returncode, 0)
            self.assertFalse(os.path.exists(os.path.join(tmp, "d", "root-credentials")))


class ConfigSourcesTest(unittest.TestCase):

    def test_rampart_listen_environment(self):
        port = fixture.free_port()
        server = fixture.Server(listen=False, env={"RAMPART_LISTEN": f"127.0.0.1:{port}"})
        with server.start(port=port):
            self.assertIn(f"127.0.0.1:{port}", server.log())
            self.assertEqual(server.client("sts").get_caller_identity()["Account"],
                             fixture.DEV_ACCOUNT)

    def test_toml_config_file(self):
        port = fixture.free_port()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rampart.toml")
            with open(path, "w") as f:
                f.write(f'listen = "127.0.0.1:{port}"\naccount_id = "210987654321"\n'
                        'region = "eu-west-1"\n')
            server = fixture.Server(listen=False, extra_args=["--config", path])
            with server.start(port=port):
                me = server.client("sts").get_caller_identity()
                self.assertEqual(me["Arn"], "arn:aws:iam::210987654321:root")

    def test_environment_overrides_file_and_flags_override_environment(self):
        port = fixture.free_port()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rampart.toml")
            with open(path, "w") as f:
                f.write('listen = "127.0.0.1:1"\naccount_id = "111111111111"\n')
            server = fixture.Server(env={"RAMPART_CONFIG": path,
                                         "RAMPART_ACCOUNT_ID": "222222222222"})
            with server.start(port=port):  # --listen flag beats the file's port 1
                me = server.client("sts").get_caller_identity()
                self.assertEqual(me["Account"], "222222222222")

    def test_bad_config_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.toml")
            with open(path, "w") as f:
                f.write('no_such_key = 1\n')
            p = run("server", "--dev", "--config", path, "--data-dir", tmp)
            self.assertNotEqual(p.returncode, 0)
            p = run("server", "--dev", "--config", os.path.join(tmp, "missing.toml"),
                    "--data-dir", tmp)
            self.assertNotEqual(p.returncode, 0)
            p = run("server", "--dev", "--listen", "no-port", "--data-dir", tmp)
            self.assertNotEqual(p.returncode, 0)


class DevFlagsTest(unittest.TestCase):

    def test_accept_any_credentials(self):
        server = fixture.Server(extra_args=["--dev-accept-any-credentials"])
        with server:
            self.assertIn("WARNING: --dev-accept-any-credentials", server.log())
            me = server.client("sts", "AKIAANYTHINGGOES0000", "whatever").get_caller_identity()
            self.assertEqual(me["Arn"], f"arn:aws:iam::{fixture.DEV_ACCOUNT}:root")
            server.client("iam", "ANOTHERUNKNOWNKEY", "x").create_user(UserName="via-any")
            lines = [ln for ln in server.log().splitlines() if "AKIAANYTHINGGOES0000" in ln]
            self.assertTrue(lines, server.log())
            self.assertTrue(all('"unverified_credentials":true' in ln for ln in lines), lines)
            # A key that does exist is still verified.
            wrong = server.client("sts", "test", "wrong")
            self.assertEqual(client_error(wrong.get_caller_identity),
                             ("SignatureDoesNotMatch", 403))
            server.client("sts").get_caller_identity()
            verified = [ln for ln in server.log().splitlines()
                        if '"access_key_id":"test"' in ln and '"status":200' in ln]
            self.assertTrue(verified)
            self.assertFalse(any("unverified_credentials" in ln for ln in verified), verified)

    def test_accept_any_credentials_requires_dev(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "d")
            self.assertEqual(run("init", "--data-dir", data).returncode, 0)
            p = run("server", "--data-dir", data, "--listen", f"127.0.0.1:{fixture.free_port()}",
                    "--dev-accept-any-credentials")
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("dev", p.stderr)

    def test_dev_refuses_non_loopback(self):
        with tempfile.TemporaryDirectory() as tmp:
            p = run("server", "--dev", "--listen", f"0.0.0.0:{fixture.free_port()}",
                    "--data-dir", tmp)
            self.assertNotEqual(p.returncode, 0)
            self.assertIn("loopback", p.stderr)

    def test_sigterm_exits_zero_and_data_persists(self):
        server = fixture.Server()
        try:
            server.start()
            server.client("iam").create_user(UserName="persisted")
            self.assertEqual(server.stop(), 0, server.log())
            server.start()
            self.assertEqual(server.client("iam").get_user(UserName="persisted")["User"]
                             ["UserName"], "persisted")
            self.assertEqual(server.stop(), 0, server.log())
        finally:
            server.cleanup()


if __name__ == "__main__":
    fixture.take_server_arg()
    unittest.main()
