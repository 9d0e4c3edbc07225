#!/usr/bin/env python3
"""Seeded generator of random IAM authorization cases (policy_eval JSONL) for differential tests.

Each line is one policy_eval request (see tests/policy/policy_eval_lib.cc) plus an "id". Only
real actions, ARNs of the action's single resource type and globally valid condition keys are
used so that the oracle (which validates against AWS service metadata) evaluates every case
exactly as given.
"""
import argparse
import json
import random

ACCT = "111111111111"  # resource owner
OTHER = "222222222222"  # a second account for cross-account requests

# action -> resource ARN templates ({b} bucket, {k} key, {n} name, {a} account)
ACTIONS = {
    "s3:GetObject": ["arn:aws:s3:::{b}/{k}"],
    "s3:PutObject": ["arn:aws:s3:::{b}/{k}"],
    "s3:DeleteObject": ["arn:aws:s3:::{b}/{k}"],
    "s3:ListBucket": ["arn:aws:s3:::{b}"],
    "dynamodb:GetItem": ["arn:aws:dynamodb:us-east-1:{a}:table/{n}"],
    "dynamodb:PutItem": ["arn:aws:dynamodb:us-east-1:{a}:table/{n}"],
    "sqs:SendMessage": ["arn:aws:sqs:us-east-1:{a}:{n}"],
    "sqs:ReceiveMessage": ["arn:aws:sqs:eu-west-1:{a}:{n}"],
    "sns:Publish": ["arn:aws:sns:us-east-1:{a}:{n}"],
    "lambda:InvokeFunction": ["arn:aws:lambda:us-east-1:{a}:function:{n}"],
    "ec2:DescribeInstances": ["*"],
}
ACTION_PATTERNS = [
    "*", "s3:*", "s3:Get*", "s3:*Object", "s3:?etObject", "s3:List*", "S3:getobject",
    "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "dynamodb:*", "dynamodb:Get*",
    "DynamoDB:PutItem", "sqs:*", "sqs:Send*", "sqs:*Message", "sns:Publish", "sns:*",
    "lambda:Invoke*", "lambda:InvokeFunction", "ec2:Describe*", "ec2:*Instances",
]
BUCKETS = ["bucket-a", "bucket-b", "logs-1"]
KEYS = ["alice/notes.txt", "bob/x", "public/index.html", "alice/deep/y.bin", "Alice/Notes.txt"]
NAMES = ["orders", "queue-1", "queue-2", "fn-main", "Orders"]

# principal kind -> (arn, extra fields); the account is filled in later.
USERS = ["alice", "bob"]
ROLES = ["RoleA", "Admin"]

# condition keys: name -> type ("str", "multi", "num", "date", "bool", "ip", "arn")
KEYS_TYPES = {
    "aws:username": "str",
    "aws:PrincipalTag/team": "str",
    "aws:PrincipalTag/dept": "str",
    "aws:PrincipalOrgID": "str",
    "aws:SourceVpc": "str",
    "aws:RequestedRegion": "str",
    "aws:PrincipalAccount": "str",
    "aws:PrincipalOrgPaths": "multi",
    "aws:CalledVia": "multi",
    "aws:TagKeys": "multi",
    "aws:MultiFactorAuthAge": "num",
    "aws:CurrentTime": "date",
    "aws:EpochTime": "date",
    "aws:TokenIssueTime": "date",
    "aws:SecureTransport": "bool",
    "aws:MultiFactorAuthPresent": "bool",
    "aws:ViaAWSService": "bool",
    "aws:SourceIp": "ip",
    "aws:PrincipalArn": "arn",
    "aws:SourceArn": "arn",
}
STR_VALUES = {
    "aws:username": ["alice", "bob", "Alice", "carol"],
    "aws:PrincipalTag/team": ["red", "blue", "Red", "green"],
    "aws:PrincipalTag/dept": ["eng", "ops", "alice"],
    "aws:PrincipalOrgID": ["o-abc123", "o-xyz789"],
    "aws:SourceVpc": ["vpc-111", "vpc-222"],
    "aws:RequestedRegion": ["us-east-1", "eu-west-1", "US-EAST-1"],
    "aws:PrincipalAccount": [ACCT, OTHER],
}
MULTI_VALUES = {
    "aws:PrincipalOrgPaths": ["o-abc123/r-ab12/ou-ab12-1111/", "o-abc123/r-ab12/ou-ab12-2222/",
                              "o-xyz789/r-zz99/"],
    "aws:CalledVia": ["cloudformation.amazonaws.com", "athena.amazonaws.com",
                      "dynamodb.amazonaws.com"],
    "aws:TagKeys": ["env", "team", "Env", "cost"],
}
DATES = ["2020-01-01T00:00:00Z", "2024-06-15T12:00:00Z", "2026-01-01", "2030-12-31T23:59:59Z",
         "2024-06-15T12:00:00+02:00"]
