// The decision algorithm (§5.3), the decision table (§5.4), SCP/RCP, KMS, trust, S3, messages.
#include "policy/policy.h"
#include "test_util.h"

namespace rampart::policy::testing {
namespace {

const std::string kBucket = "arn:aws:s3:::b/k";
const std::string kAllowS3 = Allow(R"("s3:GetObject")");
const std::string kDenyS3 = Deny(R"("s3:GetObject")");
const std::string kAllowOther = Allow(R"("s3:PutObject")");

std::string Rbp(const std::string& principal, const std::string& effect = "Allow",
                const std::string& action = "s3:GetObject") {
  return R"({"Version":"2012-10-17","Statement":{"Sid":"R1","Effect":")" + effect +
         R"(","Principal":)" + principal + R"(,"Action":")" + action + R"(","Resource":"*"}})";
}

RequestContext Req(Principal p, std::string resource_account = kAcct,
                   std::string action = "s3:GetObject", std::string resource = kBucket) {
  RequestContext ctx;
  ctx.principal = std::move(p);
  ctx.action = std::move(action);
  ctx.resource = std::move(resource);
  ctx.resource_account = std::move(resource_account);
  return ctx;
}

// ---- §5.4 decision table, one test per row ----
struct Row {
  const char* name;
  PolicySet set;
  RequestContext ctx;
  Outcome outcome;
  std::optional<PolicyType> by;
};
std::ostream& operator<<(std::ostream& os, const Row& r) { return os << r.name; }

PolicySet With(std::vector<std::string> identity, std::optional<std::string> rbp = std::nullopt,
               std::optional<std::string> boundary = std::nullopt,
               std::optional<std::vector<std::string>> session = std::nullopt,
               ResourceMode mode = ResourceMode::kNormal) {
  PolicySet s;
  for (auto& j : identity) s.identity.push_back(Ref(j, PolicyType::kIdentity, "id"));
  if (rbp) {
    s.resource_policy = Ref(
        *rbp, mode == ResourceMode::kRoleTrust ? PolicyType::kTrust : PolicyType::kResource, "rbp");
  }
  if (boundary) s.boundary = Ref(*boundary, PolicyType::kBoundary, "pb");
  if (session) {
    s.session_policies_apply = true;
    for (auto& j : *session) s.session.push_back(Ref(j, PolicyType::kSession, "sp"));
  }
  s.mode = mode;
  return s;
}

PolicySet WithScp(PolicySet s, std::vector<std::vector<std::string>> levels) {
  for (auto& level : levels) {
    s.scp_levels.emplace_back();
    for (auto& j : level) s.scp_levels.back().push_back(Ref(j, PolicyType::kScp, "scp"));
  }
  return s;
}

const std::string kUserArn = R"({"AWS":"arn:aws:iam::123456789012:user/alice"})";
const std::string kRoleArn = R"({"AWS":"arn:aws:iam::123456789012:role/R"})";
const std::string kSessionArn = R"({"AWS":"arn:aws:sts::123456789012:assumed-role/R/S"})";
const std::string kFedArn = R"({"AWS":"arn:aws:sts::123456789012:federated-user/fed"})";
const std::string kAccountP = R"({"AWS":"123456789012"})";
const std::string kRootP = R"({"AWS":"arn:aws:iam::123456789012:root"})";
const std::string kOtherAccountP = R"({"AWS":"210987654321"})";
const std::string kKms = R"("kms:Decrypt")";
const std::string kKey = "arn:aws:kms:us-east-1:123456789012:key/k1";

std::string KeyPolicy(const std::string& principal) {
  return R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":)" + principal +
         R"(,"Action":"kms:*","Resource":"*"}})";
}
std::string TrustPolicy(const std::string& principal) {
  return R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":)" + principal +
         R"(,"Action":"sts:AssumeRole"}})";
}
const std::string kRoleTarget = "arn:aws:iam::123456789012:role/Target";

