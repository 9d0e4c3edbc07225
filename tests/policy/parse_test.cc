// Table-driven validation tests: IAM's grammar, per-type rules, messages and precedence (§1).
#include <string>

#include "policy/json.h"
#include "policy/policy.h"
#include "test_util.h"

namespace rampart::policy::testing {
namespace {

struct ParseCase {
  const char* name;
  PolicyType type;
  bool managed;
  std::string json;
  const char* message;  // "" = accepted
};

std::ostream& operator<<(std::ostream& os, const ParseCase& c) { return os << c.name; }

const char kSyntax[] = "Syntax errors in policy.";
const char kLegacy[] = "The policy failed legacy parsing";
const char kNoActions[] = "Policy statement must contain actions.";
const char kNoResources[] = "Policy statement must contain resources.";
const char kNoPrincipal[] = "Policy document should not specify a principal.";
const char kVendor[] = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
const char kTrustNoPrincipal[] =
    "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in "
    "policy has a statement with no principals!";

constexpr PolicyType kId = PolicyType::kIdentity;
constexpr PolicyType kRes = PolicyType::kResource;
constexpr PolicyType kTrust = PolicyType::kTrust;

// One statement wrapped in a 2012 policy.
std::string One(const std::string& stmt, const std::string& version = R"("2012-10-17")") {
  return R"({"Version":)" + version + R"(,"Statement":)" + stmt + "}";
}
const std::string kOk = R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*"})";
std::string WithRes(const std::string& res) {
  return One(R"({"Effect":"Allow","Action":"s3:GetObject","Resource":)" + res + "}");
}
std::string WithAction(const std::string& action) {
  return One(R"({"Effect":"Allow","Action":)" + action + R"(,"Resource":"*"})");
}
std::string Trust(const std::string& extra) {
  return One(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},)" + extra +
             "}");
}
std::string ResPol(const std::string& principal) {
  return One(R"({"Effect":"Allow","Principal":)" + principal +
             R"(,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"})");
}

