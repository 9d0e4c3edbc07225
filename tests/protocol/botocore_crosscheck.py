#!/usr/bin/env python3
"""Cross-checks the protocol runtime against botocore's own serializers and parsers.

Usage: botocore_crosscheck.py PROTOCOL_TOOL MODEL_DIR
(1) botocore serializes requests (using our pinned models) -> protocol_tool decode must yield the
    original parameters; (2) protocol_tool encode/error output -> botocore parsers must yield the
    original values / error codes.
"""
import base64
import datetime
import glob
import json
import os
import subprocess
import sys
import urllib.parse

import botocore.model
import botocore.parsers
import botocore.serialize
from urllib3._collections import HTTPHeaderDict  # case-insensitive, as botocore sees them

TOOL, MODEL_DIR = sys.argv[1], sys.argv[2]
FAILURES = []
CHECKS = 0


def model(service):
    path = sorted(glob.glob(os.path.join(MODEL_DIR, service, "*", "service-2.json")))[-1]
    with open(path) as f:
        return botocore.model.ServiceModel(json.load(f), service_name=service)


def tool(mode, payload):
    out = subprocess.run([TOOL, mode], input=json.dumps(payload).encode(), capture_output=True,
                         check=True)
    return json.loads(out.stdout)


def check(name, cond, detail=""):
    global CHECKS
    CHECKS += 1
    if not cond:
        FAILURES.append(f"{name}: {detail}")


def normalize(v):
    if isinstance(v, datetime.datetime):
        return v.timestamp()
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    return v


def decode_case(service, scope, op_name, params, host="localhost", raw=()):
    """`raw` names payload members carried as raw bytes (see protocol.h)."""
    sm = model(service)
    op = sm.operation_model(op_name)
    proto = sm.metadata["protocol"]
    req = botocore.serialize.create_serializer(proto).serialize_to_request(params, op)
    body = req["body"]
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body, quote_via=urllib.parse.quote).encode()
    elif isinstance(body, str):
        body = body.encode()
    elif body is None:
        body = b""
    elif hasattr(body, "read"):
        body = body.read()
    target = req["url_path"]
    if req["query_string"]:
        qs = req["query_string"]
        target += ("&" if "?" in target else "?") + (
            qs if isinstance(qs, str) else urllib.parse.urlencode(qs, quote_via=urllib.parse.quote))
    headers = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in req["headers"].items()}
    headers["Host"] = host
    if proto in ("query", "ec2"):
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    res = tool("decode", {"method": req["method"], "target": target, "headers": headers,
                          "body_b64": base64.b64encode(body).decode(), "scope": scope})
    name = f"decode {service}.{op_name}"
    check(name, res.get("operation") == op_name and "error" not in res, json.dumps(res)[:400])
    got = res.get("input", {})
    want = normalize(params)
    for k in raw:
        want[k] = params[k].decode()
    for k, v in want.items():
        check(f"{name}.{k}", got.get(k) == v, f"got {got.get(k)!r} want {v!r}")


def encode_case(service, op_name, output, expect=None):
    sm = model(service)
    op = sm.operation_model(op_name)
    proto = sm.metadata["protocol"]
    res = tool("encode", {"service": service, "operation": op_name, "output": normalize(output),
                          "request_id": "req-123"})
    resp = {"status_code": res["status"], "headers": HTTPHeaderDict(res["headers"]),
            "body": base64.b64decode(res["body_b64"])}
    parsed = botocore.parsers.create_parser(proto).parse(resp, op.output_shape)
    name = f"encode {service}.{op_name}"
    for k, v in (expect or output).items():
        check(f"{name}.{k}", normalize(parsed.get(k)) == normalize(v),
              f"got {parsed.get(k)!r} want {v!r}")
    rid = parsed.get("ResponseMetadata", {}).get("RequestId")
    check(f"{name}.RequestId", rid == "req-123", f"got {rid!r}")


def error_case(service, code, status, message="boom", method="POST"):
    sm = model(service)
    proto = sm.metadata["protocol"]
    res = tool("error", {"service": service, "code": code, "message": message, "status": status,
                         "request_id": "req-9", "method": method})
    resp = {"status_code": res["status"], "headers": HTTPHeaderDict(res["headers"]),
            "body": base64.b64decode(res["body_b64"])}
    parsed = botocore.parsers.create_parser(proto).parse(resp, None)
    err = parsed.get("Error", {})
    name = f"error {service}.{code}"
    check(name, err.get("Code") == code and err.get("Message") == message and
          res["status"] == status, f"{parsed!r}")


UTC = datetime.timezone.utc
T = datetime.datetime(2024, 1, 15, 9, 30, tzinfo=UTC)

# (1) botocore-serialized requests decoded by us.
decode_case("iam", "iam", "CreateUser", {"UserName": "alice", "Path": "/dev/",
                                         "Tags": [{"Key": "team", "Value": "red"}]})
