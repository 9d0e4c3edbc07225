"""Drives a real rampart server with aws-cli v1, aws-cli v2 and boto3 (IAM/STS foundation)."""

import concurrent.futures
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fixture  # noqa: E402
from fixture import (DEV_ACCOUNT, REGION, Server, error_code, error_message,  # noqa: E402
                     send)
import sigv4_util  # noqa: E402

ROOT_ARN = f"arn:aws:iam::{DEV_ACCOUNT}:root"
AWS_CLI_V2 = "/usr/bin/aws"
EXPIRED_TEXT = "Signature expired"
MISMATCH_TEXT = "The request signature we calculated does not match"


def user_arn(name):
    return f"arn:aws:iam::{DEV_ACCOUNT}:user/{name}"


class ServerTestCase(unittest.TestCase):
    """One dev-mode server per test class."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        try:
            rc = cls.server.stop()
            if rc != 0:
                raise AssertionError(f"server exited {rc} on SIGTERM:\n{cls.server.log()}")
        finally:
            cls.server.cleanup()

    def assertClientError(self, code, status, fn, *args, **kwargs):
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as ctx:
            fn(*args, **kwargs)
        err = ctx.exception.response
        self.assertEqual(err["Error"]["Code"], code, err)
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status, err)
        self.assertTrue(err["ResponseMetadata"].get("RequestId"), err)
        return err


# --------------------------------------------------------------------------------------------
# aws-cli


class CliMixin:
    """The same scenario for any aws-cli flavour; subclasses define cli_command()."""

    prefix = "cli"

    def cli_command(self):
        raise NotImplementedError

    def run_cli(self, *args, key=fixture.DEV_KEY, secret=fixture.DEV_SECRET):
        home = tempfile.mkdtemp(prefix="rampart-cli-home-")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "AWS_ACCESS_KEY_ID": key,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": os.path.join(home, "no-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "no-credentials"),
            "AWS_PAGER": "",
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_RETRY_MODE": "standard",
        }
        cmd = self.cli_command() + ["--endpoint-url", self.server.endpoint, "--output", "json"]
        p = subprocess.run(cmd + list(args), env=env, capture_output=True, text=True, timeout=60)
        return p

    def cli_ok(self, *args, **kw):
        p = self.run_cli(*args, **kw)
        self.assertEqual(p.returncode, 0, f"{args}: rc={p.returncode}\n{p.stderr}")
        return json.loads(p.stdout) if p.stdout.strip() else None

    def cli_fails(self, code, *args, **kw):
        p = self.run_cli(*args, **kw)
        self.assertNotEqual(p.returncode, 0, f"{args} unexpectedly succeeded: {p.stdout}")
        self.assertIn(f"({code})", p.stderr, f"{args}: expected {code}")
        return p

    def cli_parallel(self, *calls):
        """Runs independent (fn, args, kwargs) CLI checks concurrently (CLI start-up is slow)."""
        with concurrent.futures.ThreadPoolExecutor(len(calls)) as pool:
            futures = [pool.submit(fn, *args, **kw) for fn, args, kw in calls]
            return [f.result() for f in futures]

    def test_version_and_root_identity(self):
        def version():
            p = subprocess.run(self.cli_command() + ["--version"], capture_output=True,
                               text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn(self.expected_version_prefix, p.stdout + p.stderr)

        _, out = self.cli_parallel((version, (), {}),
                                   (self.cli_ok, ("sts", "get-caller-identity"), {}))
        self.assertEqual(out["Arn"], ROOT_ARN)
        self.assertEqual(out["Account"], DEV_ACCOUNT)

    def test_user_flow_and_errors(self):
        name = f"{self.prefix}-alice"
        created = self.cli_ok("iam", "create-user", "--user-name", name)
        self.assertEqual(created["User"]["UserName"], name)
        self.assertEqual(created["User"]["Arn"], user_arn(name))
        key, _, _ = self.cli_parallel(
            (self.cli_ok, ("iam", "create-access-key", "--user-name", name), {}),
            (self.cli_fails, ("EntityAlreadyExists", "iam", "create-user", "--user-name", name),
             {}),
            (self.cli_fails, ("NoSuchEntity", "iam", "get-user", "--user-name",
                              f"{self.prefix}-nobody"), {}))
        key = key["AccessKey"]
        self.assertEqual(key["Status"], "Active")
        self.assertTrue(key["AccessKeyId"].startswith("AKIA"), key)
        self.assertEqual(len(key["SecretAccessKey"]), 40)
        as_user = {"key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}

        # A second key through boto3, so the CLI's third is over the limit.
        iam = self.server.client("iam")
        iam.create_access_key(UserName=name)
        me, _, _, _ = self.cli_parallel(
            (self.cli_ok, ("sts", "get-caller-identity"), as_user),
            (self.cli_fails, ("AccessDenied", "iam", "list-users"), as_user),
            (self.cli_fails, ("LimitExceeded", "iam", "create-access-key", "--user-name", name),
             {}),
            (self.cli_fails, ("DeleteConflict", "iam", "delete-user", "--user-name", name), {}))
        self.assertEqual(me["Arn"], user_arn(name))
        self.assertEqual(me["UserId"], created["User"]["UserId"])
        self.assertEqual(len(iam.list_access_keys(UserName=name)["AccessKeyMetadata"]), 2)
        iam.get_user(UserName=name)  # DeleteConflict left the user in place

    def test_auth_failures(self):
        self.cli_parallel(
            (self.cli_fails, ("InvalidClientTokenId", "sts", "get-caller-identity"),
             {"key": "AKIANOSUCHKEY0000000", "secret": "x" * 40}),
            (self.cli_fails, ("SignatureDoesNotMatch", "sts", "get-caller-identity"),
             {"secret": "not-test"}))

    def test_list_users_pagination(self):
        iam = self.server.client("iam")
        names = [f"{self.prefix}-page-{i:02d}" for i in range(6)]
        for n in names:
            iam.create_user(UserName=n)
        expected = [u["UserName"] for u in iam.list_users()["Users"]]
        # --page-size makes the CLI send MaxItems and follow Marker until the end;
        # --max-items truncates and hands back a NextToken to resume from.
        out, first = self.cli_parallel(
            (self.cli_ok, ("iam", "list-users", "--page-size", "2"), {}),
            (self.cli_ok, ("iam", "list-users", "--max-items", "3", "--page-size", "2"), {}))
        listed = [u["UserName"] for u in out["Users"]]
        self.assertEqual(listed, expected)
        for n in names:
            self.assertIn(n, listed)
        self.assertEqual(len(first["Users"]), 3)
        self.assertIn("NextToken", first)
        rest = self.cli_ok("iam", "list-users", "--starting-token", first["NextToken"],
                           "--page-size", "2")
        self.assertEqual([u["UserName"] for u in first["Users"] + rest["Users"]], expected)


class AwsCliV1Test(CliMixin, ServerTestCase):
    prefix = "v1"
    expected_version_prefix = "aws-cli/1."

    def cli_command(self):
        return [sys.executable, "-m", "awscli"]


class AwsCliV2Test(CliMixin, ServerTestCase):
    prefix = "v2"
    expected_version_prefix = "aws-cli/2."

    def cli_command(self):
        # Never skipped: a machine without aws-cli v2 fails this test.
        self.assertTrue(os.access(AWS_CLI_V2, os.X_OK), f"aws-cli v2 missing at {AWS_CLI_V2}")
        return [AWS_CLI_V2]


# --------------------------------------------------------------------------------------------
# boto3


class Boto3Test(ServerTestCase):

    def setUp(self):
        self.iam = self.server.client("iam")
        self.sts = self.server.client("sts")

    def test_root_identity(self):
        out = self.sts.get_caller_identity()
        self.assertEqual(out["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(out["Arn"], ROOT_ARN)
        self.assertEqual(out["Account"], DEV_ACCOUNT)
        self.assertEqual(out["UserId"], DEV_ACCOUNT)

    def test_user_flow(self):
        name = "b3-bob"
        user = self.iam.create_user(UserName=name)["User"]
        self.assertEqual(user["Arn"], user_arn(name))
        self.assertTrue(user["UserId"].startswith("AIDA"), user)
        self.assertEqual(self.iam.get_user(UserName=name)["User"]["UserId"], user["UserId"])
        key = self.iam.create_access_key(UserName=name)["AccessKey"]
        self.assertEqual(key["UserName"], name)

        as_user_sts = self.server.client("sts", key["AccessKeyId"], key["SecretAccessKey"])
        me = as_user_sts.get_caller_identity()
        self.assertEqual(me["Arn"], user_arn(name))
        self.assertEqual(me["UserId"], user["UserId"])
        self.assertEqual(me["Account"], DEV_ACCOUNT)

        as_user_iam = self.server.client("iam", key["AccessKeyId"], key["SecretAccessKey"])
        err = self.assertClientError("AccessDenied", 403, as_user_iam.list_users)
        self.assertIn(user_arn(name), err["Error"]["Message"])
        self.assertClientError("AccessDenied", 403, as_user_iam.create_user, UserName="b3-evil")
        self.assertClientError("NoSuchEntity", 404, self.iam.get_user, UserName="b3-evil")

        # Inactive keys authenticate no more; deleted keys neither.
        self.iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"],
                                   Status="Inactive")
        keys = self.iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
        self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in keys],
                         [(key["AccessKeyId"], "Inactive")])
        self.assertClientError("InvalidClientTokenId", 403, as_user_sts.get_caller_identity)
        self.iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Active")
        self.assertEqual(as_user_sts.get_caller_identity()["Arn"], user_arn(name))
        self.iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
        self.assertClientError("InvalidClientTokenId", 403, as_user_sts.get_caller_identity)
        self.iam.delete_user(UserName=name)
        self.assertClientError("NoSuchEntity", 404, self.iam.get_user, UserName=name)

    def test_errors(self):
        name = "b3-carol"
        self.iam.create_user(UserName=name)
        self.assertClientError("EntityAlreadyExists", 409, self.iam.create_user, UserName=name)
        self.assertClientError("NoSuchEntity", 404, self.iam.get_user, UserName="b3-nobody")
        self.assertClientError("NoSuchEntity", 404, self.iam.delete_user, UserName="b3-nobody")
        self.assertClientError("NoSuchEntity", 404, self.iam.create_access_key,
                               UserName="b3-nobody")
        k1 = self.iam.create_access_key(UserName=name)["AccessKey"]["AccessKeyId"]
        k2 = self.iam.create_access_key(UserName=name)["AccessKey"]["AccessKeyId"]
        self.assertNotEqual(k1, k2)
        self.assertClientError("LimitExceeded", 409, self.iam.create_access_key, UserName=name)
        self.assertClientError("DeleteConflict", 409, self.iam.delete_user, UserName=name)
        self.assertClientError("NoSuchEntity", 404, self.iam.delete_access_key, UserName=name,
                               AccessKeyId="AKIAIOSFODNN7EXAMPLE")
        for k in (k1, k2):
            self.iam.delete_access_key(UserName=name, AccessKeyId=k)
        self.iam.delete_user(UserName=name)

    def test_validation_error(self):
        iam = self.server.client("iam", parameter_validation=False)
        self.assertClientError("ValidationError", 400, iam.create_user, UserName="bad name!")

    def test_list_users_pagination(self):
        names = [f"b3-page-{i:02d}" for i in range(7)]
        for n in names:
            self.iam.create_user(UserName=n)
        all_users = self.iam.list_users()["Users"]
        first = self.iam.list_users(MaxItems=2)
        self.assertTrue(first["IsTruncated"])
        self.assertEqual(len(first["Users"]), 2)
        second = self.iam.list_users(MaxItems=2, Marker=first["Marker"])
        self.assertEqual(len(second["Users"]), 2)
        self.assertNotEqual(first["Users"][0]["UserName"], second["Users"][0]["UserName"])

        pages = list(self.iam.get_paginator("list_users").paginate(
            PaginationConfig={"PageSize": 2}))
        self.assertGreaterEqual(len(pages), 4)
        for p in pages[:-1]:
            self.assertTrue(p["IsTruncated"])
            self.assertEqual(len(p["Users"]), 2)
        self.assertFalse(pages[-1]["IsTruncated"])
        paged = [u["UserName"] for p in pages for u in p["Users"]]
        self.assertEqual(paged, [u["UserName"] for u in all_users])
        self.assertEqual(sorted(paged, key=str.lower), paged, "ListUsers is ordered by name")
        for n in names:
            self.assertIn(n, paged)
        self.assertClientError("ValidationError", 400,
                               self.server.client("iam", parameter_validation=False).list_users,
                               MaxItems=0)
        for n in names:
            self.iam.delete_user(UserName=n)


# --------------------------------------------------------------------------------------------
# SigV4 authentication failures, signed with botocore and sent raw or through boto3


class AuthenticationTest(ServerTestCase):

    def setUp(self):
        self.endpoint = self.server.endpoint

    def post(self, headers, body):
        return send(self.endpoint, "POST", "/", headers, body)

    def assertRawError(self, response, code, status, message_part=None):
        st, _, body = response
        self.assertEqual(st, status, body)
        self.assertEqual(error_code(body), code, body)
        if message_part is not None:
            self.assertIn(message_part, error_message(body) or "", body)

    def test_correct_signature_raw(self):
        for service, action in (("sts", "GetCallerIdentity"), ("iam", "ListUsers")):
            headers, body = sigv4_util.sign_form(self.endpoint, service, action, "test", "test")
            st, hdrs, out = self.post(headers, body)
            self.assertEqual(st, 200, out)
            self.assertTrue(hdrs.get("x-amzn-requestid"), hdrs)
        headers, body = sigv4_util.sign_form(self.endpoint, "sts", "GetCallerIdentity", "test",
                                             "test")
        self.assertIn(ROOT_ARN.encode(), self.post(headers, body)[2])

    def test_correct_signature_boto3(self):
        out = self.server.client("sts").get_caller_identity()
        self.assertEqual(out["ResponseMetadata"]["HTTPStatusCode"], 200)

    def test_any_region_in_scope_is_accepted(self):
        headers, body = sigv4_util.sign_form(self.endpoint, "sts", "GetCallerIdentity", "test",
                                             "test", region="eu-west-3")
        st, _, out = self.post(headers, body)
        self.assertEqual(st, 200, out)

    def test_wrong_secret(self):
        err = self.assertClientError("SignatureDoesNotMatch", 403,
                                     self.server.client("sts", secret="wrong").get_caller_identity)
        self.assertIn(MISMATCH_TEXT, err["Error"]["Message"])
        self.assertNotIn("wrong", err["Error"]["Message"])
        headers, body = sigv4_util.sign_form(self.endpoint, "iam", "ListUsers", "test", "wrong")
        self.assertRawError(self.post(headers, body), "SignatureDoesNotMatch", 403, MISMATCH_TEXT)

    def test_unknown_key(self):
        err = self.assertClientError(
            "InvalidClientTokenId", 403,
            self.server.client("sts", key="AKIAUNKNOWNKEY000000").get_caller_identity)
        self.assertEqual(err["Error"]["Message"],
                         "The security token included in the request is invalid.")
        self.assertClientError("InvalidClientTokenId", 403,
                               self.server.client("iam", key="AKIAUNKNOWNKEY000000").list_users)

    def test_expired_date(self):
        past = sigv4_util.utcnow() - datetime.timedelta(minutes=20)
        with sigv4_util.at_time(past):
            err = self.assertClientError("SignatureDoesNotMatch", 403,
                                         self.server.client("sts").get_caller_identity)
        msg = err["Error"]["Message"]
        stamp = past.strftime("%Y%m%dT%H%M%SZ")
        self.assertTrue(msg.startswith(f"Signature expired: {stamp} is now earlier than "), msg)
        self.assertIn(" - 15 min.)", msg)
        headers, body = sigv4_util.sign_form(self.endpoint, "iam", "ListUsers", "test", "test",
                                             when=past)
        self.assertRawError(self.post(headers, body), "SignatureDoesNotMatch", 403,
                            "Signature expired")

    def test_future_date(self):
        future = sigv4_util.utcnow() + datetime.timedelta(minutes=20)
        headers, body = sigv4_util.sign_form(self.endpoint, "sts", "GetCallerIdentity", "test",
                                             "test", when=future)
        self.assertRawError(self.post(headers, body), "SignatureDoesNotMatch", 403,
                            "Signature not yet current")

    def test_small_skew_is_accepted(self):
        for minutes in (-10, 10):
            when = sigv4_util.utcnow() + datetime.timedelta(minutes=minutes)
            headers, body = sigv4_util.sign_form(self.endpoint, "sts", "GetCallerIdentity",
                                                 "test", "test", when=when)
            st, _, out = self.post(headers, body)
            self.assertEqual(st, 200, (minutes, out))

    def test_wrong_service_in_scope(self):
        headers, body = sigv4_util.sign_form(self.endpoint, "iam", "ListUsers", "test", "test",
                                             signing_service="sts")
        self.assertRawError(self.post(headers, body), "SignatureDoesNotMatch", 403,
                            "Credential should be scoped to correct service: 'iam'")
        headers, body = sigv4_util.sign_form(self.endpoint, "sts", "GetCallerIdentity", "test",
                                             "test", signing_service="iam")
        self.assertRawError(self.post(headers, body), "SignatureDoesNotMatch", 403,
                            "Credential should be scoped to correct service: 'sts'")

    def test_tampered_body(self):
        headers, body = sigv4_util.sign_form(self.endpoint, "iam", "CreateUser", "test", "test",
                                             params={"UserName": "tamper-a"})
        tampered = body.replace(b"tamper-a", b"tamper-b")
        self.assertEqual(len(tampered), len(body))
        self.assertRawError(self.post(headers, tampered), "SignatureDoesNotMatch", 403,
                            MISMATCH_TEXT)
        iam = self.server.client("iam")
        self.assertClientError("NoSuchEntity", 404, iam.get_user, UserName="tamper-b")
        self.assertClientError("NoSuchEntity", 404, iam.get_user, UserName="tamper-a")

    def test_missing_authentication(self):
        body = b"Action=GetCallerIdentity&Version=2011-06-15"
        self.assertRawError(
            self.post({"Content-Type": sigv4_util.FORM_TYPE}, body),
            "MissingAuthenticationToken", 403, "Request is missing Authentication Token")
        from botocore import UNSIGNED
        iam = self.server.client("iam", signature_version=UNSIGNED)
        self.assertClientError("MissingAuthenticationToken", 403, iam.list_users)

    def test_presigned_url(self):
        path, headers = sigv4_util.presign_get(self.endpoint, "test", "test")
        st, _, body = send(self.endpoint, "GET", path, headers)
        self.assertEqual(st, 200, body)
        self.assertIn(f"<Arn>{ROOT_ARN}</Arn>".encode(), body)

    def test_presigned_url_as_user_with_extra_signed_header(self):
        iam = self.server.client("iam")
        iam.create_user(UserName="presign-user")
        key = iam.create_access_key(UserName="presign-user")["AccessKey"]
        extra = {"x-k8s-aws-id": "my-cluster"}
        path, headers = sigv4_util.presign_get(self.endpoint, key["AccessKeyId"],
                                               key["SecretAccessKey"], extra_headers=extra)
        self.assertIn("x-k8s-aws-id", path)
        st, _, body = send(self.endpoint, "GET", path, headers)
        self.assertEqual(st, 200, body)
        self.assertIn(f"<Arn>{user_arn('presign-user')}</Arn>".encode(), body)
        # The signed header is part of the signature: a different value must fail.
        st, _, body = send(self.endpoint, "GET", path, {"x-k8s-aws-id": "other-cluster"})
        self.assertEqual((st, error_code(body)), (403, "SignatureDoesNotMatch"), body)

    def test_presigned_url_altered_signature(self):
        path, headers = sigv4_util.presign_get(self.endpoint, "test", "test")
        self.assertRawError(send(self.endpoint, "GET", sigv4_util.alter_signature(path), headers),
                            "SignatureDoesNotMatch", 403, MISMATCH_TEXT)

    def test_presigned_url_wrong_secret_and_unknown_key(self):
        path, headers = sigv4_util.presign_get(self.endpoint, "test", "nottest")
        self.assertRawError(send(self.endpoint, "GET", path, headers), "SignatureDoesNotMatch",
                            403)
        path, headers = sigv4_util.presign_get(self.endpoint, "AKIAUNKNOWNKEY000000", "x")
        self.assertRawError(send(self.endpoint, "GET", path, headers), "InvalidClientTokenId",
                            403)

    def test_presigned_url_expired(self):
        # Beyond both X-Amz-Expires and the 15-minute skew window.
        old = sigv4_util.utcnow() - datetime.timedelta(minutes=20)
        path, headers = sigv4_util.presign_get(self.endpoint, "test", "test", expires=60, when=old)
        self.assertRawError(send(self.endpoint, "GET", path, headers), "SignatureDoesNotMatch",
                            403, "expired")
        # Past X-Amz-Expires but within the skew window: still expired (spec 7.9).
        recent = sigv4_util.utcnow() - datetime.timedelta(minutes=3)
        path, headers = sigv4_util.presign_get(self.endpoint, "test", "test", expires=60,
                                               when=recent)
        self.assertRawError(send(self.endpoint, "GET", path, headers), "SignatureDoesNotMatch",
                            403, "expired")
        # Signed a while ago with a long X-Amz-Expires: still valid.
        path, headers = sigv4_util.presign_get(self.endpoint, "test", "test", expires=3600,
                                               when=recent)
        st, _, body = send(self.endpoint, "GET", path, headers)
        self.assertEqual(st, 200, body)


if __name__ == "__main__":
    fixture.take_server_arg()
    unittest.main()
