"""Signs raw IAM/STS query requests with botocore's own signers, at any chosen time."""

import datetime
import urllib.parse
from unittest import mock

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from fixture import REGION

FORM_TYPE = "application/x-www-form-urlencoded; charset=utf-8"
VERSIONS = {"iam": "2010-05-08", "sts": "2011-06-15"}


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def at_time(when):
    """Context manager: botocore signs as if the clock read `when` (naive UTC)."""
    return mock.patch("botocore.auth.get_current_datetime", return_value=when)


def sign_form(endpoint, service, action, key, secret, params=None, signing_service=None,
              when=None, region=REGION):
    """A header-signed POST form request; returns (headers dict, body bytes)."""
    form = {"Action": action, "Version": VERSIONS[service]}
    form.update(params or {})
    body = urllib.parse.urlencode(form).encode()
    req = AWSRequest(method="POST", url=endpoint + "/", data=body,
                     headers={"Content-Type": FORM_TYPE})
    signer = SigV4Auth(Credentials(key, secret), signing_service or service, region)
    with at_time(when or utcnow()):
        signer.add_auth(req)
    headers = {k: v for k, v in req.headers.items()}
    return headers, body


def presign_get(endpoint, key, secret, expires=900, when=None, extra_headers=None,
                service="sts", action="GetCallerIdentity"):
    """A presigned GET URL path (path+query) for a query action, and the headers to send."""
    query = urllib.parse.urlencode({"Action": action, "Version": VERSIONS[service]})
    req = AWSRequest(method="GET", url=f"{endpoint}/?{query}",
                     headers=dict(extra_headers or {}))
    signer = SigV4QueryAuth(Credentials(key, secret), service, REGION, expires=expires)
    with at_time(when or utcnow()):
        signer.add_auth(req)
    split = urllib.parse.urlsplit(req.url)
    return f"{split.path or '/'}?{split.query}", dict(extra_headers or {})


def alter_signature(path):
    """The same presigned path with the last hex digit of X-Amz-Signature changed."""
    split = urllib.parse.urlsplit(path)
    pairs = urllib.parse.parse_qsl(split.query, keep_blank_values=True)
    out = []
    for name, value in pairs:
        if name == "X-Amz-Signature":
            value = value[:-1] + ("0" if value[-1] != "0" else "1")
        out.append((name, value))
    return f"{split.path}?{urllib.parse.urlencode(out)}"
