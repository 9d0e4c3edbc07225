"""Each call (allowed, denied, failed, bad signature) leaves exactly one audit event, no secret."""

import glob
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fixture  # noqa: E402

ACCOUNT = fixture.DEV_ACCOUNT
USER = "audited"


class AuditTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = fixture.Server()
        cls.server.start()
        cls.calls = []  # (request id, eventName, source, errorCode or None, identity type, ro)
        cls.secret = cls.make_calls()
        cls.rc = cls.server.stop()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    @classmethod
    def call(cls, fn, event, source, error, identity, read_only, **kwargs):
        from botocore.exceptions import ClientError
        try:
            out = fn(**kwargs)
            if error is not None:
                raise AssertionError(f"{event} succeeded, expected {error}")
            meta = out["ResponseMetadata"]
        except ClientError as e:
            if e.response["Error"]["Code"] != error:
                raise AssertionError(f"{event}: got {e.response['Error']}, expected {error}")
            out, meta = None, e.response["ResponseMetadata"]
        cls.calls.append((meta["RequestId"], event, source, error, identity, read_only))
        return out

    @classmethod
    def make_calls(cls):
        s = cls.server
        iam, sts = s.client("iam"), s.client("sts")
        iam_src, sts_src = "iam.amazonaws.com", "sts.amazonaws.com"
        cls.call(sts.get_caller_identity, "GetCallerIdentity", sts_src, None, "Root", True)
        cls.call(iam.create_user, "CreateUser", iam_src, None, "Root", False, UserName=USER)
        key = cls.call(iam.create_access_key, "CreateAccessKey", iam_src, None, "Root", False,
                       UserName=USER)["AccessKey"]
        secret = key["SecretAccessKey"]
        user_sts = s.client("sts", key["AccessKeyId"], secret)
        user_iam = s.client("iam", key["AccessKeyId"], secret)
        cls.call(user_sts.get_caller_identity, "GetCallerIdentity", sts_src, None, "IAMUser", True)
        # Denied: users have no policies yet.
        cls.call(user_iam.list_users, "ListUsers", iam_src, "AccessDenied", "IAMUser", True)
        cls.call(user_iam.create_access_key, "CreateAccessKey", iam_src, "AccessDenied",
                 "IAMUser", False, UserName=USER)
        # Failed in the handler.
        cls.call(iam.get_user, "GetUser", iam_src, "NoSuchEntity", "Root", True,
                 UserName="nobody")
        cls.call(iam.create_user, "CreateUser", iam_src, "EntityAlreadyExists", "Root", False,
                 UserName=USER)
        # Failed authentication: no identity may be attributed.
        bad_secret = s.client("iam", key["AccessKeyId"], secret[:-1] + ("B" if secret.endswith("A") else "A"))
        cls.call(bad_secret.list_users, "ListUsers", iam_src, "SignatureDoesNotMatch", "Unknown",
                 True)
        unknown = s.client("sts", "AKIAUNKNOWNAUDIT0000", "x" * 40)
        cls.call(unknown.get_caller_identity, "GetCallerIdentity", sts_src,
                 "InvalidClientTokenId", "Unknown", True)
        return secret

    def events(self):
        deadline = time.monotonic() + 3
        while True:
            by_id = fixture.audit_request_ids(self.server.db_path)
            if all(c[0] in by_id for c in self.calls) or time.monotonic() > deadline:
                return by_id
            time.sleep(0.1)

    def test_server_stopped_cleanly(self):
        self.assertEqual(self.rc, 0, self.server.log())

    def test_one_event_per_call(self):
        by_id = self.events()
        total = sum(len(v) for v in by_id.values())
        self.assertEqual(total, len(self.calls), "no more and no fewer events than calls")
        for request_id, name, source, error, identity, read_only in self.calls:
            with self.subTest(call=name, error=error):
                found = by_id.get(request_id, [])
                self.assertEqual(len(found), 1, f"{name}/{error}: {len(found)} events")
                column_name, column_source, event = found[0]
                self.assertEqual(column_name, name)
                self.assertEqual(column_source, source)
                self.assertEqual(event["eventName"], name)
                self.assertEqual(event["eventSource"], source)
                self.assertEqual(event["requestID"], request_id)
                self.assertEqual(event.get("errorCode"), error, event)
                if error:
                    self.assertTrue(event.get("errorMessage"), event)
                self.assertEqual(event["userIdentity"]["type"], identity, event)
                self.assertEqual(event["readOnly"], read_only, event)
                self.assertEqual(event["eventType"], "AwsApiCall")
                self.assertTrue(event["eventID"])
                self.assertEqual(event["sourceIPAddress"], "127.0.0.1")

    def test_identities(self):
        by_id = self.events()
        for request_id, name, _, error, identity, _ in self.calls:
            ui = by_id[request_id][0][2]["userIdentity"]
            with self.subTest(call=name, error=error):
                if identity == "Root":
                    self.assertEqual(ui["arn"], f"arn:aws:iam::{ACCOUNT}:root")
                    self.assertEqual(ui["accountId"], ACCOUNT)
                elif identity == "IAMUser":
                    self.assertEqual(ui["arn"], f"arn:aws:iam::{ACCOUNT}:user/{USER}")
                    self.assertEqual(ui["userName"], USER)
                    self.assertTrue(ui["principalId"].startswith("AIDA"))
                else:
                    self.assertNotIn("arn", ui)
                    self.assertNotIn("principalId", ui)

    def test_secret_never_stored_or_logged(self):
        secret = self.secret.encode()
        for request_id, name, *_ in self.calls:
            for _, _, event in self.events().get(request_id, []):
                self.assertNotIn(self.secret, str(event), name)
        for path in glob.glob(os.path.join(self.server.data_dir, "*")):
            with open(path, "rb") as f:
                self.assertNotIn(secret, f.read(), f"secret in plaintext in {path}")
        self.assertNotIn(self.secret, self.server.log())

    def test_create_access_key_event_redacts_secret(self):
        by_id = self.events()
        rid = next(c[0] for c in self.calls if c[1] == "CreateAccessKey" and c[3] is None)
        event = by_id[rid][0][2]
        key = event["responseElements"]["accessKey"]
        self.assertTrue(key["accessKeyId"].startswith("AKIA"))
        self.assertNotEqual(key.get("secretAccessKey"), self.secret)

    def test_request_log_line_per_call(self):
        log = self.server.log()
        for request_id, name, *_ in self.calls:
            self.assertIn(f'"request_id":"{request_id}"', log, name)


if __name__ == "__main__":
    fixture.take_server_arg()
    unittest.main()