decode_case("iam", "iam", "ListUsers", {"PathPrefix": "/", "MaxItems": 50})
decode_case("sts", "sts", "GetCallerIdentity", {})
decode_case("sts", "sts", "AssumeRole", {"RoleArn": "arn:aws:iam::123456789012:role/demo",
                                         "RoleSessionName": "s1", "DurationSeconds": 900,
                                         "Tags": [{"Key": "a", "Value": "b"}],
                                         "TransitiveTagKeys": ["a"]})
decode_case("kms", "kms", "Encrypt", {"KeyId": "alias/k", "Plaintext": b"hello",
                                      "EncryptionContext": {"purpose": "test"}})
decode_case("kms", "kms", "CreateKey", {"Description": "d", "KeySpec": "SYMMETRIC_DEFAULT",
                                        "Tags": [{"TagKey": "a", "TagValue": "b"}],
                                        "MultiRegion": False})
decode_case("ec2", "ec2", "DescribeVpcs", {"Filters": [{"Name": "cidr", "Values": ["10.0.0.0/16",
                                                                                   "10.1.0.0/16"]}],
                                           "VpcIds": ["vpc-1", "vpc-2"], "DryRun": False})
decode_case("ec2", "ec2", "AuthorizeSecurityGroupIngress", {
    "GroupId": "sg-1", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                                          "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]})
decode_case("s3", "s3", "PutObject", {"Bucket": "bucket", "Key": "dir/a b.txt", "Body": b"data!",
                                      "Metadata": {"color": "blue"},
                                      "ServerSideEncryption": "aws:kms"}, raw=("Body",))
decode_case("s3", "s3", "ListObjectsV2", {"Bucket": "bucket", "Prefix": "dir/", "MaxKeys": 10})
decode_case("s3", "s3", "PutPublicAccessBlock", {
    "Bucket": "bucket", "PublicAccessBlockConfiguration": {"BlockPublicAcls": True,
                                                           "IgnorePublicAcls": False}})
decode_case("events", "events", "PutEvents", {"Entries": [{"Source": "app", "DetailType": "t",
                                                           "Detail": "{}", "Time": T}]})
decode_case("cloudwatch", "monitoring", "PutMetricData", {
    "Namespace": "App", "MetricData": [{"MetricName": "m", "Value": 1.5, "Timestamp": T,
                                        "Dimensions": [{"Name": "d", "Value": "v"}]}]})
decode_case("sns", "sns", "SetTopicAttributes", {"TopicArn": "arn:aws:sns:us-east-1:1:t",
                                                 "AttributeName": "Policy", "AttributeValue": "{}"})

# (2) our outputs and errors parsed by botocore.
encode_case("iam", "GetUser", {"User": {"UserName": "alice", "UserId": "AIDAEXAMPLE",
                                        "Arn": "arn:aws:iam::123456789012:user/alice", "Path": "/",
                                        "CreateDate": T,
                                        "Tags": [{"Key": "k", "Value": "v<&>"}]}})
encode_case("iam", "ListUsers", {"Users": [], "IsTruncated": False})
encode_case("sts", "GetCallerIdentity", {"UserId": "AIDA", "Account": "123456789012",
                                         "Arn": "arn:aws:iam::123456789012:user/alice"})
encode_case("kms", "Encrypt", {"KeyId": "arn:aws:kms:us-east-1:1:key/k", "CiphertextBlob": b"\x00\x01",
                               "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"})
encode_case("kms", "DescribeKey", {"KeyMetadata": {"KeyId": "k", "CreationDate": T,
                                                   "Enabled": True, "KeyState": "Enabled"}})
encode_case("ec2", "DescribeVpcs", {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                                              "IsDefault": True,
                                              "Tags": [{"Key": "Name", "Value": "main"}]}]})
encode_case("s3", "ListObjectsV2", {"Name": "bucket", "KeyCount": 1, "IsTruncated": False,
                                    "Contents": [{"Key": "a.txt", "Size": 3, "LastModified": T}]})
encode_case("s3", "GetObject", {"ContentLength": 5, "LastModified": T,
                                "Metadata": {"color": "blue"}, "ServerSideEncryption": "aws:kms"})
encode_case("s3", "GetPublicAccessBlock", {"PublicAccessBlockConfiguration": {
    "BlockPublicAcls": True, "RestrictPublicBuckets": False}})
encode_case("cloudwatch", "ListMetrics", {"Metrics": [{"Namespace": "App", "MetricName": "m",
                                                       "Dimensions": [{"Name": "d", "Value": "v"}]}]})
encode_case("events", "PutEvents", {"FailedEntryCount": 0, "Entries": [{"EventId": "e1"}]})

error_case("iam", "NoSuchEntity", 404)
error_case("sts", "AccessDenied", 403)
error_case("kms", "NotFoundException", 400)
error_case("ec2", "UnauthorizedOperation", 403)
error_case("s3", "NoSuchBucket", 404)
error_case("s3control", "NoSuchPublicAccessBlockConfiguration", 404)
error_case("events", "ResourceNotFoundException", 400)
error_case("cloudwatch", "InternalServiceError", 500)

print(f"{CHECKS} checks, {len(FAILURES)} failures")
for f in FAILURES:
    print("FAIL", f)
sys.exit(1 if FAILURES else 0)