std::vector<Row> Rows() {
  using O = Outcome;
  using T = PolicyType;
  std::vector<Row> r;
  r.push_back({"S5_4_row1_explicit_deny_identity", With({kAllowS3, kDenyS3}), Req(User()),
               O::kExplicitDeny, T::kIdentity});
  r.push_back({"S5_4_row1_explicit_deny_resource", With({kAllowS3}, Rbp(R"("*")", "Deny")),
               Req(User()), O::kExplicitDeny, T::kResource});
  r.push_back({"S5_4_row1_explicit_deny_boundary", With({kAllowS3}, std::nullopt, kDenyS3),
               Req(User()), O::kExplicitDeny, T::kBoundary});
  r.push_back({"S5_4_row1_explicit_deny_session",
               With({kAllowS3}, std::nullopt, std::nullopt, std::vector{kDenyS3}),
               Req(RoleSession()), O::kExplicitDeny, T::kSession});
  r.push_back({"S5_4_row1_deny_beats_direct_grant", With({kDenyS3}, Rbp(kUserArn)), Req(User()),
               O::kExplicitDeny, T::kIdentity});
  r.push_back({"S5_4_row2_scp_level_without_allow",
               WithScp(With({kAllowS3}), {{Allow()}, {kAllowOther}}), Req(User()), O::kImplicitDeny,
               T::kScp});
  r.push_back({"S5_4_row2_scp_explicit_deny", WithScp(With({kAllowS3}), {{Allow(), kDenyS3}}),
               Req(User()), O::kExplicitDeny, T::kScp});
  r.push_back(
      {"S5_4_row3_identity_allows", With({kAllowS3}), Req(User()), O::kAllow, T::kIdentity});
  r.push_back({"S5_4_row4_boundary_missing", With({kAllowS3}, std::nullopt, kAllowOther),
               Req(User()), O::kImplicitDeny, T::kBoundary});
  r.push_back({"S5_4_row4b_boundary_allows", With({kAllowS3}, std::nullopt, kAllowS3), Req(User()),
               O::kAllow, T::kIdentity});
  r.push_back({"S5_4_row5_session_missing",
               With({kAllowS3}, std::nullopt, std::nullopt, std::vector{kAllowOther}),
               Req(RoleSession()), O::kImplicitDeny, T::kSession});
  r.push_back({"S5_4_row5b_session_allows",
               With({kAllowS3}, std::nullopt, std::nullopt, std::vector{kAllowS3}),
               Req(RoleSession()), O::kAllow, T::kIdentity});
  r.push_back({"S5_4_row6_named_user_bypasses_identity_and_boundary",
               With({}, Rbp(kUserArn), kAllowOther), Req(User()), O::kAllow, T::kResource});
  r.push_back({"S5_4_row7_named_session_bypasses_all",
               With({}, Rbp(kSessionArn), kAllowOther, std::vector{kAllowOther}),
               Req(RoleSession()), O::kAllow, T::kResource});
  r.push_back({"S5_4_row8_role_arn_grants_session", With({}, Rbp(kRoleArn)), Req(RoleSession()),
               O::kAllow, T::kResource});
  r.push_back({"S5_4_row9_role_arn_limited_by_boundary", With({}, Rbp(kRoleArn), kAllowOther),
               Req(RoleSession()), O::kImplicitDeny, T::kBoundary});
  r.push_back({"S5_4_row10_role_arn_limited_by_session",
               With({}, Rbp(kRoleArn), std::nullopt, std::vector{kAllowOther}), Req(RoleSession()),
               O::kImplicitDeny, T::kSession});
  r.push_back({"S5_4_row11_federated_arn_direct",
               With({}, Rbp(kFedArn), kAllowOther, std::vector<std::string>{}), Req(Federated()),
               O::kAllow, T::kResource});
  r.push_back({"S5_4_row12_parent_user_limited_by_session",
               With({kAllowS3}, Rbp(kUserArn), std::nullopt, std::vector<std::string>{}),
               Req(Federated()), O::kImplicitDeny, T::kSession});
  r.push_back({"S5_4_row12b_parent_user_with_session_allow",
               With({}, Rbp(kUserArn), std::nullopt, std::vector{kAllowS3}), Req(Federated()),
               O::kAllow, T::kResource});
  r.push_back({"S5_4_row13_account_principal_needs_identity", With({}, Rbp(kAccountP)), Req(User()),
               O::kImplicitDeny, T::kIdentity});
  r.push_back(
      {"S5_4_row14_kms_without_root_delegation",
       With({Allow(kKms)},
            KeyPolicy(kUserArn.substr(0, 0) + R"({"AWS":"arn:aws:iam::123456789012:user/bob"})"),
            std::nullopt, std::nullopt, ResourceMode::kKmsKey),
       Req(User(), kAcct, "kms:Decrypt", kKey), O::kImplicitDeny, T::kResource});
  r.push_back({"S5_4_row14b_kms_no_key_policy_statement_for_admin",
               With({Allow()}, KeyPolicy(R"({"Service":"logs.amazonaws.com"})"), std::nullopt,
                    std::nullopt, ResourceMode::kKmsKey),
               Req(User(), kAcct, "kms:Decrypt", kKey), O::kImplicitDeny, T::kResource});
  r.push_back(
      {"S5_4_row15_kms_root_delegation",
       With({Allow(kKms)}, KeyPolicy(kRootP), std::nullopt, std::nullopt, ResourceMode::kKmsKey),
       Req(User(), kAcct, "kms:Decrypt", kKey), O::kAllow, T::kResource});
  r.push_back({"S5_9_kms_root_delegation_without_identity",
               With({}, KeyPolicy(kRootP), std::nullopt, std::nullopt, ResourceMode::kKmsKey),
               Req(User(), kAcct, "kms:Decrypt", kKey), O::kImplicitDeny, T::kIdentity});
  r.push_back({"S5_9_kms_key_policy_names_user",
               With({}, KeyPolicy(kUserArn), std::nullopt, std::nullopt, ResourceMode::kKmsKey),
               Req(User(), kAcct, "kms:Decrypt", kKey), O::kAllow, T::kResource});
  r.push_back({"S5_9_kms_root_user_with_delegation",
               With({}, KeyPolicy(kRootP), std::nullopt, std::nullopt, ResourceMode::kKmsKey),
               Req(Root(), kAcct, "kms:Decrypt", kKey), O::kAllow, T::kResource});
  r.push_back({"S5_9_kms_cross_account_both_sides",
               With({Allow(kKms)}, KeyPolicy(R"({"AWS":"210987654321"})"), std::nullopt,
                    std::nullopt, ResourceMode::kKmsKey),
               Req(User("alice", kOther), kAcct, "kms:Decrypt", kKey), O::kAllow, T::kResource});
  r.push_back({"S5_4_row16_trust_missing_even_admin",
               With({Allow()}, TrustPolicy(R"({"AWS":"arn:aws:iam::123456789012:user/bob"})"),
                    std::nullopt, std::nullopt, ResourceMode::kRoleTrust),
               Req(User(), kAcct, "sts:AssumeRole", kRoleTarget), O::kImplicitDeny, T::kTrust});
  r.push_back(
      {"S5_4_row17_trust_names_caller",
       With({}, TrustPolicy(kUserArn), std::nullopt, std::nullopt, ResourceMode::kRoleTrust),
       Req(User(), kAcct, "sts:AssumeRole", kRoleTarget), O::kAllow, T::kTrust});
  r.push_back(
      {"S5_4_row18_trust_names_account_needs_identity",
       With({}, TrustPolicy(kAccountP), std::nullopt, std::nullopt, ResourceMode::kRoleTrust),
       Req(User(), kAcct, "sts:AssumeRole", kRoleTarget), O::kImplicitDeny, T::kIdentity});
  r.push_back({"S5_4_row18b_trust_account_plus_identity",
               With({Allow(R"("sts:AssumeRole")")}, TrustPolicy(kAccountP), std::nullopt,
                    std::nullopt, ResourceMode::kRoleTrust),
               Req(User(), kAcct, "sts:AssumeRole", kRoleTarget), O::kAllow, T::kTrust});
  r.push_back(
      {"S5_10_trust_explicit_deny",
       With(
           {Allow()},
           R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"},)"
           R"({"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole"}]})",
           std::nullopt, std::nullopt, ResourceMode::kRoleTrust),
       Req(User(), kAcct, "sts:AssumeRole", kRoleTarget), O::kExplicitDeny, T::kTrust});
  r.push_back({"S5_10_trust_cross_account",
               With({Allow(R"("sts:AssumeRole")")}, TrustPolicy(R"({"AWS":"210987654321"})"),
                    std::nullopt, std::nullopt, ResourceMode::kRoleTrust),
               Req(User("alice", kOther), kAcct, "sts:AssumeRole", kRoleTarget), O::kAllow,
               T::kTrust});
  r.push_back({"S5_10_trust_service_principal",
               With({}, TrustPolicy(R"({"Service":"ec2.amazonaws.com"})"), std::nullopt,
                    std::nullopt, ResourceMode::kRoleTrust),
               Req(Service("ec2.amazonaws.com"), kAcct, "sts:AssumeRole", kRoleTarget), O::kAllow,
               T::kTrust});
  r.push_back({"S5_4_row19_cross_account_both", With({kAllowS3}, Rbp(kOtherAccountP)),
               Req(User("alice", kOther)), O::kAllow, T::kResource});
  r.push_back({"S5_4_row19b_cross_account_named_user",
               With({kAllowS3}, Rbp(R"({"AWS":"arn:aws:iam::210987654321:user/alice"})")),
               Req(User("alice", kOther)), O::kAllow, T::kResource});
  r.push_back({"S5_4_row20_cross_account_no_identity", With({}, Rbp(kOtherAccountP)),
               Req(User("alice", kOther)), O::kImplicitDeny, T::kIdentity});
  r.push_back({"S5_4_row20b_cross_account_named_user_no_identity",
               With({}, Rbp(R"({"AWS":"arn:aws:iam::210987654321:user/alice"})")),
               Req(User("alice", kOther)), O::kImplicitDeny, T::kIdentity});
  r.push_back({"S5_4_row21_cross_account_no_resource", With({kAllowS3}), Req(User("alice", kOther)),
               O::kImplicitDeny, T::kResource});
  r.push_back({"S5_6_cross_account_boundary_applies",
               With({kAllowS3}, Rbp(kOtherAccountP), kAllowOther), Req(User("alice", kOther)),
               O::kImplicitDeny, T::kBoundary});
  r.push_back({"S5_4_row22_anonymous_public", With({}, Rbp(R"("*")")), Req(Anonymous()), O::kAllow,
               T::kResource});
  r.push_back({"S5_4_row22b_anonymous_account_grant", With({}, Rbp(kAccountP)), Req(Anonymous()),
               O::kImplicitDeny, T::kResource});
  r.push_back({"S5_4_row22c_anonymous_no_policy", With({}), Req(Anonymous()), O::kImplicitDeny,
               T::kResource});
  r.push_back({"S5_4_row23_service_principal",
               With({}, Rbp(R"({"Service":"cloudtrail.amazonaws.com"})")),
               Req(Service("cloudtrail.amazonaws.com")), O::kAllow, T::kResource});
  r.push_back({"S5_4_row23b_service_principal_not_named",
               With({}, Rbp(R"({"Service":"config.amazonaws.com"})")),
               Req(Service("cloudtrail.amazonaws.com")), O::kImplicitDeny, T::kResource});
  r.push_back({"S5_4_row24_root_own_account", With({}), Req(Root()), O::kAllow, T::kIdentity});
  r.push_back({"S5_4_row24b_root_scp_applies", WithScp(With({}), {{kAllowOther}}), Req(Root()),
               O::kImplicitDeny, T::kScp});
  r.push_back({"S5_4_row25_root_resource_deny", With({}, Rbp(kRootP, "Deny")), Req(Root()),
               O::kExplicitDeny, T::kResource});
  r.push_back({"S5_4_row25b_root_cross_account_needs_grant", With({}), Req(Root(kOther)),
               O::kImplicitDeny, T::kResource});
  r.push_back({"S5_4_row26_nothing_allows", With({kAllowOther}), Req(User()), O::kImplicitDeny,
               T::kIdentity});
  r.push_back(
      {"S5_4_row26b_no_policies", With({}), Req(RoleSession()), O::kImplicitDeny, T::kIdentity});
  r.push_back({"S5_4_wildcard_rbp_same_account_user", With({}, Rbp(R"("*")")), Req(User()),
               O::kAllow, T::kResource});
  r.push_back({"S5_4_wildcard_rbp_limited_by_boundary", With({}, Rbp(R"("*")"), kAllowOther),
               Req(User()), O::kImplicitDeny, T::kBoundary});
  r.push_back({"S5_7_federation_without_session_policy_has_nothing",
               With({kAllowS3}, std::nullopt, std::nullopt, std::vector<std::string>{}),
               Req(Federated()), O::kImplicitDeny, T::kSession});
  r.push_back({"S5_7_session_intersection",
               With({kAllowS3}, std::nullopt, std::nullopt, std::vector{Allow(R"("s3:*")")}),
               Req(RoleSession()), O::kAllow, T::kIdentity});
  r.push_back({"S5_7_multiple_session_policies_union",
               With({kAllowS3}, std::nullopt, std::nullopt, std::vector{kAllowOther, kAllowS3}),
               Req(RoleSession()), O::kAllow, T::kIdentity});
  return r;
}

