// Tests for the enforcer: resource templates, aws:* context keys and the root-only decider.
#include "authz/enforcer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "authz/policy_decider.h"

namespace rampart::authz {
namespace {

auth::Principal Principal(auth::PrincipalType type) {
  auth::Principal p;
  p.type = type;
  p.account_id = "123456789012";
  p.arn = type == auth::PrincipalType::kRoot ? "arn:aws:iam::123456789012:root"
                                             : "arn:aws:iam::123456789012:user/alice";
  p.user_id = type == auth::PrincipalType::kRoot ? "123456789012" : "AIDAEXAMPLE";
  p.name = "alice";
  return p;
}

const std::vector<std::string>* Values(const ConditionValues& ctx, std::string_view key) {
  for (const auto& [k, v] : ctx)
    if (k == key) return &v;
  return nullptr;
}

TEST(OperationAuthTest, TemplateExpandsContextAndMembers) {
  auth::Principal p = Principal(auth::PrincipalType::kRoot);
  boost::json::object input{{"UserName", "bob"}, {"Path", "/eng/"}};
  ResolveInput in{p, input, "123456789012", "eu-west-1", "aws"};
  EXPECT_EQ(ExpandTemplate("arn:${Partition}:iam::${Account}:user${Path}${UserName}", in),
            "arn:aws:iam::123456789012:user/eng/bob");
  boost::json::object empty;
  ResolveInput in2{p, empty, "123456789012", "eu-west-1", "aws"};
  EXPECT_EQ(ExpandTemplate("arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", in2),
            "arn:aws:kms:eu-west-1:123456789012:key/*");
  EXPECT_EQ(ExpandTemplate("arn:${Partition}:iam::${Account}:user${Path}${UserName}", in2),
            "arn:aws:iam::123456789012:user/*");
}

TEST(EnforcerTest, GlobalKeysDescribePrincipalAndRequest) {
  auth::Principal p = Principal(auth::PrincipalType::kIamUser);
  p.tags = {{"team", "blue"}};
  boost::json::object input;
  ResolveInput in{p, input, "123456789012", "us-east-1", "aws"};
  RequestFacts facts{"10.1.2.3", "boto3/1.43", true, "us-east-1",
                     Clock::TimePoint(std::chrono::seconds(1705311000))};
  OperationAuth op{.operation = "GetUser", .action = "iam:GetUser"};
  ConditionValues ctx = Enforcer::BuildContext(op, in, facts);
  EXPECT_EQ(Values(ctx, "aws:SourceIp")->at(0), "10.1.2.3");
  EXPECT_EQ(Values(ctx, "aws:SecureTransport")->at(0), "true");
  EXPECT_EQ(Values(ctx, "aws:username")->at(0), "alice");
  EXPECT_EQ(Values(ctx, "aws:PrincipalType")->at(0), "User");
  EXPECT_EQ(Values(ctx, "aws:PrincipalTag/team")->at(0), "blue");
  EXPECT_EQ(Values(ctx, "aws:CurrentTime")->at(0), "2024-01-15T09:30:00Z");
  EXPECT_EQ(Values(ctx, "aws:EpochTime")->at(0), "1705311000");
  EXPECT_EQ(Values(ctx, "aws:TokenIssueTime"), nullptr);  // long-term credentials
}

class RecordingDecider : public Decider {
 public:
  AuthzDecision Decide(const AuthzRequest& r) override {
    ++calls;
    last_action = std::string(r.action);
    last_resources = r.resources;
    return {Outcome::kImplicitDeny, "denied"};
  }
  int calls = 0;
  std::string last_action;
  std::vector<std::string> last_resources;
};

TEST(EnforcerTest, AlwaysAllowedSkipsDeciderOthersAskIt) {
  RecordingDecider decider;
  Enforcer enforcer(decider);
  auth::Principal p = Principal(auth::PrincipalType::kIamUser);
  boost::json::object input{{"UserName", "bob"}};
  ResolveInput in{p, input, "123456789012", "us-east-1", "aws"};
  RequestFacts facts{};
  OperationAuth always{.operation = "GetCallerIdentity",
                       .action = "sts:GetCallerIdentity",
                       .mode = AuthMode::kAlwaysAllowed};
  EXPECT_TRUE(enforcer.Authorize(always, in, facts).allowed());
  EXPECT_EQ(decider.calls, 0);
  OperationAuth del{.operation = "DeleteUser",
                    .action = "iam:DeleteUser",
                    .resources = {"arn:${Partition}:iam::${Account}:user${Path}${UserName}"}};
  EXPECT_FALSE(enforcer.Authorize(del, in, facts).allowed());
  EXPECT_EQ(decider.calls, 1);
  EXPECT_EQ(decider.last_action, "iam:DeleteUser");
  EXPECT_EQ(decider.last_resources.at(0), "arn:aws:iam::123456789012:user/bob");
}

class FixedSource : public PolicySource {
 public:
  std::shared_ptr<const policy::PolicySet> ForPrincipal(const auth::Principal&) override {
    return set;
  }
  std::shared_ptr<policy::PolicySet> set = std::make_shared<policy::PolicySet>();
};

TEST(PolicyDeciderTest, RootOfOwnAccountUsersByPolicy) {
  FixedSource source;
  PolicyDecider d(source);
  std::vector<std::string> res{"arn:aws:iam::123456789012:user/bob"};
  ConditionValues ctx;
  auth::Principal root = Principal(auth::PrincipalType::kRoot);
  EXPECT_TRUE(d.Decide({root, "iam:DeleteUser", res, ctx, "123456789012"}).allowed());
  auth::Principal user = Principal(auth::PrincipalType::kIamUser);
  AuthzDecision denied = d.Decide({user, "iam:DeleteUser", res, ctx, "123456789012"});
  EXPECT_EQ(denied.outcome, Outcome::kImplicitDeny);
  EXPECT_EQ(denied.message,
            "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: "
            "iam:DeleteUser on resource: arn:aws:iam::123456789012:user/bob because no "
            "identity-based policy allows the iam:DeleteUser action");

  auto allow = policy::ParsePolicy(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*User",)"
      R"("Resource":"arn:aws:iam::123456789012:user/b*"},{"Effect":"Deny","Action":"iam:*",)"
      R"("Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]})",
      policy::PolicyType::kIdentity);
  ASSERT_TRUE(allow.ok());
  source.set->identity.push_back({allow.value(), "user/alice/p", "p"});
  ConditionValues tls{{"aws:SecureTransport", {"true"}}};
  EXPECT_TRUE(d.Decide({user, "iam:DeleteUser", res, tls, "123456789012"}).allowed());
  std::vector<std::string> other{"arn:aws:iam::123456789012:user/carol"};
  EXPECT_FALSE(d.Decide({user, "iam:DeleteUser", other, tls, "123456789012"}).allowed());
  ConditionValues plain{{"aws:SecureTransport", {"false"}}};
  AuthzDecision explicit_deny = d.Decide({user, "iam:DeleteUser", res, plain, "123456789012"});
  EXPECT_EQ(explicit_deny.outcome, Outcome::kExplicitDeny);
  EXPECT_NE(explicit_deny.message.find("explicit deny"), std::string::npos)
      << explicit_deny.message;
}

}  // namespace
}  // namespace rampart::authz
