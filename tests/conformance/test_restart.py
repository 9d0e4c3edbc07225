"""Crash durability: kill -9 under concurrent IAM writes loses no acknowledged change or event."""

import collections
import os
import random
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fixture  # noqa: E402

CYCLES = 4
MIN_CYCLES = 2
THREADS = 6
TIME_BUDGET_S = 40.0  # no new cycle starts after this (keeps the test well under 60 s)


class Worker(threading.Thread):
    """Creates users and keys until the server goes away; records what was acknowledged."""

    def __init__(self, server, cycle, index, stop):
        super().__init__(daemon=True)
        self.iam = server.client("iam", read_timeout=10)
        self.cycle, self.index, self.stop = cycle, index, stop
        self.acked = []  # (operation, user, request id, access key or None, secret or None)
        self.unexpected = []

    def run(self):
        from botocore.exceptions import ClientError
        n = 0
        while not self.stop.is_set():
            name = f"r{self.cycle}-t{self.index}-u{n}"
            n += 1
            try:
                out = self.iam.create_user(UserName=name)
                self.acked.append(("CreateUser", name, out["ResponseMetadata"]["RequestId"],
                                   None, None))
                out = self.iam.create_access_key(UserName=name)
                key = out["AccessKey"]
                self.acked.append(("CreateAccessKey", name, out["ResponseMetadata"]["RequestId"],
                                   key["AccessKeyId"], key["SecretAccessKey"]))
            except ClientError as e:
                self.unexpected.append((name, e.response))
                return
            except Exception:  # connection refused/reset once the server is killed
                return


class RestartDurabilityTest(unittest.TestCase):

    def test_kill9_under_load(self):
        started = time.monotonic()
        seed = os.environ.get("RAMPART_TEST_SEED") or str(time.time_ns())
        print(f"RAMPART_TEST_SEED={seed}", file=sys.stderr)
        rng = random.Random(seed)
        server = fixture.Server()
        server.start()
        all_acked = []
        try:
            for cycle in range(CYCLES):
                if cycle >= MIN_CYCLES and time.monotonic() - started > TIME_BUDGET_S:
                    break
                stop = threading.Event()
                workers = [Worker(server, cycle, i, stop) for i in range(THREADS)]
                for w in workers:
                    w.start()
                deadline = time.monotonic() + 10
                while not any(w.acked for w in workers) and time.monotonic() < deadline:
                    time.sleep(0.01)  # load is flowing before the random countdown starts
                time.sleep(rng.uniform(0.2, 1.0))
                server.kill9()
                stop.set()
                for w in workers:
                    w.join(timeout=15)
                    self.assertFalse(w.is_alive(), "worker hung after kill -9")
                    self.assertEqual(w.unexpected, [], "server errors under load")
                acked = [a for w in workers for a in w.acked]
                self.assertGreater(len(acked), 0, f"cycle {cycle}: nothing acknowledged")
                all_acked += acked
                t0 = time.monotonic()
                server.start()
                self.verify(server, all_acked, acked)
                print(f"cycle {cycle}: {len(acked)} acknowledged, restart+verify "
                      f"{time.monotonic() - t0:.1f}s", file=sys.stderr)
            rc = server.stop()
            self.assertEqual(rc, 0, server.log())
        finally:
            server.cleanup()

    def verify(self, server, acked, latest):
        """Users and audit events of every cycle so far; keys and secrets of the latest one."""
        iam = server.client("iam")
        users = set()
        for page in iam.get_paginator("list_users").paginate():
            users.update(u["UserName"] for u in page["Users"])
        for op, user, _, _, _ in acked:
            self.assertIn(user, users, f"acknowledged {op} of {user} lost")
        keys_by_user = collections.defaultdict(set)
        for _, user, _, key, _ in latest:
            if key:
                keys_by_user[user].add(key)
        for user, keys in keys_by_user.items():
            meta = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
            present = {k["AccessKeyId"] for k in meta}
            self.assertLessEqual(keys, present, f"acknowledged keys of {user} lost")
            self.assertLessEqual(len(meta), 2)
        # Secrets survive too: a few acknowledged keys still authenticate.
        with_keys = [a for a in latest if a[3]]
        for _, user, _, key, secret in random.sample(with_keys, min(3, len(with_keys))):
            me = server.client("sts", key, secret).get_caller_identity()
            self.assertEqual(me["Arn"], f"arn:aws:iam::{fixture.DEV_ACCOUNT}:user/{user}")

        events = fixture.audit_request_ids(server.db_path)
        for op, user, request_id, _, _ in acked:
            found = events.get(request_id, [])
            self.assertEqual(len(found), 1, f"{op} {user} {request_id}: {len(found)} audit events")
            name, source, event = found[0]
            self.assertEqual(name, op)
            self.assertEqual(source, "iam.amazonaws.com")
            self.assertEqual(event["eventName"], op)
            self.assertEqual(event["requestParameters"]["userName"], user)
            self.assertNotIn("errorCode", event)


if __name__ == "__main__":
    fixture.take_server_arg()
    unittest.main()