class DecisionTable : public ::testing::TestWithParam<Row> {};
TEST_P(DecisionTable, Decides) {
  const Row& row = GetParam();
  Decision d = Evaluate(row.set, row.ctx);
  EXPECT_EQ(OutcomeName(d.outcome), OutcomeName(row.outcome));
  ASSERT_EQ(d.decided_by.has_value(), row.by.has_value());
  if (row.by) {
    EXPECT_EQ(PolicyTypeName(*d.decided_by), PolicyTypeName(*row.by));
  }
}
INSTANTIATE_TEST_SUITE_P(Spec, DecisionTable, ::testing::ValuesIn(Rows()),
                         [](const auto& i) { return SafeName(i.param.name); });

// ---- §5.3 step 0 fixed exceptions ----
TEST(FixedExceptions, S5_3_GetCallerIdentityCannotBeDenied) {
  PolicySet set = With({Deny()});
  Decision d = Evaluate(set, Req(User(), kAcct, "sts:GetCallerIdentity", "*"));
  EXPECT_TRUE(d.allowed());
  EXPECT_FALSE(d.decided_by.has_value());
  EXPECT_FALSE(Evaluate(set, Req(Anonymous(), kAcct, "sts:GetCallerIdentity", "*")).allowed());
}
TEST(FixedExceptions, S5_3_GetSessionTokenNotPolicyControlled) {
  EXPECT_TRUE(Evaluate(With({}), Req(User(), kAcct, "sts:GetSessionToken", "*")).allowed());
}

