// Pins our decision on every case class where the differential oracle (iam-simulate) disagrees
// with us; tests/policy/differential/allowlist.json cites the spec / AWS docs for each one.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "policy_eval_lib.h"

namespace rampart::policy {
namespace {

constexpr char kUser[] =
    R"("principal":{"type":"user","account":"111111111111","arn":"arn:aws:iam::111111111111:user/bob"})";
constexpr char kSession[] =
    R"("principal":{"type":"assumed-role","account":"111111111111","arn":"arn:aws:sts::111111111111:assumed-role/RoleA/sess1","role_arn":"arn:aws:iam::111111111111:role/RoleA"})";

std::string Decide(const std::string& body) {
  int code = -1;
  std::string out = RunPolicyEval("{" + body + "}", &code);
  EXPECT_EQ(code, 0) << out;
  boost::json::value v = boost::json::parse(out);
  return std::string(v.as_object().at("decision").as_string());
}

std::string IdentityCase(const std::string& principal, const std::string& context,
                         const std::string& statement) {
  return principal +
         R"(,"action":"sqs:SendMessage","resource":"arn:aws:sqs:us-east-1:111111111111:q","resource_account":"111111111111","context":)" +
         context + R"(,"policies":{"identity":[{"Version":"2012-10-17","Statement":[)" + statement +
         "]}]}";
}

// spec §5.3 notes (root user); AWS: the root user has full access to its account's resources.
TEST(OracleDisagreement, RootUserNeedsNoIdentityPolicy) {
  EXPECT_EQ(
      Decide(
          R"("principal":{"type":"root","account":"111111111111","arn":"arn:aws:iam::111111111111:root"},
    "action":"lambda:InvokeFunction","resource":"arn:aws:lambda:us-east-1:111111111111:function:orders",
    "resource_account":"111111111111")"),
      "Allow");
}

// spec §4.2: Date values are ISO 8601 or epoch seconds, in policies and requests.
TEST(OracleDisagreement, DatePolicyValueInEpochSeconds) {
  const std::string allow =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"1718452800"}}})";
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:CurrentTime":"2024-06-15T10:00:00Z"})", allow)),
            "Allow");
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:CurrentTime":"2024-06-15T12:00:00Z"})", allow)),
            "ImplicitDeny");
  const std::string deny =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*"},{"Effect":"Deny","Action":"sqs:*","Resource":"*","Condition":{"DateGreaterThanEquals":{"aws:EpochTime":"2024-06-15T12:00:00Z"}}})";
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:EpochTime":"1718452800"})", deny)), "ExplicitDeny");
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:EpochTime":"1718452799"})", deny)), "Allow");
}

// spec §4.4: an empty multi-valued key is a null data set.
TEST(OracleDisagreement, EmptyMultiValuedKeyIsNull) {
  const std::string not_null =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*","Condition":{"Null":{"aws:TagKeys":"false"}}})";
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:TagKeys":[]})", not_null)), "ImplicitDeny");
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:TagKeys":["a"]})", not_null)), "Allow");
  const std::string negated =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*","Condition":{"StringNotLike":{"aws:CalledVia":"athena.amazonaws.com"}}})";
  EXPECT_EQ(Decide(IdentityCase(kUser, R"({"aws:CalledVia":[]})", negated)), "Allow");
}

// spec §4.4: ...IfExists is true for an absent key, also behind ForAnyValue:.
TEST(OracleDisagreement, IfExistsWinsOverForAnyValueOnAbsentKey) {
  const std::string deny =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*"},{"Effect":"Deny","Action":"sqs:*","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"aws:CalledVia":["athena.amazonaws.com"]}}})";
  EXPECT_EQ(Decide(IdentityCase(kSession, "{}", deny)), "ExplicitDeny");
  EXPECT_EQ(Decide(IdentityCase(kSession, R"({"aws:CalledVia":["x.amazonaws.com"]})", deny)),
            "Allow");
}

