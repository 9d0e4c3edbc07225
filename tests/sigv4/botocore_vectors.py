#!/usr/bin/env python3
"""Signs a fixed set of requests with botocore and prints them as JSON fixtures.

Run at build time by tests/sigv4/CMakeLists.txt; botocore_test.cc verifies every case with
rampart's verifier and compares rampart's signer output with botocore's.
"""
import datetime
import json
import sys

try:
    import botocore
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    json.dump({"skipped": "botocore is not importable"}, sys.stdout)
    sys.exit(0)

AKID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "FQoGZXIvYXdzEXAMPLETOKEN/with+chars="
NOW = datetime.datetime(2024, 1, 15, 9, 30, 0)
botocore.auth.get_current_datetime = lambda *a, **k: NOW


def case(name, signer, service, region, method, url, headers, body="", token=None,
         s3=False, resign=True, expires=None):
    creds = Credentials(AKID, SECRET, token)
    if expires is None:
        auth = signer(creds, service, region)
    else:
        auth = signer(creds, service, region, expires=expires)
    host = url.split("/")[2]
    req = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
    req.headers["Host"] = host
    unsigned = [[k, v] for k, v in req.headers.items()]
    auth.add_auth(req)
    prepared = req.prepare()
    target = prepared.url.split(host, 1)[1] or "/"
    return {
        "name": name,
        "service": service,
        "region": region,
        "s3": s3,
        "presigned": expires is not None,
        "resign": resign,
        "method": method,
        "token": token or "",
        "unsigned_target": url.split(host, 1)[1] or "/",
        "unsigned_headers": unsigned,
        "target": target,
        "headers": [[k, v] for k, v in prepared.headers.items()],
        "body": body if isinstance(body, str) else body.decode(),
    }


def main():
    v4 = botocore.auth.SigV4Auth
    s3 = botocore.auth.S3SigV4Auth
    q4 = botocore.auth.SigV4QueryAuth
    s3q = botocore.auth.S3SigV4QueryAuth
    form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    cases = [
        case("sts_get_caller_identity", v4, "sts", "us-east-1", "POST",
             "https://sts.us-east-1.amazonaws.com/", form,
             "Action=GetCallerIdentity&Version=2011-06-15"),
        case("iam_with_session_token", v4, "iam", "us-east-1", "POST",
             "https://iam.amazonaws.com/", form,
             "Action=ListUsers&Version=2010-05-08&MaxItems=10", token=TOKEN),
        case("kms_json", v4, "kms", "eu-west-1", "POST", "https://kms.eu-west-1.amazonaws.com/",
             {"Content-Type": "application/x-amz-json-1.1",
              "X-Amz-Target": "TrentService.ListKeys"}, '{"Limit": 5}'),
        case("ec2_get_query", v4, "ec2", "us-west-2", "GET",
             "https://ec2.us-west-2.amazonaws.com/?Version=2016-11-15&Action=DescribeVpcs"
             "&Filter.1.Name=tag%3AName&Filter.1.Value.1=a%20b%2Fc~d", {}),
        case("non_s3_dot_segments", v4, "monitoring", "us-east-1", "POST",
             "https://monitoring.us-east-1.amazonaws.com/service/a%20b/./c%2Fd//e", 
             {"Content-Type": "application/cbor", "Smithy-Protocol": "rpc-v2-cbor"}, "x"),
        case("whitespace_header", v4, "events", "us-east-1", "POST",
             "https://events.us-east-1.amazonaws.com/",
             {"X-Custom": "  a   b\t c  ", "Content-Type": "application/x-amz-json-1.1"}, "{}"),
        case("s3_put_object", s3, "s3", "us-east-1", "PUT",
             "http://examplebucket.s3.amazonaws.com/photos/a%2Bb%20c.jpg",
             {"Content-Type": "image/jpeg", "x-amz-meta-owner": "me"}, "jpeg-bytes", s3=True),
        case("s3_get_with_token", s3, "s3", "us-east-1", "GET",
             "https://examplebucket.s3.amazonaws.com/dir/key~1?list-type=2&prefix=a%2Fb",
             {}, token=TOKEN, s3=True),
        case("s3_presigned_get", s3q, "s3", "us-east-1", "GET",
             "https://examplebucket.s3.amazonaws.com/photos/a%2Bb%20c.jpg", {}, s3=True,
             token=TOKEN, expires=3600),
        case("sts_presigned_get_caller_identity", q4, "sts", "us-east-1", "GET",
             "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
             {"x-k8s-aws-id": "my-cluster"}, expires=60),
    ]
    json.dump({"botocore": botocore.__version__, "secret": SECRET, "epoch": 1705311000,
               "cases": cases}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