// ---- §5.5 SCPs and RCPs ----
TEST(Scp, S5_5_EveryLevelNeedsAllow) {
  PolicySet s = WithScp(With({kAllowS3}), {{Allow()}, {Allow(R"("s3:*")")}, {Allow()}});
  EXPECT_TRUE(Evaluate(s, Req(User())).allowed());
  s = WithScp(With({kAllowS3}), {{Allow()}, {Allow(R"("s3:*")")}, {Allow(R"("iam:*")")}});
  EXPECT_FALSE(Evaluate(s, Req(User())).allowed());
}
TEST(Scp, S5_5_NeverGrants) {
  PolicySet s = WithScp(With({}), {{Allow()}});
  Decision d = Evaluate(s, Req(User()));
  EXPECT_FALSE(d.allowed());
  EXPECT_EQ(d.decided_by, PolicyType::kIdentity);
}
TEST(Scp, S5_5_ManagementAccountExempt) {
  PolicySet s = WithScp(With({kAllowS3}), {{kDenyS3}});
  s.principal_is_management_account = true;
  EXPECT_TRUE(Evaluate(s, Req(User())).allowed());
}
TEST(Scp, S5_5_ServiceLinkedRoleExempt) {
  PolicySet s = WithScp(With({kAllowS3}), {{kAllowOther}});
  Principal p = RoleSession();
  p.service_linked_role = true;
  EXPECT_TRUE(Evaluate(s, Req(p)).allowed());
  EXPECT_FALSE(Evaluate(s, Req(RoleSession())).allowed());
}
TEST(Scp, S5_5_ServicePrincipalExempt) {
  PolicySet s = WithScp(With({}, Rbp(R"({"Service":"cloudtrail.amazonaws.com"})")), {{kDenyS3}});
  EXPECT_TRUE(Evaluate(s, Req(Service("cloudtrail.amazonaws.com"))).allowed());
}
TEST(Scp, S5_5_ConditionsEvaluated) {
  std::string scp = Deny(R"("*")", R"("*")",
                         R"(,"Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}})");
  PolicySet s = WithScp(With({kAllowS3}), {{Allow(), scp}});
  RequestContext ctx = Req(User());
  ctx.keys.Set("aws:RequestedRegion", "eu-west-1");
  EXPECT_EQ(Evaluate(s, ctx).outcome, Outcome::kExplicitDeny);
  ctx.keys.Set("aws:RequestedRegion", "us-east-1");
  EXPECT_TRUE(Evaluate(s, ctx).allowed());
}

