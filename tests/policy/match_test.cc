// Action, resource and principal matching, policy variables and typed value parsers (§2, §3).
#include "policy/arn.h"
#include "policy/glob.h"
#include "policy/json.h"
#include "policy/policy.h"
#include "policy/values.h"
#include "test_util.h"

namespace rampart::policy::testing {
namespace {

// ---- §2.1 glob primitive ----
struct GlobCase {
  const char* name;
  const char* pattern;
  const char* text;
  bool expected;
};
std::ostream& operator<<(std::ostream& os, const GlobCase& c) { return os << c.name; }
class GlobTest : public ::testing::TestWithParam<GlobCase> {};
TEST_P(GlobTest, Matches) {
  const auto& c = GetParam();
  EXPECT_EQ(GlobMatch(CompileGlob(c.pattern), c.text), c.expected);
}
const GlobCase kGlob[] = {
    {"S2_1_literal", "abc", "abc", true},
    {"S2_1_literal_mismatch", "abc", "abd", false},
    {"S2_1_star_empty", "a*", "a", true},
    {"S2_1_star_any", "a*", "a/b:c", true},
    {"S2_1_star_middle", "a*c", "abbbc", true},
    {"S2_1_star_backtrack", "a*b*c", "aXbYbZc", true},
    {"S2_1_qmark_one", "a?c", "abc", true},
    {"S2_1_qmark_not_zero", "a?c", "ac", false},
    {"S2_1_only_star", "*", "", true},
    {"S2_1_multi_star", "**", "abc", true},
    {"S2_1_trailing_text", "*x", "abc", false},
    {"S2_1_case_exact", "ABC", "abc", false},
    {"S2_1_no_regex_classes", "[a]", "a", false},
    {"S2_1_dot_literal", "a.c", "abc", false},
    {"S2_1_pathological", "*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
};
INSTANTIATE_TEST_SUITE_P(Spec, GlobTest, ::testing::ValuesIn(kGlob),
                         [](const auto& i) { return SafeName(i.param.name); });

// ---- §2.2 actions and §2.3 resources through the evaluator ----
struct MatchCase {
  const char* name;
  std::string action_json;
  std::string resource_json;
  std::string request_action;
  std::string request_resource;
  bool expected;
  bool not_action = false;
  bool not_resource = false;
};
std::ostream& operator<<(std::ostream& os, const MatchCase& c) { return os << c.name; }
class MatchTest : public ::testing::TestWithParam<MatchCase> {};
TEST_P(MatchTest, Matches) {
  const auto& c = GetParam();
  std::string json = std::string(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow",")") +
                     (c.not_action ? "NotAction" : "Action") + "\":" + c.action_json + ",\"" +
                     (c.not_resource ? "NotResource" : "Resource") + "\":" + c.resource_json + "}}";
  PolicySet set;
  set.identity.push_back(Ref(json));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = c.request_action;
  ctx.resource = c.request_resource;
  ctx.keys.Set("aws:username", "alice");
  EXPECT_EQ(Evaluate(set, ctx).allowed(), c.expected) << json;
}
const MatchCase kMatch[] = {
    {"S2_2_exact", R"("s3:GetObject")", R"("*")", "s3:GetObject", "*", true},
    {"S2_2_case_insensitive_prefix", R"("S3:getobject")", R"("*")", "s3:GetObject", "*", true},
    {"S2_2_case_insensitive_request", R"("iam:ListAccessKeys")", R"("*")", "IAM:listaccesskeys",
     "*", true},
    {"S2_2_star", R"("*")", R"("*")", "kms:Decrypt", "*", true},
    {"S2_2_service_star", R"("iam:*")", R"("*")", "iam:CreateUser", "*", true},
    {"S2_2_other_service", R"("iam:*")", R"("*")", "sts:AssumeRole", "*", false},
    {"S2_2_prefix_not_glob", R"("s3:*")", R"("*")", "s3x:Get", "*", false},
    {"S2_2_infix_wildcard", R"("iam:*AccessKey*")", R"("*")", "iam:ListAccessKeys", "*", true},
    {"S2_2_infix_wildcard_miss", R"("iam:*AccessKey*")", R"("*")", "iam:ListUsers", "*", false},
    {"S2_2_qmark", R"("s3:Get?bject")", R"("*")", "s3:GetObject", "*", true},
    {"S2_2_list_any", R"(["s3:PutObject","s3:GetObject"])", R"("*")", "s3:GetObject", "*", true},
    {"S2_2_notaction_excludes", R"("iam:*")", R"("*")", "iam:CreateUser", "*", false, true},
    {"S2_2_notaction_includes_others", R"("iam:*")", R"("*")", "s3:GetObject", "*", true, true},
    {"S2_3_bucket_star", R"("s3:*")", R"("arn:aws:s3:::bucket/*/test/*")", "s3:GetObject",
     "arn:aws:s3:::bucket/1/2/test/3/x.jpg", true},
    {"S2_3_bucket_empty_segment", R"("s3:*")", R"("arn:aws:s3:::bucket/*/test/*")", "s3:GetObject",
     "arn:aws:s3:::bucket//test/x", true},
    {"S2_3_bucket_trailing_empty", R"("s3:*")", R"("arn:aws:s3:::bucket/*/test/*")", "s3:GetObject",
     "arn:aws:s3:::bucket/1/test/", true},
    {"S2_3_bucket_needs_literal_slashes", R"("s3:*")", R"("arn:aws:s3:::bucket/*/test/*")",
     "s3:GetObject", "arn:aws:s3:::bucket/test/x", false},
    {"S2_3_bucket_needs_test_segment", R"("s3:*")", R"("arn:aws:s3:::bucket/*/test/*")",
     "s3:GetObject", "arn:aws:s3:::bucket/1-test/x", false},
    {"S2_3_user_any_path", R"("iam:*")", R"("arn:aws:iam::123456789012:user/*")", "iam:GetUser",
     "arn:aws:iam::123456789012:user/a/b/c/JaneDoe", true},
    {"S2_3_user_prefix_path", R"("iam:*")", R"("arn:aws:iam::123456789012:user/division_abc*")",
     "iam:GetUser", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", true},
    {"S2_3_region_empty_matched_by_star", R"("route53:*")", R"("arn:aws:route53:*::hostedzone/x")",
     "route53:GetHostedZone", "arn:aws:route53:::hostedzone/x", true},
    {"S2_3_region_not_empty", R"("route53:*")", R"("arn:aws:route53:us-east-1::hostedzone/x")",
     "route53:GetHostedZone", "arn:aws:route53:::hostedzone/x", false},
    {"S2_3_s3_star_not_list_all", R"("s3:*")", R"("arn:aws:s3:::*")", "s3:ListAllMyBuckets", "*",
     false},
    {"S2_3_star_covers_star", R"("s3:*")", R"("*")", "s3:ListAllMyBuckets", "*", true},
    {"S2_3_resource_case_sensitive", R"("s3:*")", R"("arn:aws:s3:::Bucket")", "s3:ListBucket",
     "arn:aws:s3:::bucket", false},
    {"S2_3_account_mismatch", R"("sns:*")", R"("arn:aws:sns:us-east-1:111111111111:t")",
     "sns:Publish", "arn:aws:sns:us-east-1:123456789012:t", false},
    {"S2_3_star_does_not_cross_fields", R"("sns:*")", R"("arn:aws:sns:*:123456789012:t")",
     "sns:Publish", "arn:aws:sns:us-east-1:extra:123456789012:t", false},
    {"S2_3_resource_field_spans_colons", R"("logs:*")", R"("arn:aws:logs:*:*:log-group:*")",
     "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s", true},
    {"S2_3_list_any", R"("s3:*")", R"(["arn:aws:s3:::a","arn:aws:s3:::b"])", "s3:ListBucket",
     "arn:aws:s3:::b", true},
    {"S2_3_notresource_excludes", R"("s3:*")", R"("arn:aws:s3:::b/*")", "s3:GetObject",
     "arn:aws:s3:::b/k", false, false, true},
    {"S2_3_notresource_includes_other", R"("s3:*")", R"("arn:aws:s3:::b/*")", "s3:GetObject",
     "arn:aws:s3:::c/k", true, false, true},
    {"S2_3_notresource_star_request", R"("s3:*")", R"("arn:aws:s3:::b/*")", "s3:ListAllMyBuckets",
     "*", true, false, true},
    // §3 variables in resources.
    {"S3_2_username_variable", R"("s3:*")", R"("arn:aws:s3:::b/${aws:username}/*")", "s3:GetObject",
     "arn:aws:s3:::b/alice/x", true},
    {"S3_2_username_variable_other_user", R"("s3:*")", R"("arn:aws:s3:::b/${aws:username}/*")",
     "s3:GetObject", "arn:aws:s3:::b/bob/x", false},
    {"S3_2_variable_name_case_insensitive", R"("s3:*")", R"("arn:aws:s3:::b/${AWS:UserName}/*")",
     "s3:GetObject", "arn:aws:s3:::b/alice/x", true},
    {"S3_3_missing_variable_matches_nothing", R"("s3:*")",
     R"("arn:aws:s3:::b/${aws:PrincipalTag/team}/*")", "s3:GetObject", "arn:aws:s3:::b/eng/x",
     false},
    {"S3_3_missing_variable_notresource_excludes_nothing", R"("s3:*")",
     R"("arn:aws:s3:::b/${aws:PrincipalTag/team}/*")", "s3:GetObject", "arn:aws:s3:::b/eng/x", true,
     false, true},
    {"S3_1_default_value", R"("s3:*")", R"("arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*")",
     "s3:GetObject", "arn:aws:s3:::b/shared/x", true},
    {"S3_1_default_value_no_space", R"("s3:*")",
     R"("arn:aws:s3:::b/${aws:PrincipalTag/team,'shared'}/*")", "s3:GetObject",
     "arn:aws:s3:::b/shared/x", true},
    {"S3_4_literal_star", R"("s3:*")", R"("arn:aws:s3:::b/a${*}")", "s3:GetObject",
     "arn:aws:s3:::b/a*", true},
    {"S3_4_literal_star_not_wildcard", R"("s3:*")", R"("arn:aws:s3:::b/a${*}")", "s3:GetObject",
     "arn:aws:s3:::b/abc", false},
    {"S3_4_literal_qmark", R"("s3:*")", R"("arn:aws:s3:::b/a${?}")", "s3:GetObject",
     "arn:aws:s3:::b/a?", true},
    {"S3_4_literal_qmark_not_wildcard", R"("s3:*")", R"("arn:aws:s3:::b/a${?}")", "s3:GetObject",
     "arn:aws:s3:::b/ab", false},
    {"S3_4_literal_dollar", R"("s3:*")", R"("arn:aws:s3:::b/${$}x")", "s3:GetObject",
     "arn:aws:s3:::b/$x", true},
    {"S3_1_dollar_without_brace_literal", R"("s3:*")", R"("arn:aws:s3:::b/$x")", "s3:GetObject",
     "arn:aws:s3:::b/$x", true},
    {"S3_1_unterminated_literal", R"("s3:*")", R"("arn:aws:s3:::b/${x")", "s3:GetObject",
     "arn:aws:s3:::b/${x", true},
};
INSTANTIATE_TEST_SUITE_P(Spec, MatchTest, ::testing::ValuesIn(kMatch),
                         [](const auto& i) { return SafeName(i.param.name); });

TEST(ResourceMatch, S2_3_ShortPatternPaddedInResourcePolicy) {
  PolicySet set;
  set.resource_policy = Ref(
      R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3"}})",
      PolicyType::kResource);
  RequestContext ctx;
  ctx.principal = Anonymous();
  ctx.action = "s3:GetObject";
  ctx.resource = "arn:aws:s3:::b/k";
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
  ctx.resource = "arn:aws:sns:us-east-1:123456789012:t";
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
}

TEST(Variables, S3_2_Version2008KeepsLiteral) {
  PolicySet set;
  set.identity.push_back(Ref(
      R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}})"));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("aws:username", "alice");
  ctx.resource = "arn:aws:s3:::b/alice";
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
  ctx.resource = "arn:aws:s3:::b/${aws:username}";
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
}

TEST(Variables, S3_3_ValueWildcardsAreLiteral) {
  PolicySet set;
  set.identity.push_back(Ref(Allow("\"s3:*\"", R"("arn:aws:s3:::b/${aws:PrincipalTag/p}")")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("aws:PrincipalTag/p", "a*");
  ctx.resource = "arn:aws:s3:::b/abc";
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
  ctx.resource = "arn:aws:s3:::b/a*";
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
}

TEST(Variables, S3_3_MultiValuedKeyUnresolvable) {
  PolicySet set;
  set.identity.push_back(Ref(Allow("\"s3:*\"", R"("arn:aws:s3:::b/${aws:TagKeys}")")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.SetMulti("aws:TagKeys", {"x"});
  ctx.resource = "arn:aws:s3:::b/x";
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
}

struct VarCondCase {
  const char* name;
  const char* op;
  const char* value;
  const char* key_value;
  bool set_var;
  bool expected;
};
std::ostream& operator<<(std::ostream& os, const VarCondCase& c) { return os << c.name; }
class VarCondTest : public ::testing::TestWithParam<VarCondCase> {};
TEST_P(VarCondTest, Evaluates) {
  const auto& c = GetParam();
  PolicySet set;
  set.identity.push_back(Ref(
      Allow("\"s3:*\"", "\"*\"",
            std::string(R"(,"Condition":{")") + c.op + R"(":{"test:Key":")" + c.value + "\"}}")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("test:Key", c.key_value);
  if (c.set_var) ctx.keys.Set("aws:username", "alice");
  EXPECT_EQ(Evaluate(set, ctx).allowed(), c.expected);
}
const VarCondCase kVarCond[] = {
    {"S3_2_StringEquals_variable", "StringEquals", "${aws:username}", "alice", true, true},
    {"S3_2_StringEquals_variable_other", "StringEquals", "${aws:username}", "bob", true, false},
    {"S3_3_StringEquals_null_variable", "StringEquals", "${aws:username}", "alice", false, false},
    {"S3_3_StringNotEquals_null_is_not_equal", "StringNotEquals", "${aws:username}", "alice", false,
     true},
    {"S3_3_StringNotLike_null_is_not_equal", "StringNotLike", "${aws:username}*", "alice", false,
     true},
    {"S3_2_StringLike_variable_prefix", "StringLike", "${aws:username}-*", "alice-1", true, true},
    {"S3_2_ArnLike_variable", "ArnLike", "arn:aws:iam::*:user/${aws:username}",
     "arn:aws:iam::123456789012:user/alice", true, true},
    {"S3_3_ArnNotLike_null_is_not_equal", "ArnNotLike", "arn:aws:iam::*:user/${aws:username}",
     "arn:aws:iam::123456789012:user/alice", false, true},
    {"S3_1_StringEquals_default", "StringEquals", "${aws:PrincipalTag/team, 'eng'}", "eng", false,
     true},
    {"S3_2_Numeric_not_expanded", "NumericEquals", "${aws:username}", "1", true, false},
    {"S3_2_IpAddress_not_expanded", "IpAddress", "${aws:username}", "10.0.0.1", true, false},
    {"S3_4_StringLike_literal_star", "StringLike", "a${*}", "a*", true, true},
    {"S3_4_StringLike_literal_star_miss", "StringLike", "a${*}", "ab", true, false},
    {"S3_4_StringEquals_literal_dollar", "StringEquals", "${$}5", "$5", true, true},
};
INSTANTIATE_TEST_SUITE_P(Spec, VarCondTest, ::testing::ValuesIn(kVarCond),
                         [](const auto& i) { return SafeName(i.param.name); });

TEST(Variables, S3_2_BoolVariable) {
  PolicySet set;
  set.identity.push_back(
      Ref(Allow("\"s3:*\"", "\"*\"", R"(,"Condition":{"Bool":{"test:Key":"${test:Flag}"}})")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("test:Key", "true");
  ctx.keys.Set("test:Flag", "TRUE");
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
  ctx.keys.Set("test:Flag", "false");
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
}

// ---- §2.4 principal matching in resource-based policies (same account, no identity policy) ----
struct PrincipalCase {
  const char* name;
  std::string principal_json;
  Principal caller;
  bool expected;
  bool not_principal = false;  // Deny+NotPrincipal over an Allow-all; expected = allowed
};
std::ostream& operator<<(std::ostream& os, const PrincipalCase& c) { return os << c.name; }
class PrincipalTest : public ::testing::TestWithParam<PrincipalCase> {};
TEST_P(PrincipalTest, Matches) {
  const auto& c = GetParam();
  PolicySet set;
  std::string json;
  if (c.not_principal) {
    json =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},)"
        R"({"Effect":"Deny","NotPrincipal":)" +
        c.principal_json + R"(,"Action":"s3:*","Resource":"*"}]})";
  } else {
    json = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":)" +
           c.principal_json + R"(,"Action":"s3:*","Resource":"*"}})";
  }
  set.resource_policy = Ref(json, PolicyType::kResource);
  RequestContext ctx;
  ctx.principal = c.caller;
  ctx.action = "s3:GetObject";
  ctx.resource = "arn:aws:s3:::b/k";
  ctx.resource_account = kAcct;
  EXPECT_EQ(Evaluate(set, ctx).allowed(), c.expected) << json;
}
const PrincipalCase kPrincipal[] = {
    {"S2_4_star_matches_user", R"("*")", User(), true},
    {"S2_4_star_matches_anonymous", R"("*")", Anonymous(), true},
    {"S2_4_aws_star_matches_anonymous", R"({"AWS":"*"})", Anonymous(), true},
    {"S2_4_user_arn_direct", R"({"AWS":"arn:aws:iam::123456789012:user/alice"})", User(), true},
    {"S2_4_other_user", R"({"AWS":"arn:aws:iam::123456789012:user/bob"})", User(), false},
    {"S2_4_unique_id_direct", R"({"AWS":"AIDAEXAMPLEUSERID0001"})", User(), true},
    {"S2_4_account_only_needs_identity", R"({"AWS":"123456789012"})", User(), false},
    {"S2_4_root_arn_only_needs_identity", R"({"AWS":"arn:aws:iam::123456789012:root"})", User(),
     false},
    {"S2_4_role_of_session", R"({"AWS":"arn:aws:iam::123456789012:role/R"})", RoleSession(), true},
    {"S2_4_role_id_of_session", R"({"AWS":"AROAEXAMPLEROLEID0001"})", RoleSession(), true},
    {"S2_4_session_arn_direct", R"({"AWS":"arn:aws:sts::123456789012:assumed-role/R/S"})",
     RoleSession(), true},
    {"S2_4_other_session", R"({"AWS":"arn:aws:sts::123456789012:assumed-role/R/T"})", RoleSession(),
     false},
    {"S2_4_role_arn_not_user", R"({"AWS":"arn:aws:iam::123456789012:role/R"})", User(), false},
    {"S2_4_federated_user_direct", R"({"AWS":"arn:aws:sts::123456789012:federated-user/fed"})",
     Federated(), true},
    {"S2_4_parent_user_of_federation", R"({"AWS":"arn:aws:iam::123456789012:user/alice"})",
     Federated(), true},
    {"S2_4_service_principal", R"({"Service":"cloudtrail.amazonaws.com"})",
     Service("cloudtrail.amazonaws.com"), true},
    {"S2_4_other_service_principal", R"({"Service":"config.amazonaws.com"})",
     Service("cloudtrail.amazonaws.com"), false},
    {"S2_4_service_list", R"({"Service":["config.amazonaws.com","cloudtrail.amazonaws.com"]})",
     Service("cloudtrail.amazonaws.com"), true},
    {"S2_4_aws_entry_not_service", R"({"AWS":"arn:aws:iam::123456789012:user/alice"})",
     Service("cloudtrail.amazonaws.com"), false},
    {"S2_4_user_not_anonymous", R"({"AWS":"arn:aws:iam::123456789012:user/alice"})", Anonymous(),
     false},
    {"S5_8_notprincipal_applies_to_unlisted", R"({"AWS":"arn:aws:iam::123456789012:user/bob"})",
     User(), false, true},
    {"S5_8_notprincipal_user_and_account_exempt",
     R"({"AWS":["arn:aws:iam::123456789012:user/alice","123456789012"]})", User(), true, true},
    {"S5_8_notprincipal_user_only_not_exempt", R"({"AWS":"arn:aws:iam::123456789012:user/alice"})",
     User(), false, true},
    {"S5_8_notprincipal_session_needs_role_and_account",
     R"({"AWS":["arn:aws:sts::123456789012:assumed-role/R/S","arn:aws:iam::123456789012:root"]})",
     RoleSession(), false, true},
    {"S5_8_notprincipal_session_exempt",
     R"({"AWS":["arn:aws:sts::123456789012:assumed-role/R/S","arn:aws:iam::123456789012:role/R","arn:aws:iam::123456789012:root"]})",
     RoleSession(), true, true},
    {"S5_8_notprincipal_root_exempt_by_account", R"({"AWS":"123456789012"})", Root(), true, true},
    {"S5_8_notprincipal_applies_to_anonymous", R"({"AWS":"123456789012"})", Anonymous(), false,
     true},
    {"S5_8_notprincipal_service_exempt", R"({"Service":"cloudtrail.amazonaws.com"})",
     Service("cloudtrail.amazonaws.com"), true, true},
};
INSTANTIATE_TEST_SUITE_P(Spec, PrincipalTest, ::testing::ValuesIn(kPrincipal),
                         [](const auto& i) { return SafeName(i.param.name); });

// ---- typed value parsers (§4.2) ----
TEST(Values, S4_2_DateForms) {
  Instant a, b;
  ASSERT_TRUE(ParseDate("2024-01-15T09:30:00Z", &a));
  EXPECT_EQ(a.seconds, 1705311000);
  ASSERT_TRUE(ParseDate("2024-01-15T09:30:00.123Z", &b));
  EXPECT_EQ(b.millis, 123);
  EXPECT_TRUE(ParseDate("-292275054-01-01", &a));
  EXPECT_TRUE(ParseDate("292278993-12-31", &a));
  EXPECT_FALSE(ParseDate("292278994-01-01", &a));
  EXPECT_TRUE(ParseDate("9223372036854775807", &a));
  EXPECT_FALSE(ParseDate("9223372036854775808", &a));
  EXPECT_FALSE(ParseDate("2024-01-15T25:00:00Z", &a));
  EXPECT_FALSE(ParseDate("2024-01-15T09:60:00Z", &a));
  EXPECT_FALSE(ParseDate("2024-01-32", &a));
  EXPECT_FALSE(ParseDate("2024-1-5", &a));
  EXPECT_FALSE(ParseDate("", &a));
  EXPECT_FALSE(ParseDate("-5", &a));
}

TEST(Values, S4_2_Numbers) {
  long double n;
  EXPECT_TRUE(ParseNumber("-12.5", &n));
  EXPECT_EQ(n, -12.5L);
  EXPECT_FALSE(ParseNumber("1.", &n));
  EXPECT_FALSE(ParseNumber(".5", &n));
  EXPECT_FALSE(ParseNumber("+1", &n));
  EXPECT_FALSE(ParseNumber("", &n));
}

TEST(Values, S4_2_Cidr) {
  IpNet net, a;
  ASSERT_TRUE(ParseCidr("10.1.2.3/8", &net));
  EXPECT_EQ(net.addr[1], 0);
  ASSERT_TRUE(ParseIpAddress("10.9.9.9", &a));
  EXPECT_TRUE(NetContains(net, a));
  EXPECT_FALSE(ParseCidr("10.0.0.0/", &net));
  EXPECT_FALSE(ParseCidr("10.0.0.0/x", &net));
  EXPECT_FALSE(ParseCidr("2001:db8::/129", &net));
  EXPECT_TRUE(ParseCidr("2001:db8::/0", &net));
}

TEST(Values, S4_2_Base64) {
  std::string out;
  ASSERT_TRUE(DecodeBase64("aGVsbG8=", &out));
  EXPECT_EQ(out, "hello");
  EXPECT_TRUE(DecodeBase64("aGVsbG8", &out));
  EXPECT_FALSE(DecodeBase64("a", &out));
  EXPECT_FALSE(DecodeBase64("aGV=sbG8", &out));
}

TEST(Arn, S2_3_SplitOnFirstFiveColons) {
  ArnFields f;
  EXPECT_EQ(SplitArn("arn:aws:logs:r:1:log-group:g:x", &f), 6);
  EXPECT_EQ(f[5], "log-group:g:x");
  EXPECT_EQ(SplitArn("arn:aws:s3", &f), 3);
  EXPECT_EQ(f[3], "");
}

TEST(Json, DuplicateKeysAndDepth) {
  EXPECT_EQ(ParseJson(R"({"a":1,"a":2})").error, JsonErrorKind::kDuplicateKey);
  EXPECT_EQ(ParseJson(std::string(100, '[') + std::string(100, ']')).error,
            JsonErrorKind::kTooDeep);
  EXPECT_EQ(ParseJson("\"\xC0\x80\"").error, JsonErrorKind::kBadUtf8);
  EXPECT_EQ(ParseJson(R"("\ud800")").error, JsonErrorKind::kBadUtf8);
  auto ok = ParseJson(R"({"a":"\u00e9\ud83d\ude00"})");
  ASSERT_EQ(ok.error, JsonErrorKind::kNone);
  EXPECT_EQ(ok.value.Find("a")->text, "\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(ParseJson("01").error, JsonErrorKind::kSyntax);
  EXPECT_EQ(ParseJson("[1,]").error, JsonErrorKind::kSyntax);
}

}  // namespace
}  // namespace rampart::policy::testing
