// Drives a running rampart server (RAMPART_ENDPOINT) with the AWS SDK for JavaScript v3.
import { test } from "node:test";
import assert from "node:assert/strict";

import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import {
  IAMClient,
  CreateUserCommand,
  GetUserCommand,
  ListUsersCommand,
  DeleteUserCommand,
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
} from "@aws-sdk/client-iam";

const endpoint = process.env.RAMPART_ENDPOINT;
const account = process.env.RAMPART_ACCOUNT ?? "000000000000";
if (!endpoint) throw new Error("RAMPART_ENDPOINT is not set");

function config(accessKeyId = "test", secretAccessKey = "test") {
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  };
}

// `code` is the wire error code; the SDK names modeled errors after their shape (`name`).
async function rejects(promise, code, status, name = code) {
  try {
    await promise;
  } catch (err) {
    assert.equal(err.Code, code, `${err.name}: ${err.message}`);
    assert.equal(err.name, name);
    assert.equal(err.$metadata?.httpStatusCode, status);
    assert.ok(err.$metadata?.requestId, "error carries a request id");
    return err;
  }
  assert.fail(`expected ${code}`);
}

test("GetCallerIdentity as root", async () => {
  const out = await new STSClient(config()).send(new GetCallerIdentityCommand({}));
  assert.equal(out.Arn, `arn:aws:iam::${account}:root`);
  assert.equal(out.Account, account);
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.ok(out.$metadata.requestId);
});

test("CreateUser / GetUser / ListUsers / DeleteUser", async () => {
  const iam = new IAMClient(config());
  const name = `js-user-${process.pid}`;
  const created = await iam.send(new CreateUserCommand({ UserName: name }));
  assert.equal(created.User.UserName, name);
  assert.equal(created.User.Arn, `arn:aws:iam::${account}:user/${name}`);
  assert.ok(created.User.CreateDate instanceof Date);
  assert.ok(Math.abs(created.User.CreateDate.getTime() - Date.now()) < 5 * 60 * 1000);

  const got = await iam.send(new GetUserCommand({ UserName: name }));
  assert.equal(got.User.UserId, created.User.UserId);

  const listed = await iam.send(new ListUsersCommand({}));
  assert.ok(listed.Users.some((u) => u.UserName === name));
  assert.equal(listed.IsTruncated, false);

  await rejects(iam.send(new CreateUserCommand({ UserName: name })), "EntityAlreadyExists", 409,
    "EntityAlreadyExistsException");

  // The user's own key works for STS.
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
  const me = await new STSClient(config(key.AccessKeyId, key.SecretAccessKey)).send(
    new GetCallerIdentityCommand({}),
  );
  assert.equal(me.Arn, created.User.Arn);
  await iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: key.AccessKeyId }));

  await iam.send(new DeleteUserCommand({ UserName: name }));
  await rejects(iam.send(new GetUserCommand({ UserName: name })), "NoSuchEntity", 404,
    "NoSuchEntityException");
});

test("unknown access key is InvalidClientTokenId", async () => {
  const sts = new STSClient(config("AKIAUNKNOWNJS0000000", "secret"));
  await rejects(sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
});

test("wrong secret is SignatureDoesNotMatch", async () => {
  const iam = new IAMClient(config("test", "not-the-secret"));
  const err = await rejects(iam.send(new ListUsersCommand({})), "SignatureDoesNotMatch", 403);
  assert.match(err.message, /signature we calculated does not match/);
});