PolicySet WithRcp(PolicySet s, std::vector<std::vector<std::string>> levels) {
  for (auto& level : levels) {
    s.rcp_levels.emplace_back();
    for (auto& j : level) s.rcp_levels.back().push_back(Ref(j, PolicyType::kRcp, "rcp"));
  }
  return s;
}
const std::string kRcpFull =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}})";
const std::string kRcpDenyExternal =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",)"
    R"("Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}})";

TEST(Rcp, S5_5_DenyExternalPrincipals) {
  PolicySet s = WithRcp(With({kAllowS3}, Rbp(R"("*")")), {{kRcpFull, kRcpDenyExternal}});
  RequestContext ext = Req(User("eve", kOther));
  ext.keys.Set("aws:PrincipalAccount", kOther);
  Decision d = Evaluate(s, ext);
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.decided_by, PolicyType::kRcp);
  RequestContext own = Req(User());
  own.keys.Set("aws:PrincipalAccount", kAcct);
  EXPECT_TRUE(Evaluate(s, own).allowed());
}
TEST(Rcp, S5_5_AppliesToAnonymous) {
  PolicySet s = WithRcp(With({}, Rbp(R"("*")")), {{kRcpFull, kRcpDenyExternal}});
  RequestContext anon = Req(Anonymous());
  anon.keys.Set("aws:PrincipalAccount", "anonymous");
  EXPECT_FALSE(Evaluate(s, anon).allowed());
}
TEST(Rcp, S5_5_LevelWithoutAllowDenies) {
  PolicySet s = WithRcp(With({kAllowS3}), {{kRcpFull}, {kRcpDenyExternal}});
  Decision d = Evaluate(s, Req(User()));
  EXPECT_FALSE(d.allowed());
  EXPECT_EQ(d.decided_by, PolicyType::kRcp);
}
TEST(Rcp, S5_5_ManagementAccountResourceExempt) {
  PolicySet s = WithRcp(With({kAllowS3}), {{kRcpDenyExternal}});
  s.resource_is_management_account = true;
  EXPECT_TRUE(Evaluate(s, Req(User())).allowed());
}