EPOCHS = ["1577836800", "1718452800", "1900000000"]
CIDRS = ["10.0.0.0/8", "10.1.0.0/16", "192.0.2.0/24", "203.0.113.7/32", "2001:db8::/32",
         "0.0.0.0/0"]
IPS = ["10.1.2.3", "10.200.0.1", "192.0.2.55", "203.0.113.7", "198.51.100.1", "2001:db8::1",
       "2001:db9::1"]

STRING_OPS = ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
              "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"]
NUM_OPS = ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
           "NumericGreaterThan", "NumericGreaterThanEquals"]
DATE_OPS = ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
            "DateGreaterThan", "DateGreaterThanEquals"]
ARN_OPS = ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    # ----- request -----
    def principal(self, account):
        kind = self.pick(["user"] * 4 + ["assumed-role"] * 4 + ["federated-user"] * 2 +
                         ["root", "anonymous"])
        if kind == "user":
            name = self.pick(USERS)
            return {"type": "user", "account": account,
                    "arn": f"arn:aws:iam::{account}:user/{name}"}, name
        if kind == "assumed-role":
            role = self.pick(ROLES)
            return {"type": "assumed-role", "account": account,
                    "arn": f"arn:aws:sts::{account}:assumed-role/{role}/sess1",
                    "role_arn": f"arn:aws:iam::{account}:role/{role}"}, None
        if kind == "federated-user":
            name = self.pick(USERS)
            # The oracle takes the federated user's name to be its parent IAM user's name.
            return {"type": "federated-user", "account": account,
                    "arn": f"arn:aws:sts::{account}:federated-user/{name}",
                    "parent_user_arn": f"arn:aws:iam::{account}:user/{name}"}, name
        if kind == "root":
            return {"type": "root", "account": account, "arn": f"arn:aws:iam::{account}:root"}, None
        return {"type": "anonymous"}, None

    def resource_for(self, action):
        tpl = self.pick(ACTIONS[action])
        return tpl.format(b=self.pick(BUCKETS), k=self.pick(KEYS), n=self.pick(NAMES), a=ACCT)

    def context(self, principal, username):
        ctx = {}
        for key, typ in KEYS_TYPES.items():
            if not self.chance(0.45):
                continue
            if typ == "str":
                ctx[key] = self.pick(STR_VALUES[key])
            elif typ == "multi":
                pool = MULTI_VALUES[key]
                ctx[key] = self.r.sample(pool, self.r.randint(0, len(pool)))
            elif typ == "num":
                ctx[key] = self.pick(["0", "30", "3600", "86400", "12.5"])
            elif typ == "date":
                ctx[key] = self.pick(EPOCHS if key == "aws:EpochTime" else DATES)
            elif typ == "bool":
                ctx[key] = self.pick(["true", "false"])
            elif typ == "ip":
                ctx[key] = self.pick(IPS)
            elif typ == "arn":
                ctx[key] = principal.get("arn") or f"arn:aws:iam::{ACCT}:user/alice"
        if username is not None and principal["type"] == "user" and self.chance(0.8):
            ctx["aws:username"] = username
        return ctx

    # ----- policies -----
    def action_field(self, action):
        n = self.r.randint(1, 3)
        out = []
        for _ in range(n):
            if self.chance(0.5):
                out.append(action if self.chance(0.6) else self.pick(ACTION_PATTERNS))
            else:
                out.append(self.pick(ACTION_PATTERNS))
        return out[0] if len(out) == 1 else out

    def resource_pattern(self, resource):
        choices = [
            "*", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-?/*", "arn:aws:s3:::*",
            "arn:aws:s3:::bucket-a", "arn:aws:s3:::*/alice/*",
            "arn:aws:s3:::bucket-a/${aws:username}/*",
            "arn:aws:s3:::bucket-b/${aws:PrincipalTag/team}*",
            f"arn:aws:dynamodb:us-east-1:{ACCT}:table/*", f"arn:aws:dynamodb:*:{ACCT}:table/orders",
            f"arn:aws:sqs:*:{ACCT}:*", "arn:aws:sqs:*:*:queue-?", f"arn:aws:sqs:us-east-1:{ACCT}:*",
            "arn:aws:sns:*:*:*", f"arn:aws:lambda:us-east-1:{ACCT}:function:fn-*",
            f"arn:aws:dynamodb:us-east-1:{ACCT}:table/${{aws:username}}",
        ]
        if resource != "*" and self.chance(0.35):
            # the request's own resource, possibly with its tail wildcarded
            if self.chance(0.5):
                return resource
            return resource[: max(len(resource) - self.r.randint(1, 6), 10)] + "*"
        return self.pick(choices)

    def resource_field(self, resource):
        n = self.r.randint(1, 2)
        out = [self.resource_pattern(resource) for _ in range(n)]
        return out[0] if len(out) == 1 else out

    def string_values(self, key):
        pool = STR_VALUES.get(key) or MULTI_VALUES.get(key) or ["x"]
        vals = []
        for _ in range(self.r.randint(1, 2)):
            v = self.pick(pool)
            roll = self.r.random()
            if roll < 0.15:
                v = v[:2] + "*"
            elif roll < 0.22:
                v = "?" + v[1:]
            elif roll < 0.30:
                v = self.pick(["${aws:username}", "${aws:PrincipalTag/team}",
                               "${aws:PrincipalTag/dept}"])
            vals.append(v)
        return vals

    def condition(self):
        key = self.pick(list(KEYS_TYPES))
        typ = KEYS_TYPES[key]
        if self.chance(0.08):
            return "Null", key, [self.pick(["true", "false"])]
        prefix = ""
        if typ == "str":
            op, vals = self.pick(STRING_OPS), self.string_values(key)
        elif typ == "multi":
            op, vals = self.pick(STRING_OPS), self.string_values(key)
            prefix = self.pick(["ForAllValues:", "ForAnyValue:", "ForAnyValue:", "ForAllValues:", ""])
        elif typ == "num":
            op = self.pick(NUM_OPS)
            vals = [self.pick(["0", "30", "3600", "86400", "12.5", "-1"])]
        elif typ == "date":
            op = self.pick(DATE_OPS)
            vals = [self.pick(DATES + EPOCHS)]
        elif typ == "bool":
            op, vals = "Bool", [self.pick(["true", "false"])]
        elif typ == "ip":
            op = self.pick(["IpAddress", "NotIpAddress"])
            vals = self.r.sample(CIDRS, self.r.randint(1, 2))
        else:
            op = self.pick(ARN_OPS + ["StringLike"])
            vals = [self.pick([f"arn:aws:iam::{ACCT}:user/*", f"arn:aws:iam::{ACCT}:user/alice",
                               "arn:aws:iam::*:role/*", f"arn:aws:sts::{ACCT}:assumed-role/RoleA/*",
                               "arn:aws:*:*:*:*", f"arn:aws:iam::{OTHER}:*",
                               f"arn:aws:iam::{ACCT}:user/${{aws:username}}"])]
        if typ != "multi" and self.chance(0.05):
            prefix = self.pick(["ForAllValues:", "ForAnyValue:"])
        suffix = "IfExists" if self.chance(0.2) else ""
        return prefix + op + suffix, key, vals

    def conditions(self):
        n = self.pick([0, 0, 1, 1, 1, 2, 3])
        out = {}
        for _ in range(n):
            op, key, vals = self.condition()
            out.setdefault(op, {})[key] = vals[0] if len(vals) == 1 and self.chance(0.5) else vals
        return out

    def principal_field(self, principal):
        acct = principal.get("account", ACCT)
        options = ["*", {"AWS": "*"}, {"AWS": ACCT}, {"AWS": OTHER},
                   {"AWS": f"arn:aws:iam::{ACCT}:root"}, {"AWS": f"arn:aws:iam::{OTHER}:root"}]
        if principal.get("arn"):
            options += [{"AWS": principal["arn"]}] * 3 + [{"AWS": acct}]
        if principal.get("role_arn"):
            options += [{"AWS": principal["role_arn"]}] * 2
        options += [{"AWS": f"arn:aws:iam::{ACCT}:user/bob"}]
        return self.pick(options)

    def statement(self, action, resource, principal, kind, sid):
        s = {"Sid": sid}
        s["Effect"] = "Deny" if self.chance(0.3 if kind != "scp" else 0.5) else "Allow"
        if kind == "rcp":
            s["Effect"] = "Deny"  # RCPs only hold Deny statements
        if kind in ("resource", "rcp"):
            if kind == "rcp":
                s["Principal"] = "*"
            elif s["Effect"] == "Deny" and self.chance(0.1):
                s["NotPrincipal"] = {"AWS": self.pick(
                    [principal.get("arn") or ACCT, f"arn:aws:iam::{ACCT}:user/bob", ACCT])}
            else:
                s["Principal"] = self.principal_field(principal)
        if kind == "rcp":
            s["Action"] = self.pick(["s3:*", "sqs:*", "s3:GetObject", "sqs:Send*"])
        elif self.chance(0.08) and kind != "rcp":
            s["NotAction"] = self.action_field(action)
        else:
            s["Action"] = self.action_field(action)
        if self.chance(0.07):
            s["NotResource"] = self.resource_field(resource)
        else:
            s["Resource"] = self.resource_field(resource)
        cond = self.conditions()
        if cond:
            s["Condition"] = cond
        return s

    def policy(self, action, resource, principal, kind, tag):
        n = self.r.randint(1, 4)
        stmts = [self.statement(action, resource, principal, kind, f"{tag}s{i}") for i in range(n)]
        if kind in ("scp", "boundary", "session") and self.chance(0.6):
            stmts.insert(0, {"Sid": f"{tag}all", "Effect": "Allow", "Action": "*",
                             "Resource": "*"})
        return {"Version": "2012-10-17", "Statement": stmts}

    def case(self, idx):
        action = self.pick(list(ACTIONS))
        resource = self.resource_for(action)
        cross = self.chance(0.25)
        principal, username = self.principal(OTHER if cross else ACCT)
        anonymous = principal["type"] == "anonymous"
        c = {"id": idx, "principal": principal, "action": action, "resource": resource,
             "resource_account": ACCT, "context": self.context(principal, username)}
        pol = {}
        if not anonymous and principal["type"] != "root":  # root has no identity policies
            pol["identity"] = [
                {"id": f"id{i}", "name": f"id{i}",
                 "document": self.policy(action, resource, principal, "identity", f"i{i}")}
                for i in range(self.r.randint(0, 3))]
            if principal["type"] != "root" and self.chance(0.3):
                pol["boundary"] = {"id": "pb", "name": "pb",
                                   "document": self.policy(action, resource, principal,
                                                           "boundary", "b")}
            if principal["type"] in ("assumed-role", "federated-user") and self.chance(0.3):
                pol["session"] = [{"id": "sp", "name": "sp",
                                   "document": self.policy(action, resource, principal,
                                                           "session", "s")}]
        if not anonymous and self.chance(0.4):
                pol["scp"] = [[{"id": f"scp{lv}_{j}", "name": f"scp{lv}_{j}",
                                "document": self.policy(action, resource, principal, "scp",
                                                        f"c{lv}{j}")}
                               for j in range(self.r.randint(1, 2))]
                              for lv in range(self.r.randint(1, 3))]
        if self.chance(0.2):
            # The oracle adds RCPFullAWSAccess to every level implicitly; we list it explicitly.
            full = {"id": "p-RCPFullAWSAccess", "name": "RCPFullAWSAccess",
                    "document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}}
            pol["rcp"] = [[full] + [{"id": f"rcp{lv}", "name": f"rcp{lv}",
                                     "document": self.policy(action, resource, principal, "rcp",
                                                             f"r{lv}")}]
                          for lv in range(self.r.randint(1, 2))]
        if anonymous or self.chance(0.5):
            pol["resource"] = {"id": "rp", "name": "rp",
                               "document": self.policy(action, resource, principal, "resource",
                                                       "rp")}
        c["policies"] = pol
        return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    g = Gen(args.seed)
    with open(args.out, "w") as f:
        for i in range(args.count):
            f.write(json.dumps(g.case(f"{args.seed}-{i}"), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