const ParseCase kCases[] = {
    // §1.1 top level.
    {"S1_1_minimal_ok", kId, false, One(kOk), ""},
    {"S1_1_statement_object_ok", kId, false, One(kOk), ""},
    {"S1_1_statement_array_ok", kId, false, One("[" + kOk + "," + kOk + "]"), ""},
    {"S1_1_version_2008_ok", kId, false, One(kOk, R"("2008-10-17")"), ""},
    {"S1_1_version_absent_ok", kId, false, R"({"Statement":)" + kOk + "}", ""},
    {"S1_1_id_ok", kId, false, R"({"Id":"my policy","Statement":)" + kOk + "}", ""},
    {"S1_1_keys_any_order", kId, false, R"({"Statement":)" + kOk + R"(,"Version":"2012-10-17"})",
     ""},
    {"S1_1_not_json", kId, false, "{not json", kSyntax},
    {"S1_1_empty_document", kId, false, "", kSyntax},
    {"S1_1_top_level_array", kId, false, "[" + kOk + "]", kSyntax},
    {"S1_1_trailing_garbage", kId, false, One(kOk) + "x", kSyntax},
    {"S1_1_unknown_top_key", kId, false,
     R"({"Version":"2012-10-17","Foo":1,"Statement":)" + kOk + "}", kSyntax},
    {"S1_1_duplicate_top_key", kId, false,
     R"({"Version":"2012-10-17","Version":"2012-10-17","Statement":)" + kOk + "}", kSyntax},
    {"S1_1_bad_version_value", kId, false, One(kOk, R"("2012-10-18")"), kSyntax},
    {"S1_1_version_not_string", kId, false, One(kOk, "2012"), kSyntax},
    {"S1_1_id_not_string", kId, false, R"({"Id":5,"Statement":)" + kOk + "}", kSyntax},
    {"S1_1_missing_statement", kId, false, R"({"Version":"2012-10-17"})", kSyntax},
    {"S1_1_empty_statement_array", kId, false, One("[]"), kSyntax},
    {"S1_1_statement_string", kId, false, One(R"("x")"), kSyntax},
    {"S1_1_statement_array_of_strings", kId, false, One(R"(["x"])"), kSyntax},
    {"S1_1_invalid_utf8", kId, false,
     One(R"({"Sid":"a)"
         "\xff"
         R"(","Effect":"Allow","Action":"s3:x","Resource":"*"})"),
     kSyntax},
    {"S1_1_deep_nesting", kId, false, std::string(200, '[') + std::string(200, ']'), kSyntax},
    // §1.2 statement elements.
    {"S1_2_unknown_statement_key", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Foo":"1"})"), kSyntax},
    {"S1_2_duplicate_statement_key", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Action":"s3:y","Resource":"*"})"), kSyntax},
    {"S1_2_action_and_notaction", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","NotAction":"s3:y","Resource":"*"})"), kSyntax},
    {"S1_2_resource_and_notresource", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","NotResource":"*"})"), kSyntax},
    {"S1_2_action_not_string", kId, false, WithAction("5"), kSyntax},
    {"S1_2_action_array_with_number", kId, false, WithAction(R"(["s3:x",5])"), kSyntax},
    {"S1_2_resource_object", kId, false, WithRes("{}"), kSyntax},
    {"S1_2_sid_not_string", kId, false,
     One(R"({"Sid":1,"Effect":"Allow","Action":"s3:x","Resource":"*"})"), kSyntax},
    {"S1_2_effect_not_string", kId, false, One(R"({"Effect":true,"Action":"s3:x","Resource":"*"})"),
     kSyntax},
    {"S1_10_effect_wrong_case", kId, false,
     One(R"({"Effect":"allow","Action":"s3:x","Resource":"*"})"), kLegacy},
    {"S1_10_effect_missing", kId, false, One(R"({"Action":"s3:x","Resource":"*"})"), kLegacy},
    {"S1_10_effect_other", kId, false, One(R"({"Effect":"Permit","Action":"s3:x","Resource":"*"})"),
     kLegacy},
    {"S1_2_notaction_ok", kId, false,
     One(R"({"Effect":"Deny","NotAction":"iam:*","Resource":"*"})"), ""},
    {"S1_2_notresource_ok", kId, false,
     One(R"({"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::b/*"})"), ""},
    // §1.4 actions.
    {"S1_4_no_action", kId, false, One(R"({"Effect":"Allow","Resource":"*"})"), kNoActions},
    {"S1_4_empty_action_array", kId, false, WithAction("[]"), kNoActions},
    {"S1_4_action_no_vendor", kId, false, WithAction(R"("GetObject")"), kVendor},
    {"S1_4_action_two_colons", kId, false, WithAction(R"("s3:Get:Object")"),
     "Actions/Condition can contain only one colon."},
    {"S1_4_action_bad_vendor_chars", kId, false, WithAction(R"("s3_x:Get")"),
     "Vendor s3_x is not valid"},
    {"S1_4_action_wildcard_vendor", kId, false, WithAction(R"("s*:Get*")"),
     "Vendor s* is not valid"},
    {"S1_4_action_empty_vendor", kId, false, WithAction(R"(":Get")"), "Vendor  is not valid"},
    {"S1_4_action_star_ok", kId, false, WithAction(R"("*")"), ""},
    {"S1_4_action_case_insensitive_ok", kId, false, WithAction(R"("IAM:listaccesskeys")"), ""},
    {"S1_4_action_wildcards_ok", kId, false, WithAction(R"(["iam:*AccessKey*","s3:Get?bject"])"),
     ""},
    {"S1_4_unknown_action_accepted", kId, false, WithAction(R"("s3:NoSuchAction")"), ""},
    {"S1_4_vendor_dots_dashes_ok", kId, false, WithAction(R"("execute-api:Invoke")"), ""},
    // §1.5 resources.
    {"S1_5_no_resource", kId, false, One(R"({"Effect":"Allow","Action":"s3:x"})"), kNoResources},
    {"S1_5_empty_resource_array", kId, false, WithRes("[]"), kNoResources},
    {"S1_5_not_arn", kId, false, WithRes(R"("bucket")"),
     "Resource bucket must be in ARN format or \"*\"."},
    {"S1_5_first_field_not_arn", kId, false, WithRes(R"("foo:aws:s3:::b")"),
     "Resource foo:aws:s3:::b must be in ARN format or \"*\"."},
    {"S1_5_bad_partition", kId, false, WithRes(R"("arn:aws-cn:s3:::b")"),
     "Partition \"aws-cn\" is not valid for resource \"arn:aws-cn:s3:::b\"."},
    {"S1_5_wildcard_partition_ok", kId, false, WithRes(R"("arn:*:s3:::b")"), ""},
    {"S1_5_wildcard_vendor", kId, false, WithRes(R"("arn:aws:s*:::b")"),
     "Resource vendor must be fully qualified and cannot contain regexes."},
    {"S1_5_iam_region", kId, false, WithRes(R"("arn:aws:iam:us-east-1:123456789012:user/x")"),
     "IAM resource arn:aws:iam:us-east-1:123456789012:user/x cannot contain region information."},
    {"S1_5_s3_region", kId, false, WithRes(R"("arn:aws:s3:us-east-1::b")"),
     "Resource arn:aws:s3:us-east-1::b can not contain region information."},
    {"S1_5_iam_bad_type", kId, false, WithRes(R"("arn:aws:iam::123456789012:u*")"),
     "IAM resource path must either be \"*\" or start with user/, federated-user/, role/, group/, "
     "instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, "
     "oidc-provider/, report/, access-report/."},
    {"S1_5_iam_star_ok", kId, false, WithRes(R"("arn:aws:iam::123456789012:*")"), ""},
    {"S1_5_iam_user_wildcard_ok", kId, false, WithRes(R"("arn:aws:iam::123456789012:user/*")"), ""},
    {"S1_10_too_few_colons", kId, false, WithRes(R"("arn:aws:s3")"), kLegacy},
    {"S1_10_empty_service", kId, false, WithRes(R"("arn:aws:::123456789012:x")"), kLegacy},
    {"S1_5_resource_with_colons_ok", kId, false,
     WithRes(R"("arn:aws:logs:us-east-1:123456789012:log-group:g:*")"), ""},
    {"S1_5_variable_in_resource_ok", kId, false, WithRes(R"("arn:aws:s3:::b/${aws:username}/*")"),
     ""},
    {"S1_10_resource_error_after_action_presence", kId, false,
     One(R"([{"Effect":"Allow","Action":"s3:x","Resource":"bad"},{"Effect":"Allow","Resource":"*"}])"),
     kNoActions},
    {"S1_10_resource_format_before_action_vendor", kId, false,
     One(R"({"Effect":"Allow","Action":"bad","Resource":"bad"})"),
     "Resource bad must be in ARN format or \"*\"."},
    // §1.6 conditions.
    {"S1_6_unknown_operator", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"stringEquals":{"a:b":"c"}}})"),
     "Invalid Condition type : stringEquals"},
    {"S1_6_null_ifexists_invalid", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"NullIfExists":{"a:b":"true"}}})"),
     "Invalid Condition type : NullIfExists"},
    {"S1_6_forallvalues_null_invalid", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"ForAllValues:Null":{"a:b":"true"}}})"),
     "Invalid Condition type : ForAllValues:Null"},
    {"S1_6_qualified_ifexists_ok", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"ForAnyValue:StringLikeIfExists":{"a:b":"c*"}}})"),
     ""},
    {"S1_6_condition_not_object", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":[]})"), kSyntax},
    {"S1_6_operator_block_not_object", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"StringEquals":"x"}})"),
     kSyntax},
    {"S1_6_nested_object_value", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"StringEquals":{"a:b":{"c":"d"}}}})"),
     kSyntax},
    {"S1_6_nested_array_value", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"StringEquals":{"a:b":[["c"]]}}})"),
     kSyntax},
    {"S1_6_null_json_value", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"StringEquals":{"a:b":null}}})"),
     kSyntax},
    {"S1_6_number_and_bool_values_ok", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"NumericLessThan":{"a:b":10},"Bool":{"a:c":true}}})"),
     ""},
    {"S1_6_duplicate_operator", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"Bool":{"a:b":"true"},"Bool":{"a:c":"true"}}})"),
     kSyntax},
    {"S1_6_bad_date_value", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}})"),
     kLegacy},
    {"S1_6_bad_month", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2024-13-01"}}})"),
     kLegacy},
    {"S1_6_date_epoch_ok", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"DateLessThanIfExists":{"aws:CurrentTime":1705311000}}})"),
     ""},
    {"S1_6_condition_key_without_vendor", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{"StringEquals":{"username":"x"}}})"),
     kVendor},
    {"S1_6_empty_condition_ok", kId, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*","Condition":{}})"), ""},
    // §1.10 Sid rules.
    {"S1_10_duplicate_sid", kId, false,
     One(R"([{"Sid":"A","Effect":"Allow","Action":"s3:x","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:y","Resource":"*"}])"),
     "Statement IDs (SID) in a single policy must be unique."},
    {"S1_10_sid_charset", kId, false,
     One(R"({"Sid":"my sid","Effect":"Allow","Action":"s3:x","Resource":"*"})"),
     "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
     "expression [0-9A-Za-z]*"},
    {"S1_2_sid_with_spaces_ok_in_resource_policy", kRes, false,
     One(R"({"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"})"),
     ""},
    {"S1_2_duplicate_sid_ok_in_resource_policy", kRes, false,
     One(R"([{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:x","Resource":"*"},{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:y","Resource":"*"}])"),
     ""},
    {"S1_10_empty_sids_not_duplicates", kId, false,
     One(R"([{"Sid":"","Effect":"Allow","Action":"s3:x","Resource":"*"},{"Sid":"","Effect":"Allow","Action":"s3:y","Resource":"*"}])"),
     ""},
    {"S1_10_legacy_before_sid", kId, false,
     One(R"([{"Sid":"A","Effect":"allow","Action":"s3:x","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:y","Resource":"*"}])"),
     kLegacy},
    // §1.8 per-type rules.
    {"S1_8_identity_principal_forbidden", kId, false,
     One(R"({"Effect":"Allow","Principal":"*","Action":"s3:x","Resource":"*"})"), kNoPrincipal},
    {"S1_8_identity_notprincipal_forbidden", kId, false,
     One(R"({"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"s3:x","Resource":"*"})"),
     kNoPrincipal},
    {"S1_8_boundary_principal_forbidden", PolicyType::kBoundary, false,
     One(R"({"Effect":"Allow","Principal":"*","Action":"s3:x","Resource":"*"})"), kNoPrincipal},
    {"S1_8_session_principal_forbidden", PolicyType::kSession, false,
     One(R"({"Effect":"Allow","Principal":"*","Action":"s3:x","Resource":"*"})"), kNoPrincipal},
    {"S1_8_scp_principal_forbidden", PolicyType::kScp, false,
     One(R"({"Effect":"Deny","Principal":"*","Action":"s3:x","Resource":"*"})"), kNoPrincipal},
    {"S1_8_managed_needs_2012", kId, true, One(kOk, R"("2008-10-17")"),
     "Policy document must be version 2012-10-17 or greater."},
    {"S1_8_managed_missing_version", kId, true, R"({"Statement":)" + kOk + "}",
     "Policy document must be version 2012-10-17 or greater."},
    {"S1_8_boundary_needs_2012", PolicyType::kBoundary, false, R"({"Statement":)" + kOk + "}",
     "Policy document must be version 2012-10-17 or greater."},
    {"S1_8_inline_2008_ok", kId, false, One(kOk, R"("2008-10-17")"), ""},
    {"S1_8_trust_ok", kTrust, false, Trust(R"("Action":"sts:AssumeRole")"), ""},
    {"S1_8_trust_action_family_ok", kTrust, false,
     Trust(R"("Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"])"), ""},
    {"S1_8_trust_wildcard_action_ok", kTrust, false, Trust(R"("Action":"sts:AssumeRole*")"), ""},
    {"S1_8_trust_non_sts_action", kTrust, false, Trust(R"("Action":"s3:GetObject")"),
     "AssumeRole policy may only specify STS AssumeRole actions."},
    {"S1_8_trust_get_caller_identity", kTrust, false, Trust(R"("Action":"sts:GetCallerIdentity")"),
     "AssumeRole policy may only specify STS AssumeRole actions."},
    {"S1_8_trust_resource_prohibited", kTrust, false,
     Trust(R"("Action":"sts:AssumeRole","Resource":"*")"), "Has prohibited field Resource"},
    {"S1_8_trust_no_principal", kTrust, false,
     One(R"({"Effect":"Allow","Action":"sts:AssumeRole"})"), kTrustNoPrincipal},
    {"S1_8_trust_notprincipal", kTrust, false,
     One(R"({"Effect":"Allow","NotPrincipal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"})"),
     kTrustNoPrincipal},
    {"S1_8_trust_service_ok", kTrust, false,
     One(R"({"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"})"),
     ""},
    {"S1_8_trust_federated_ok", kTrust, false,
     One(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/x"},"Action":"sts:AssumeRoleWithSAML"})"),
     ""},
    {"S1_8_resource_policy_needs_principal", kRes, false,
     One(R"({"Effect":"Allow","Action":"s3:x","Resource":"*"})"),
     "Missing required field Principal"},
    {"S1_8_resource_policy_resource_optional", kRes, false,
     One(R"({"Effect":"Allow","Principal":"*","Action":"sns:Publish"})"), ""},
    {"S1_3_principal_star_ok", kRes, false, ResPol(R"("*")"), ""},
    {"S1_3_principal_aws_star_ok", kRes, false, ResPol(R"({"AWS":"*"})"), ""},
    {"S1_3_principal_account_ok", kRes, false, ResPol(R"({"AWS":"123456789012"})"), ""},
    {"S1_3_principal_role_ok", kRes, false,
     ResPol(R"({"AWS":["arn:aws:iam::123456789012:role/R","arn:aws:iam::123456789012:user/u"]})"),
     ""},
    {"S1_3_principal_session_ok", kRes, false,
     ResPol(R"({"AWS":"arn:aws:sts::123456789012:assumed-role/R/S"})"), ""},
    {"S1_3_principal_unique_id_ok", kRes, false, ResPol(R"({"AWS":"AIDAEXAMPLEUSERID0001"})"), ""},
    {"S1_3_principal_partial_wildcard", kRes, false,
     ResPol(R"({"AWS":"arn:aws:iam::123456789012:user/*"})"),
     "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:user/*\""},
    {"S1_3_principal_bad_account", kRes, false, ResPol(R"({"AWS":"1234"})"),
     "Invalid principal in policy: \"AWS\":\"1234\""},
    {"S1_3_principal_string_not_star", kRes, false, ResPol(R"("arn:aws:iam::123456789012:root")"),
     kSyntax},
    {"S1_3_principal_unknown_type", kRes, false, ResPol(R"({"Foo":"x"})"), kSyntax},
    {"S1_3_principal_empty_map", kRes, false, ResPol("{}"), kSyntax},
    {"S1_3_principal_empty_array", kRes, false, ResPol(R"({"AWS":[]})"), kSyntax},
    {"S1_3_principal_and_notprincipal", kRes, false,
     One(R"({"Effect":"Deny","Principal":"*","NotPrincipal":"*","Action":"s3:x","Resource":"*"})"),
     kSyntax},
    {"S1_3_canonical_user_ok", kRes, false,
     ResPol(
         R"({"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})"),
     ""},
    {"S1_3_canonical_user_not_in_trust", kTrust, false,
     One(R"({"Effect":"Allow","Principal":{"CanonicalUser":"abc"},"Action":"sts:AssumeRole"})"),
     "Invalid principal in policy: \"CanonicalUser\":\"abc\""},
    {"S1_8_rcp_principal_star_ok", PolicyType::kRcp, false,
     One(R"({"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"})"), ""},
    {"S1_8_rcp_specific_principal", PolicyType::kRcp, false,
     One(R"({"Effect":"Deny","Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"})"),
     "Invalid principal in policy: \"AWS\":\"123456789012\""},
    {"S1_8_scp_ok", PolicyType::kScp, false,
     One(R"({"Effect":"Allow","Action":"*","Resource":"*"})"), ""},
    {"S1_8_session_ok", PolicyType::kSession, false, One(kOk), ""},
};

class ParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseTest, Validates) {
  const ParseCase& c = GetParam();
  ParseOptions options;
  options.managed = c.managed;
  auto r = ParsePolicy(c.json, c.type, options);
  if (std::string(c.message).empty()) {
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message) << "\n" << c.json;
    return;
  }
  ASSERT_FALSE(r.ok()) << c.json;
  EXPECT_EQ(r.error().code, "MalformedPolicyDocument");
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().message, c.message) << c.json;
}

INSTANTIATE_TEST_SUITE_P(Spec, ParseTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return SafeName(info.param.name); });

// §1.9 size quotas: LimitExceeded 409, measured without whitespace.
std::string PolicyOfSize(size_t target) {
  std::string base = One(R"({"Sid":"X","Effect":"Allow","Action":"s3:x","Resource":"*"})");
  std::string pad(target - base.size(), 'A');
  return One(R"({"Sid":"X)" + pad + R"(","Effect":"Allow","Action":"s3:x","Resource":"*"})");
}

TEST(SizeLimits, S1_9_ManagedAt6144Accepted) {
  std::string json = PolicyOfSize(6144);
  ASSERT_EQ(MinifiedLength(json), 6144u);
  ParseOptions o;
  o.managed = true;
  EXPECT_TRUE(ParsePolicy(json, PolicyType::kIdentity, o).ok());
}

TEST(SizeLimits, S1_9_ManagedOver6144) {
  ParseOptions o;
  o.managed = true;
  auto r = ParsePolicy(PolicyOfSize(6145), PolicyType::kIdentity, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "LimitExceeded");
  EXPECT_EQ(r.error().http_status, 409);
  EXPECT_EQ(r.error().message, "Cannot exceed quota for PolicySize: 6144");
}

TEST(SizeLimits, S1_9_WhitespaceNotCounted) {
  std::string json = PolicyOfSize(6144);
  std::string spaced;
  for (char c : json) {
    spaced.push_back(c);
    if (c == ',' || c == '{') spaced += "  \n\t";
  }
  ParseOptions o;
  o.managed = true;
  EXPECT_TRUE(ParsePolicy(spaced, PolicyType::kIdentity, o).ok());
}

TEST(SizeLimits, S1_9_WhitespaceInsideStringsCounted) {
  EXPECT_EQ(MinifiedLength(R"({ "a b" : 1 })"), 9u);
}

TEST(SizeLimits, S1_9_InlineIdentityNotCappedAt6144) {
  EXPECT_TRUE(ParsePolicy(PolicyOfSize(9000), PolicyType::kIdentity).ok());
}

TEST(SizeLimits, S1_9_TrustPolicy2048) {
  std::string base = Trust(R"("Action":"sts:AssumeRole")");
  std::string big = Trust(R"("Sid":")" + std::string(2100, 'a') + R"(","Action":"sts:AssumeRole")");
  EXPECT_TRUE(ParsePolicy(base, PolicyType::kTrust).ok());
  auto r = ParsePolicy(big, PolicyType::kTrust);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "LimitExceeded");
  EXPECT_EQ(r.error().message, "Cannot exceed quota for ACLSizePerRole: 2048");
  ParseOptions raised;
  raised.max_size = 4096;
  EXPECT_TRUE(ParsePolicy(big, PolicyType::kTrust, raised).ok());
}

TEST(SizeLimits, S1_9_ScpAndSessionLimits) {
  EXPECT_FALSE(ParsePolicy(PolicyOfSize(5121), PolicyType::kScp).ok());
  EXPECT_TRUE(ParsePolicy(PolicyOfSize(5120), PolicyType::kScp).ok());
  EXPECT_FALSE(ParsePolicy(PolicyOfSize(2049), PolicyType::kSession).ok());
  EXPECT_EQ(DefaultMaxSize(PolicyType::kBoundary, false), 6144u);
}

TEST(SizeLimits, S1_10_MalformedBeforeSize) {
  std::string json = PolicyOfSize(7000);
  json.replace(json.find("Allow"), 5, "allow");
  ParseOptions o;
  o.managed = true;
  auto r = ParsePolicy(json, PolicyType::kIdentity, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "MalformedPolicyDocument");
}

// §1.9 character set.
TEST(Charset, S1_9_AllowedCharacters) {
  EXPECT_TRUE(ValidatePolicyCharset("{\"a\":\"\xC3\xA9\"}\t\r\n").ok());
}
TEST(Charset, S1_9_ControlCharacterRejected) {
  Status s = ValidatePolicyCharset("{\"a\":\"\x01\"}");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "ValidationError");
}
TEST(Charset, S1_9_BeyondLatin1Rejected) {
  EXPECT_FALSE(ValidatePolicyCharset("{\"a\":\"\xE2\x98\x83\"}").ok());
}
TEST(Charset, S1_9_WireLimit) {
  EXPECT_FALSE(ValidatePolicyCharset(std::string(131073, ' ')).ok());
  EXPECT_TRUE(ValidatePolicyCharset(std::string(131072, ' ')).ok());
}

// Compiled form.
TEST(Compile, S2_2_ActionsLowerCasedAndIndexed) {
  auto p = MustParse(Allow(R"(["IAM:ListUsers","s3:Get*"])"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->statements()[0].actions[0].service, "iam");
  EXPECT_EQ(p->statements()[0].actions[0].action.pattern(), "listusers");
  ASSERT_NE(p->ForService("iam"), nullptr);
  ASSERT_NE(p->ForService("s3"), nullptr);
  EXPECT_EQ(p->ForService("kms"), nullptr);
  EXPECT_TRUE(p->any_service().empty());
}

TEST(Compile, S2_2_NotActionIsAnyService) {
  auto p = MustParse(R"({"Statement":{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}})");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->any_service().size(), 1u);
}

TEST(Compile, S1_1_VersionDrivesVariableExpansion) {
  auto p12 = MustParse(Allow("\"s3:*\"", R"("arn:aws:s3:::b/${aws:username}")"));
  auto p08 = MustParse(
      R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}})");
  ASSERT_TRUE(p12 && p08);
  EXPECT_TRUE(p12->statements()[0].resources[0].resource.has_vars());
  EXPECT_FALSE(p08->statements()[0].resources[0].resource.has_vars());
}

TEST(Cache, CompilesOnce) {
  PolicyCache cache;
  auto a = cache.Get(Allow(), PolicyType::kIdentity);
  auto b = cache.Get(Allow(), PolicyType::kIdentity);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.hits(), 1u);
  auto c = cache.Get(Allow(), PolicyType::kSession);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->get(), c->get());
  EXPECT_EQ(cache.size(), 2u);
}

TEST(Cache, ErrorsNotCached) {
  PolicyCache cache;
  EXPECT_FALSE(cache.Get("{", PolicyType::kIdentity).ok());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(Cache, HashIsContentBased) {
  auto a = MustParse(Allow());
  auto b = MustParse(Allow());
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->content_hash(), b->content_hash());
  EXPECT_EQ(a->content_hash().size(), 64u);
}

}  // namespace
}  // namespace rampart::policy::testing