// ---- §5.11 S3 hook ----
TEST(S3Hook, S5_11_BlockPublicAccessDenies) {
  PolicySet s = With({}, Rbp(R"("*")"));
  s.s3_hook = [](const RequestContext&, const Policy* p) {
    S3Verdict v;
    v.block = p != nullptr;
    return v;
  };
  Decision d = Evaluate(s, Req(Anonymous()));
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  EXPECT_EQ(d.decided_by, PolicyType::kResource);
}
TEST(S3Hook, S5_11_AclGrantCountsLikePolicy) {
  PolicySet s = With({});
  s.s3_hook = [](const RequestContext&, const Policy*) {
    S3Verdict v;
    v.acl_grants = true;
    v.acl_grants_public = true;
    return v;
  };
  EXPECT_TRUE(Evaluate(s, Req(Anonymous())).allowed());
}
TEST(S3Hook, S5_11_RestrictPublicBucketsIgnoresPublicGrants) {
  PolicySet s = With({kAllowS3}, Rbp(R"("*")"));
  s.s3_hook = [](const RequestContext&, const Policy*) {
    S3Verdict v;
    v.restrict_public_policy = true;
    return v;
  };
  EXPECT_FALSE(Evaluate(s, Req(Anonymous())).allowed());
  EXPECT_FALSE(Evaluate(s, Req(User("x", kOther))).allowed());
  EXPECT_TRUE(Evaluate(s, Req(User())).allowed());
}
TEST(S3Hook, S5_11_ExplicitDenyBeforeHook) {
  bool called = false;
  PolicySet s = With({kDenyS3});
  s.s3_hook = [&called](const RequestContext&, const Policy*) {
    called = true;
    return S3Verdict{};
  };
  EXPECT_EQ(Evaluate(s, Req(User())).outcome, Outcome::kExplicitDeny);
  EXPECT_FALSE(called);
}

