// Tests for CloudTrail event construction: identity per principal, redaction, errors.
#include "audit/event_builder.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace rampart::audit {
namespace {

namespace json = boost::json;

auth::Principal User() {
  auth::Principal p;
  p.type = auth::PrincipalType::kIamUser;
  p.account_id = "123456789012";
  p.arn = "arn:aws:iam::123456789012:user/alice";
  p.user_id = "AIDAEXAMPLE";
  p.name = "alice";
  p.access_key_id = "AKIAEXAMPLE";
  return p;
}

EventInput Base(const auth::Principal* p) {
  EventInput in;
  in.principal = p;
  in.event_source = "iam.amazonaws.com";
  in.event_name = "CreateAccessKey";
  in.region = "us-east-1";
  in.source_ip = "127.0.0.1";
  in.user_agent = "aws-cli/2";
  in.request_id = "req-1";
  in.event_id = "evt-1";
  in.recipient_account = "123456789012";
  in.time_ms = 1705311000123;
  return in;
}

TEST(EventBuilderTest, IamUserIdentityAndColumns) {
  auth::Principal p = User();
  EventInput in = Base(&p);
  store::AuditRecord r = BuildEvent(in);
  json::object e = json::parse(r.json).as_object();
  EXPECT_EQ(e["eventTime"], "2024-01-15T09:30:00Z");
  EXPECT_EQ(e["eventSource"], "iam.amazonaws.com");
  json::object& id = e["userIdentity"].as_object();
  EXPECT_EQ(id["type"], "IAMUser");
  EXPECT_EQ(id["userName"], "alice");
  EXPECT_EQ(id["principalId"], "AIDAEXAMPLE");
  EXPECT_EQ(r.username, "alice");
  EXPECT_EQ(r.access_key_id, "AKIAEXAMPLE");
  EXPECT_EQ(e["eventType"], "AwsApiCall");
  EXPECT_EQ(e["managementEvent"], true);
  EXPECT_TRUE(e["requestParameters"].is_null());
}

TEST(EventBuilderTest, SecretsAreRedactedEverywhere) {
  auth::Principal p = User();
  EventInput in = Base(&p);
  json::object params{{"UserName", "bob"}, {"Password", "hunter2!"}};
  json::object output{
      {"AccessKey", json::object{{"AccessKeyId", "AKIANEW"}, {"SecretAccessKey", "s3cr3t"}}}};
  in.request_parameters = &params;
  in.response_elements = &output;
  store::AuditRecord r = BuildEvent(in);
  EXPECT_EQ(r.json.find("hunter2!"), std::string::npos);
  EXPECT_EQ(r.json.find("s3cr3t"), std::string::npos);
  json::object e = json::parse(r.json).as_object();
  EXPECT_EQ(e["requestParameters"].as_object()["userName"], "bob");
  EXPECT_EQ(e["responseElements"].as_object()["accessKey"].as_object()["accessKeyId"], "AKIANEW");
}

TEST(EventBuilderTest, ReadOnlyCallsHaveNoResponseElements) {
  auth::Principal p = User();
  EventInput in = Base(&p);
  in.read_only = true;
  json::object output{{"User", json::object{{"UserName", "alice"}}}};
  in.response_elements = &output;
  json::object e = json::parse(BuildEvent(in).json).as_object();
  EXPECT_TRUE(e["responseElements"].is_null());
  EXPECT_EQ(e["readOnly"], true);
}

TEST(EventBuilderTest, FailedAuthenticationRecordsKeyAndError) {
  EventInput in = Base(nullptr);
  in.access_key_id = "AKIAUNKNOWN";
  AwsError err = AwsError::Sender("InvalidClientTokenId", "The security token is invalid.", 403);
  in.error = &err;
  store::AuditRecord r = BuildEvent(in);
  json::object e = json::parse(r.json).as_object();
  EXPECT_EQ(e["userIdentity"].as_object()["type"], "Unknown");
  EXPECT_EQ(e["userIdentity"].as_object()["accessKeyId"], "AKIAUNKNOWN");
  EXPECT_EQ(e["errorCode"], "InvalidClientTokenId");
  EXPECT_EQ(r.access_key_id, "AKIAUNKNOWN");
}

TEST(EventBuilderTest, RootAndAssumedRoleIdentities) {
  auth::Principal root;
  root.type = auth::PrincipalType::kRoot;
  root.account_id = "123456789012";
  root.arn = "arn:aws:iam::123456789012:root";
  root.user_id = "123456789012";
  EventInput in = Base(&root);
  store::AuditRecord r = BuildEvent(in);
  EXPECT_EQ(r.username, "root");
  EXPECT_EQ(json::parse(r.json).as_object()["userIdentity"].as_object()["type"], "Root");

  auth::Principal role;
  role.type = auth::PrincipalType::kAssumedRole;
  role.account_id = "123456789012";
  role.arn = "arn:aws:sts::123456789012:assumed-role/Admin/sess";
  role.role_arn = "arn:aws:iam::123456789012:role/Admin";
  role.role_name = "Admin";
  role.session_name = "sess";
  role.user_id = "AROAEXAMPLE:sess";
  role.temporary = true;
  role.mfa_authenticated = true;
  in = Base(&role);
  r = BuildEvent(in);
  json::object id = json::parse(r.json).as_object()["userIdentity"].as_object();
  EXPECT_EQ(id["type"], "AssumedRole");
  json::object ctx = id["sessionContext"].as_object();
  EXPECT_EQ(ctx["sessionIssuer"].as_object()["principalId"], "AROAEXAMPLE");
  EXPECT_EQ(ctx["sessionIssuer"].as_object()["userName"], "Admin");
  EXPECT_EQ(ctx["attributes"].as_object()["mfaAuthenticated"], "true");
  EXPECT_EQ(r.username, "sess");
}

TEST(EventBuilderTest, SecretMemberNamesAreCaseInsensitive) {
  EXPECT_TRUE(IsSecretMember("SecretAccessKey"));
  EXPECT_TRUE(IsSecretMember("PLAINTEXT"));
  EXPECT_FALSE(IsSecretMember("UserName"));
}

}  // namespace
}  // namespace rampart::audit
