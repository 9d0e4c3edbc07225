"""Enforcement end to end through boto3: a user may do exactly what its policies allow."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fixture  # noqa: E402

from botocore.exceptions import ClientError  # noqa: E402


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


class PolicyEnforcementTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = fixture.Server()
        cls.server.start()
        cls.root = cls.server.client("iam")
        cls.root.create_user(UserName="alice")
        key = cls.root.create_access_key(UserName="alice")["AccessKey"]
        cls.alice = cls.server.client("iam", key["AccessKeyId"], key["SecretAccessKey"])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.server.cleanup()

    def assertDenied(self, fn, fragment, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(**kwargs)
        err = ctx.exception.response["Error"]
        self.assertEqual(err["Code"], "AccessDenied")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertIn(fragment, err["Message"])

    def test_allow_then_explicit_deny(self):
        self.assertDenied(self.alice.list_users, "because no identity-based policy allows")
        self.root.put_user_policy(
            UserName="alice", PolicyName="read",
            PolicyDocument=policy({"Effect": "Allow", "Action": ["iam:ListUsers", "iam:Get*"],
                                   "Resource": "*"}))
        names = [u["UserName"] for u in self.alice.list_users()["Users"]]
        self.assertIn("alice", names)
        # Policy variables: alice may only read herself.
        self.root.put_user_policy(
            UserName="alice", PolicyName="deny-others",
            PolicyDocument=policy({"Effect": "Deny", "Action": "iam:GetUser",
                                   "NotResource": "arn:aws:iam::000000000000:user/${aws:username}"}))
        self.assertEqual(self.alice.get_user(UserName="alice")["User"]["UserName"], "alice")
        self.root.create_user(UserName="bob")
        self.assertDenied(self.alice.get_user, "with an explicit deny in an identity-based policy",
                          UserName="bob")
        # Removing the deny restores the allow.
        self.root.delete_user_policy(UserName="alice", PolicyName="deny-others")
        self.assertEqual(self.alice.get_user(UserName="bob")["User"]["UserName"], "bob")

    def test_policy_documents_round_trip_and_validate(self):
        doc = policy({"Sid": "S1", "Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"})
        self.root.put_user_policy(UserName="alice", PolicyName="round-trip", PolicyDocument=doc)
        got = self.root.get_user_policy(UserName="alice", PolicyName="round-trip")
        # botocore decodes IAM's URL-encoded documents into objects.
        self.assertEqual(got["PolicyDocument"], json.loads(doc))
        self.assertIn("round-trip", self.root.list_user_policies(UserName="alice")["PolicyNames"])
        with self.assertRaises(ClientError) as ctx:
            self.root.put_user_policy(UserName="alice", PolicyName="bad",
                                      PolicyDocument='{"Version":"2012-10-17","Statement":[]')
        self.assertEqual(ctx.exception.response["Error"]["Code"], "MalformedPolicyDocument")
        with self.assertRaises(ClientError) as ctx:
            self.root.delete_user(UserName="alice")
        self.assertEqual(ctx.exception.response["Error"]["Code"], "DeleteConflict")
        with self.assertRaises(ClientError) as ctx:
            self.root.get_user_policy(UserName="alice", PolicyName="absent")
        self.assertEqual(ctx.exception.response["Error"]["Code"], "NoSuchEntity")
        self.root.delete_user_policy(UserName="alice", PolicyName="round-trip")


if __name__ == "__main__":
    fixture.take_server_arg()
    unittest.main()