// ---- §5.2 matched statements and missing keys ----
TEST(Explanation, S5_2_MatchedStatementsReported) {
  PolicySet s;
  s.identity.push_back(
      {MustParse(
           R"({"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"iam:*","Resource":"*"},)"
           R"({"Sid":"B","Effect":"Allow","Action":"s3:Get*","Resource":"*"},)"
           R"({"Sid":"C","Effect":"Allow","Action":"*","Resource":"*"}]})"),
       "arn:aws:iam::123456789012:policy/P", "P"});
  Decision d = Evaluate(s, Req(User()));
  ASSERT_TRUE(d.allowed());
  ASSERT_EQ(d.matched.size(), 2u);
  std::vector<std::string> sids;
  for (const auto& m : d.matched) {
    sids.emplace_back(m.sid);
    EXPECT_EQ(m.policy_id, "arn:aws:iam::123456789012:policy/P");
    EXPECT_EQ(m.policy_name, "P");
    EXPECT_TRUE(m.allow);
  }
  std::sort(sids.begin(), sids.end());
  EXPECT_EQ(sids, (std::vector<std::string>{"B", "C"}));
}
TEST(Explanation, S5_2_DenyStatementIndex) {
  PolicySet s = With({R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
                      R"({"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]})"});
  Decision d = Evaluate(s, Req(User()));
  EXPECT_EQ(d.outcome, Outcome::kExplicitDeny);
  bool found = false;
  for (const auto& m : d.matched) {
    if (!m.allow) {
      found = true;
      EXPECT_EQ(m.sid, "NoS3");
      EXPECT_EQ(m.index, 1);
      EXPECT_EQ(m.type, PolicyType::kIdentity);
    }
  }
  EXPECT_TRUE(found);
}
TEST(Explanation, S4_4_MissingKeysReportedOnce) {
  PolicySet s = With({Allow(R"("s3:*")", R"("*")",
                            R"(,"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},)"
                            R"("StringEquals":{"aws:PrincipalTag/team":"x"}})"),
                      Allow(R"("s3:*")", R"("*")",
                            R"(,"Condition":{"Bool":{"AWS:multifactorauthpresent":"true"}})")});
  RequestContext ctx = Req(User());
  ctx.keys.Set("aws:PrincipalTag/team", "x");
  Decision d = Evaluate(s, ctx);
  EXPECT_FALSE(d.allowed());
  ASSERT_EQ(d.missing_keys.size(), 1u);
  EXPECT_EQ(d.missing_keys[0], "aws:MultiFactorAuthPresent");
}

TEST(Explanation, EvaluateAllStopsAtFirstDenial) {
  PolicySet allow = With({kAllowS3});
  PolicySet deny = With({kDenyS3});
  RequestContext a = Req(User());
  RequestContext b = Req(User(), kAcct, "s3:GetObject", "arn:aws:s3:::other/k");
  EXPECT_TRUE(EvaluateAll({{&allow, &a}, {&allow, &b}}).allowed());
  EXPECT_EQ(EvaluateAll({{&allow, &a}, {&deny, &b}}).outcome, Outcome::kExplicitDeny);
}