// spec §4.2 IpAddress: a /0 network contains every address of its family.
TEST(OracleDisagreement, ZeroPrefixCidrMatchesEverything) {
  const std::string allow =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}})";
  EXPECT_EQ(Decide(IdentityCase(kSession, R"({"aws:SourceIp":"192.0.2.55"})", allow)), "Allow");
  EXPECT_EQ(Decide(IdentityCase(kSession, R"({"aws:SourceIp":"2001:db8::1"})", allow)),
            "ImplicitDeny");
}

// spec §3.3: a null variable is "not equal" for negated operators; a null NotResource entry
// excludes nothing.
TEST(OracleDisagreement, UnresolvedVariableInNegatedOperator) {
  const std::string deny =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*"},{"Effect":"Deny","Action":"sqs:*","Resource":"*","Condition":{"StringNotLike":{"aws:SourceVpc":["${aws:username}","vpc-111"]}}})";
  EXPECT_EQ(Decide(IdentityCase(kSession, R"({"aws:SourceVpc":"vpc-222"})", deny)), "ExplicitDeny");
  EXPECT_EQ(Decide(IdentityCase(kSession, R"({"aws:SourceVpc":"vpc-111"})", deny)), "Allow");
  const std::string not_resource =
      R"({"Effect":"Allow","Action":"sqs:*","Resource":"*"},{"Effect":"Deny","Action":"sqs:*","NotResource":"arn:aws:sqs:us-east-1:111111111111:${aws:PrincipalTag/team}"})";
  EXPECT_EQ(Decide(IdentityCase(kUser, "{}", not_resource)), "ExplicitDeny");
}

// spec §5.8: NotPrincipal+Deny exempts only callers whose every identity is listed.
TEST(OracleDisagreement, NotPrincipalDenyNeedsAccount) {
  const std::string rp =
      R"(,"action":"s3:GetObject","resource":"arn:aws:s3:::bucket-a/bob/x","resource_account":"111111111111",
      "policies":{"identity":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}],
      "resource":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":)";
  const std::string tail = R"(},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-a/*"}]}})";
  EXPECT_EQ(Decide(kUser + rp + R"("arn:aws:iam::111111111111:user/bob")" + tail), "ExplicitDeny");
  EXPECT_EQ(Decide(kUser + rp + R"(["arn:aws:iam::111111111111:user/bob","111111111111"])" + tail),
            "Allow");
}

// spec §5.3 step 4: a same-account Principal "*" grant still needs the permissions boundary.
TEST(OracleDisagreement, WildcardResourceGrantLimitedByBoundary) {
  const std::string head =
      std::string(kUser) +
      R"(,"action":"lambda:InvokeFunction","resource":"arn:aws:lambda:us-east-1:111111111111:function:orders",
    "resource_account":"111111111111","policies":{
    "boundary":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:s3:::*"}]},
    "resource":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)";
  const std::string tail =
      R"(,"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111111111111:function:orde*"}]}})";
  EXPECT_EQ(Decide(head + R"("*")" + tail), "ImplicitDeny");
  // Naming the user itself bypasses the boundary's implicit deny.
  EXPECT_EQ(Decide(head + R"({"AWS":"arn:aws:iam::111111111111:user/bob"})" + tail), "Allow");
}

// spec §5.3 notes, §5.7: a grant to the session ARN is not limited by the session policy.
TEST(OracleDisagreement, SessionArnGrantBypassesSessionPolicy) {
  const std::string head =
      std::string(kSession) +
      R"(,"action":"dynamodb:PutItem","resource":"arn:aws:dynamodb:us-east-1:111111111111:table/t",
    "resource_account":"111111111111","policies":{
    "session":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:*","Resource":"*"}]}],
    "resource":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":)";
  const std::string tail = R"(},"Action":"dynamodb:PutItem","Resource":"*"}]}})";
  EXPECT_EQ(Decide(head + R"("arn:aws:sts::111111111111:assumed-role/RoleA/sess1")" + tail),
            "Allow");
  // The role ARN is limited by the session policy.
  EXPECT_EQ(Decide(head + R"("arn:aws:iam::111111111111:role/RoleA")" + tail), "ImplicitDeny");
}

}  // namespace
}  // namespace rampart::policy