// ---- §5.14 AccessDenied sentences ----
struct MsgCase {
  const char* name;
  Outcome outcome;
  PolicyType type;
  const char* resource;
  const char* expected;
};
std::ostream& operator<<(std::ostream& os, const MsgCase& c) { return os << c.name; }
class MessageTest : public ::testing::TestWithParam<MsgCase> {};
TEST_P(MessageTest, Builds) {
  const auto& c = GetParam();
  Decision d;
  d.outcome = c.outcome;
  d.decided_by = c.type;
  EXPECT_EQ(
      AccessDeniedMessage(d, "arn:aws:iam::123456789012:user/alice", "iam:ListUsers", c.resource),
      c.expected);
}
#define U "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers"
#define ON " on resource: arn:aws:iam::123456789012:user/"
const MsgCase kMessages[] = {
    {"S5_14_explicit_identity", Outcome::kExplicitDeny, PolicyType::kIdentity,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in an identity-based policy"},
    {"S5_14_explicit_resource", Outcome::kExplicitDeny, PolicyType::kResource,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in a resource-based policy"},
    {"S5_14_explicit_trust", Outcome::kExplicitDeny, PolicyType::kTrust,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in the role trust policy"},
    {"S5_14_explicit_boundary", Outcome::kExplicitDeny, PolicyType::kBoundary,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in a permissions boundary"},
    {"S5_14_explicit_session", Outcome::kExplicitDeny, PolicyType::kSession,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in a session policy"},
    {"S5_14_explicit_scp", Outcome::kExplicitDeny, PolicyType::kScp,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in a service control policy"},
    {"S5_14_implicit_scp_uses_explicit_wording", Outcome::kImplicitDeny, PolicyType::kScp,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in a service control policy"},
    {"S5_14_implicit_rcp_uses_explicit_wording", Outcome::kImplicitDeny, PolicyType::kRcp,
     "arn:aws:iam::123456789012:user/", U ON " with an explicit deny in a resource control policy"},
    {"S5_14_implicit_identity", Outcome::kImplicitDeny, PolicyType::kIdentity,
     "arn:aws:iam::123456789012:user/",
     U ON " because no identity-based policy allows the iam:ListUsers action"},
    {"S5_14_implicit_resource", Outcome::kImplicitDeny, PolicyType::kResource,
     "arn:aws:iam::123456789012:user/",
     U ON " because no resource-based policy allows the iam:ListUsers action"},
    {"S5_14_implicit_trust", Outcome::kImplicitDeny, PolicyType::kTrust,
     "arn:aws:iam::123456789012:user/",
     U ON " because no role trust policy allows the iam:ListUsers action"},
    {"S5_14_implicit_boundary", Outcome::kImplicitDeny, PolicyType::kBoundary,
     "arn:aws:iam::123456789012:user/",
     U ON " because no permissions boundary allows the iam:ListUsers action"},
    {"S5_14_implicit_session", Outcome::kImplicitDeny, PolicyType::kSession,
     "arn:aws:iam::123456789012:user/",
     U ON " because no session policy allows the iam:ListUsers action"},
    {"S5_14_star_resource_omitted", Outcome::kImplicitDeny, PolicyType::kIdentity, "*",
     U " because no identity-based policy allows the iam:ListUsers action"},
};
#undef U
#undef ON
INSTANTIATE_TEST_SUITE_P(Spec, MessageTest, ::testing::ValuesIn(kMessages),
                         [](const auto& i) { return SafeName(i.param.name); });

TEST(Message, S5_14_EndToEnd) {
  RequestContext ctx = Req(RoleSession(), kAcct, "s3:GetObject", kBucket);
  Decision d = Evaluate(With({}), ctx);
  EXPECT_EQ(AccessDeniedMessage(d, ctx.principal.arn, ctx.action, ctx.resource),
            "User: arn:aws:sts::123456789012:assumed-role/R/S is not authorized to perform: "
            "s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows "
            "the s3:GetObject action");
  EXPECT_EQ(AccessDeniedMessage(Evaluate(With({kAllowS3}), ctx), "x", "y", "z"), "");
}

}  // namespace
}  // namespace rampart::policy::testing
