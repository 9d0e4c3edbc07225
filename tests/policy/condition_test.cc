// Table-driven tests for every condition operator and the missing-key truth table (spec §4).
#include <optional>
#include <vector>

#include "policy/policy.h"
#include "test_util.h"

namespace rampart::policy::testing {
namespace {

enum class Ctx { kAbsent, kSingle, kMulti };

struct CondCase {
  const char* name;    // spec section + what it checks
  const char* op;      // operator name
  const char* values;  // JSON value(s) for the key
  Ctx ctx;             // how the key is supplied
  std::vector<std::string> ctx_values;
  bool expected;
};

std::ostream& operator<<(std::ostream& os, const CondCase& c) { return os << c.name; }

CondCase A(const char* name, const char* op, const char* values, bool expected) {
  return {name, op, values, Ctx::kAbsent, {}, expected};
}
CondCase S(const char* name, const char* op, const char* values, std::string v, bool expected) {
  return {name, op, values, Ctx::kSingle, {std::move(v)}, expected};
}
CondCase M(const char* name, const char* op, const char* values, std::vector<std::string> v,
           bool expected) {
  return {name, op, values, Ctx::kMulti, std::move(v), expected};
}

class ConditionTest : public ::testing::TestWithParam<CondCase> {};

TEST_P(ConditionTest, Evaluates) {
  const CondCase& c = GetParam();
  std::string json =
      Allow("\"s3:GetObject\"", "\"*\"",
            std::string(R"(,"Condition":{")") + c.op + R"(":{"test:Key":)" + c.values + "}}");
  PolicySet set;
  set.identity.push_back(Ref(json));
  ASSERT_TRUE(set.identity[0].policy);
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.resource = "arn:aws:s3:::bucket/key";
  if (c.ctx == Ctx::kSingle) ctx.keys.Set("test:Key", c.ctx_values[0]);
  if (c.ctx == Ctx::kMulti) ctx.keys.SetMulti("test:Key", c.ctx_values);
  Decision d = Evaluate(set, ctx);
  EXPECT_EQ(d.allowed(), c.expected) << json;
  if (c.ctx == Ctx::kAbsent && std::string(c.op) != "Null") {
    ASSERT_EQ(d.missing_keys.size(), 1u);
    EXPECT_EQ(d.missing_keys[0], "test:Key");
  }
}

const CondCase kCases[] = {
    // §4.1 String operators.
    S("S4_1_StringEquals_match", "StringEquals", R"("abc")", "abc", true),
    S("S4_1_StringEquals_case_sensitive", "StringEquals", R"("ABC")", "abc", false),
    S("S4_1_StringEquals_list_is_or", "StringEquals", R"(["x","abc"])", "abc", true),
    S("S4_1_StringEquals_list_no_match", "StringEquals", R"(["x","y"])", "abc", false),
    S("S4_1_StringEquals_star_is_literal", "StringEquals", R"("a*")", "abc", false),
    S("S4_1_StringEquals_star_literal_match", "StringEquals", R"("a*")", "a*", true),
    S("S1_6_StringEquals_number_value", "StringEquals", "10", "10", true),
    S("S1_6_StringEquals_bool_value", "StringEquals", "true", "true", true),
    S("S1_6_StringEquals_number_text_kept", "StringEquals", "1.50", "1.50", true),
    S("S4_1_StringEquals_empty_string", "StringEquals", R"("")", "", true),
    S("S4_1_StringNotEquals_equal", "StringNotEquals", R"("abc")", "abc", false),
    S("S4_1_StringNotEquals_differs", "StringNotEquals", R"("abc")", "abd", true),
    S("S4_3_StringNotEquals_list_all_differ", "StringNotEquals", R"(["x","y"])", "abc", true),
    S("S4_3_StringNotEquals_list_one_equal", "StringNotEquals", R"(["x","abc"])", "abc", false),
    S("S4_1_StringEqualsIgnoreCase_ascii", "StringEqualsIgnoreCase", R"("ABC")", "abc", true),
    S("S4_2_StringEqualsIgnoreCase_latin1", "StringEqualsIgnoreCase",
      "\"\xC3\x84"
      "B\"",
      "\xC3\xA4"
      "b",
      true),
    S("S4_1_StringEqualsIgnoreCase_differs", "StringEqualsIgnoreCase", R"("ABC")", "abd", false),
    S("S4_1_StringNotEqualsIgnoreCase_same", "StringNotEqualsIgnoreCase", R"("ABC")", "abc", false),
    S("S4_1_StringNotEqualsIgnoreCase_differs", "StringNotEqualsIgnoreCase", R"("ABC")", "xyz",
      true),
    S("S4_1_StringLike_star", "StringLike", R"("a*c")", "abbbc", true),
    S("S4_1_StringLike_qmark", "StringLike", R"("a?c")", "abc", true),
    S("S4_1_StringLike_qmark_one_char", "StringLike", R"("a?c")", "abbc", false),
    S("S4_1_StringLike_case_sensitive", "StringLike", R"("A*")", "abc", false),
    S("S2_5_StringLike_star_spans_colons", "StringLike",
      R"("arn:aws:someservice:*:111122223333:finance/*")",
      "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
      true),
    S("S4_1_StringLike_star_matches_empty", "StringLike", R"("abc*")", "abc", true),
    S("S4_1_StringNotLike_match", "StringNotLike", R"("a*")", "abc", false),
    S("S4_1_StringNotLike_no_match", "StringNotLike", R"("x*")", "abc", true),
    S("S4_3_StringNotLike_list", "StringNotLike", R"(["x*","a*"])", "abc", false),
    // §4.1 / §4.2 Numeric.
    S("S4_1_NumericEquals_match", "NumericEquals", R"("10")", "10", true),
    S("S4_2_NumericEquals_decimal_equal", "NumericEquals", R"("10")", "10.0", true),
    S("S4_1_NumericEquals_differs", "NumericEquals", R"("10")", "11", false),
    S("S1_6_NumericEquals_json_number", "NumericEquals", "10", "10", true),
    S("S4_1_NumericNotEquals_differs", "NumericNotEquals", R"("10")", "11", true),
    S("S4_1_NumericNotEquals_equal", "NumericNotEquals", R"("10")", "10", false),
    S("S4_1_NumericLessThan_true", "NumericLessThan", R"("10")", "9", true),
    S("S4_1_NumericLessThan_equal_false", "NumericLessThan", R"("10")", "10", false),
    S("S4_1_NumericLessThanEquals_equal", "NumericLessThanEquals", R"("10")", "10", true),
    S("S4_1_NumericLessThanEquals_greater", "NumericLessThanEquals", R"("10")", "11", false),
    S("S4_1_NumericGreaterThan_true", "NumericGreaterThan", R"("10")", "11", true),
    S("S4_1_NumericGreaterThan_equal_false", "NumericGreaterThan", R"("10")", "10", false),
    S("S4_1_NumericGreaterThanEquals_equal", "NumericGreaterThanEquals", R"("10")", "10", true),
    S("S4_1_NumericGreaterThanEquals_less", "NumericGreaterThanEquals", R"("10")", "9", false),
    S("S4_2_Numeric_negative", "NumericLessThan", R"("0")", "-5", true),
    S("S4_2_Numeric_fraction", "NumericGreaterThan", R"("1.25")", "1.5", true),
    S("S4_2_Numeric_bad_context_never_matches", "NumericEquals", R"("10")", "ten", false),
    S("S4_2_Numeric_bad_context_negated_no_grant", "NumericNotEquals", R"("10")", "ten", false),
    S("S4_2_Numeric_bad_policy_value_no_match", "NumericEquals", R"("ten")", "10", false),
    S("S4_2_Numeric_bad_policy_only_negated_false", "NumericNotEquals", R"("ten")", "5", false),
    S("S4_2_Numeric_bad_policy_value_dropped", "NumericNotEquals", R"(["ten","5"])", "6", true),
    S("S4_2_Numeric_exponent_not_numeric", "NumericEquals", R"("1e3")", "1000", false),
    S("S4_1_NumericEquals_list_or", "NumericEquals", R"(["1","2","3"])", "3", true),
    // §4.1 / §4.2 Date.
    S("S4_1_DateEquals_iso", "DateEquals", R"("2024-01-15T09:30:00Z")", "2024-01-15T09:30:00Z",
      true),
    S("S4_2_DateEquals_offset_zone", "DateEquals", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T10:30:00+01:00", true),
    S("S4_2_DateEquals_compact_offset", "DateEquals", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T10:30:00+0100", true),
    S("S4_2_DateEquals_hour_offset", "DateEquals", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T07:30:00-02", true),
    S("S4_2_DateEquals_epoch_vs_iso", "DateEquals", R"("1705311000")", "2024-01-15T09:30:00Z",
      true),
    S("S4_2_DateEquals_iso_vs_epoch_context", "DateEquals", R"("2024-01-15T09:30:00Z")",
      "1705311000", true),
    S("S4_2_DateEquals_date_only_is_midnight", "DateEquals", R"("2024-01-15")",
      "2024-01-15T00:00:00Z", true),
    S("S4_2_DateEquals_month_only", "DateEquals", R"("2024-01")", "2024-01-01T00:00:00Z", true),
    S("S4_2_DateEquals_no_seconds", "DateEquals", R"("2024-01-15T09:30Z")", "2024-01-15T09:30:00Z",
      true),
    S("S4_2_Date_millis_precision", "DateGreaterThan", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T09:30:00.500Z", true),
    S("S4_1_DateNotEquals_differs", "DateNotEquals", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T09:30:01Z", true),
    S("S4_1_DateNotEquals_equal", "DateNotEquals", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T09:30:00Z", false),
    S("S4_1_DateLessThan_true", "DateLessThan", R"("2024-01-15T00:00:00Z")", "2024-01-14T23:59:59Z",
      true),
    S("S4_1_DateLessThan_false", "DateLessThan", R"("2024-01-15T00:00:00Z")",
      "2024-01-15T00:00:00Z", false),
    S("S4_1_DateLessThanEquals_equal", "DateLessThanEquals", R"("2024-01-15T00:00:00Z")",
      "2024-01-15T00:00:00Z", true),
    S("S4_1_DateGreaterThan_epoch", "DateGreaterThan", R"("1705311000")", "2024-01-15T09:30:01Z",
      true),
    S("S4_1_DateGreaterThan_false", "DateGreaterThan", R"("2030-01-01T00:00:00Z")",
      "2024-01-15T09:30:01Z", false),
    S("S4_1_DateGreaterThanEquals_equal", "DateGreaterThanEquals", R"("2024-01-15T09:30:00Z")",
      "2024-01-15T09:30:00Z", true),
    S("S4_2_Date_bad_context_never_matches", "DateEquals", R"("2024-01-15")", "yesterday", false),
    S("S4_2_Date_bad_context_negated_no_grant", "DateNotEquals", R"("2024-01-15")", "yesterday",
      false),
    S("S4_2_Date_leap_day", "DateEquals", R"("2024-02-29")", "2024-02-28T24:00:00Z", false),
    S("S4_2_Date_before_epoch", "DateLessThan", R"("1970-01-01T00:00:00Z")", "1969-12-31T23:59:59Z",
      true),
    // §4.1 Bool.
    S("S4_1_Bool_true", "Bool", R"("true")", "true", true),
    S("S4_2_Bool_case_insensitive_policy", "Bool", R"("TRUE")", "true", true),
    S("S4_2_Bool_case_insensitive_context", "Bool", R"("true")", "True", true),
    S("S4_1_Bool_mismatch", "Bool", R"("true")", "false", false),
    S("S4_1_Bool_false", "Bool", R"("false")", "false", true),
    S("S4_2_Bool_bad_context", "Bool", R"("true")", "yes", false),
    S("S1_6_Bool_json_bool", "Bool", "false", "false", true),
    // §4.1 BinaryEquals.
    S("S4_2_BinaryEquals_match", "BinaryEquals", R"("QUJD")", "QUJD", true),
    S("S4_2_BinaryEquals_differs", "BinaryEquals", R"("QUJD")", "QUJE", false),
    S("S4_2_BinaryEquals_bad_context", "BinaryEquals", R"("QUJD")", "!!!", false),
    S("S4_2_BinaryEquals_bad_policy", "BinaryEquals", R"("***")", "QUJD", false),
    S("S4_2_BinaryEquals_padding", "BinaryEquals", R"("QUI=")", "QUI=", true),
    // §4.1 / §4.2 IP addresses.
    S("S4_2_IpAddress_v4_in_cidr", "IpAddress", R"("203.0.113.0/24")", "203.0.113.5", true),
    S("S4_2_IpAddress_v4_outside", "IpAddress", R"("203.0.113.0/24")", "203.0.114.5", false),
    S("S4_2_IpAddress_bare_is_32", "IpAddress", R"("203.0.113.5")", "203.0.113.5", true),
    S("S4_2_IpAddress_bare_other", "IpAddress", R"("203.0.113.5")", "203.0.113.6", false),
    S("S4_2_IpAddress_host_bits_masked", "IpAddress", R"("10.1.2.3/8")", "10.200.0.1", true),
    S("S4_2_IpAddress_zero_prefix", "IpAddress", R"("0.0.0.0/0")", "198.51.100.7", true),
    S("S4_2_IpAddress_list_or", "IpAddress", R"(["192.0.2.0/24","203.0.113.0/24"])", "203.0.113.9",
      true),
    S("S4_2_IpAddress_v6_in", "IpAddress", R"("2001:DB8:1234:5678::/64")", "2001:db8:1234:5678::1",
      true),
    S("S4_2_IpAddress_v6_out", "IpAddress", R"("2001:DB8:1234:5678::/64")", "2001:db8:1234:5679::1",
      false),
    S("S4_2_IpAddress_v6_bare_128", "IpAddress", R"("2001:db8::1")", "2001:db8::1", true),
    S("S4_2_IpAddress_v6_embedded_v4", "IpAddress", R"("::ffff:10.0.0.0/120")", "::ffff:10.0.0.9",
      true),
    S("S4_2_IpAddress_v4_never_in_v6", "IpAddress", R"("::/0")", "10.0.0.1", false),
    S("S4_2_IpAddress_v6_never_in_v4", "IpAddress", R"("0.0.0.0/0")", "2001:db8::1", false),
    S("S4_2_NotIpAddress_v4_vs_v6_block", "NotIpAddress", R"("2001:db8::/32")", "10.0.0.1", true),
    S("S4_2_NotIpAddress_inside", "NotIpAddress", R"("203.0.113.0/24")", "203.0.113.5", false),
    S("S4_2_NotIpAddress_outside", "NotIpAddress", R"("203.0.113.0/24")", "198.51.100.1", true),
    S("S4_2_IpAddress_bad_policy_value", "IpAddress", R"("300.1.1.1/8")", "44.1.1.1", false),
    S("S4_2_IpAddress_bad_prefix", "IpAddress", R"("10.0.0.0/33")", "10.0.0.1", false),
    S("S4_2_NotIpAddress_bad_policy_only", "NotIpAddress", R"("not-an-ip")", "10.0.0.1", false),
    S("S4_2_NotIpAddress_bad_value_dropped", "NotIpAddress", R"(["bad","192.0.2.0/24"])",
      "10.0.0.1", true),
    S("S4_2_NotIpAddress_bad_context", "NotIpAddress", R"("192.0.2.0/24")", "abc", false),
    S("S4_2_IpAddress_bad_context", "IpAddress", R"("0.0.0.0/0")", "abc", false),
    // §4.1 / §2.5 ARN operators.
    S("S4_1_ArnLike_match", "ArnLike", R"("arn:aws:iam::123456789012:role/*")",
      "arn:aws:iam::123456789012:role/x", true),
    S("S4_1_ArnEquals_honours_wildcards", "ArnEquals", R"("arn:aws:iam::123456789012:role/*")",
      "arn:aws:iam::123456789012:role/x", true),
    S("S4_1_ArnEquals_exact", "ArnEquals", R"("arn:aws:sns:us-east-1:123456789012:t")",
      "arn:aws:sns:us-east-1:123456789012:t", true),
    S("S2_5_ArnLike_fields_do_not_span", "ArnLike",
      R"("arn:aws:someservice:*:111122223333:finance/*")",
      "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
      false),
    S("S2_5_ArnLike_region_wildcard", "ArnLike", R"("arn:aws:sns:*:123456789012:t")",
      "arn:aws:sns:us-east-1:123456789012:t", true),
    S("S2_5_ArnLike_resource_spans_colons", "ArnLike", R"("arn:aws:logs:*:*:log-group:*")",
      "arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s", true),
    S("S2_5_ArnLike_case_sensitive", "ArnLike", R"("arn:aws:iam::123456789012:role/X")",
      "arn:aws:iam::123456789012:role/x", false),
    S("S4_1_ArnNotLike_no_match", "ArnNotLike", R"("arn:aws:iam::123456789012:role/a*")",
      "arn:aws:iam::123456789012:role/x", true),
    S("S4_1_ArnNotLike_match", "ArnNotLike", R"("arn:aws:iam::123456789012:role/*")",
      "arn:aws:iam::123456789012:role/x", false),
    S("S4_1_ArnNotEquals_same_as_NotLike", "ArnNotEquals", R"("arn:aws:iam::123456789012:role/*")",
      "arn:aws:iam::123456789012:role/x", false),
    S("S4_2_ArnLike_context_not_arn", "ArnLike", R"("*")", "not-an-arn", false),
    S("S4_2_ArnNotLike_context_not_arn", "ArnNotLike", R"("arn:aws:s3:::b")", "not-an-arn", false),
    S("S4_1_ArnLike_star_matches_any_arn", "ArnLike", R"("*")", "arn:aws:s3:::b", true),
    // §4.1 Null.
    A("S4_4_Null_true_absent", "Null", R"("true")", true),
    S("S4_4_Null_true_present", "Null", R"("true")", "x", false),
    A("S4_4_Null_false_absent", "Null", R"("false")", false),
    S("S4_4_Null_false_present", "Null", R"("false")", "x", true),
    M("S4_4_Null_true_empty_multivalue", "Null", R"("true")", {}, true),
    M("S4_4_Null_false_empty_multivalue", "Null", R"("false")", {}, false),
    M("S4_4_Null_false_multivalue_present", "Null", R"("false")", {"a"}, true),
    S("S4_4_Null_case_insensitive_value", "Null", R"("FALSE")", "x", true),
    S("S4_4_Null_bad_value_never_matches", "Null", R"("maybe")", "x", false),
    // §4.4 Missing keys for plain operators.
    A("S4_4_StringEquals_absent_false", "StringEquals", R"("a")", false),
    A("S4_4_StringNotEquals_absent_true", "StringNotEquals", R"("a")", true),
    A("S4_4_StringEqualsIgnoreCase_absent_false", "StringEqualsIgnoreCase", R"("a")", false),
    A("S4_4_StringNotEqualsIgnoreCase_absent_true", "StringNotEqualsIgnoreCase", R"("a")", true),
    A("S4_4_StringLike_absent_false", "StringLike", R"("*")", false),
    A("S4_4_StringNotLike_absent_true", "StringNotLike", R"("a")", true),
    A("S4_4_NumericEquals_absent_false", "NumericEquals", R"("1")", false),
    A("S4_4_NumericNotEquals_absent_true", "NumericNotEquals", R"("1")", true),
    A("S4_4_NumericLessThan_absent_false", "NumericLessThan", R"("1")", false),
    A("S4_4_DateLessThan_absent_false", "DateLessThan", R"("2024-01-01")", false),
    A("S4_4_DateNotEquals_absent_true", "DateNotEquals", R"("2024-01-01")", true),
    A("S4_4_Bool_absent_false", "Bool", R"("false")", false),
    A("S4_4_BinaryEquals_absent_false", "BinaryEquals", R"("QUJD")", false),
    A("S4_4_IpAddress_absent_false", "IpAddress", R"("0.0.0.0/0")", false),
    A("S4_4_NotIpAddress_absent_true", "NotIpAddress", R"("10.0.0.0/8")", true),
    A("S4_4_ArnLike_absent_false", "ArnLike", R"("*")", false),
    A("S4_4_ArnNotLike_absent_true", "ArnNotLike", R"("arn:aws:s3:::b")", true),
    A("S4_4_ArnNotEquals_absent_true", "ArnNotEquals", R"("arn:aws:s3:::b")", true),
    M("S4_4_StringEquals_empty_multivalue_false", "StringEquals", R"("a")", {}, false),
    M("S4_4_StringNotEquals_empty_multivalue_true", "StringNotEquals", R"("a")", {}, true),
    // §4.4 IfExists.
    A("S4_4_StringEqualsIfExists_absent", "StringEqualsIfExists", R"("a")", true),
    S("S4_4_StringEqualsIfExists_present_match", "StringEqualsIfExists", R"("a")", "a", true),
    S("S4_4_StringEqualsIfExists_present_mismatch", "StringEqualsIfExists", R"("a")", "b", false),
    A("S4_4_StringNotEqualsIfExists_absent", "StringNotEqualsIfExists", R"("a")", true),
    S("S4_4_StringNotEqualsIfExists_present_equal", "StringNotEqualsIfExists", R"("a")", "a",
      false),
    A("S4_4_NumericLessThanIfExists_absent", "NumericLessThanIfExists", R"("1")", true),
    A("S4_4_BoolIfExists_absent", "BoolIfExists", R"("false")", true),
    S("S4_4_BoolIfExists_present_true_mismatch", "BoolIfExists", R"("false")", "true", false),
    A("S4_4_IpAddressIfExists_absent", "IpAddressIfExists", R"("10.0.0.0/8")", true),
    A("S4_4_ArnLikeIfExists_absent", "ArnLikeIfExists", R"("*")", true),
    A("S4_4_DateGreaterThanIfExists_absent", "DateGreaterThanIfExists", R"("2024-01-01")", true),
    M("S4_4_StringLikeIfExists_empty_multivalue", "ForAnyValue:StringLikeIfExists", R"("a")", {},
      true),
    // §4.4 Set operators with missing keys / empty sets.
    A("S4_4_ForAnyValue_absent_false", "ForAnyValue:StringEquals", R"("a")", false),
    M("S4_4_ForAnyValue_empty_false", "ForAnyValue:StringEquals", R"("a")", {}, false),
    A("S4_4_ForAllValues_absent_true", "ForAllValues:StringEquals", R"("a")", true),
    M("S4_4_ForAllValues_empty_true", "ForAllValues:StringEquals", R"("a")", {}, true),
    A("S4_4_ForAnyValue_StringNotEquals_absent", "ForAnyValue:StringNotEquals", R"("a")", false),
    A("S4_4_ForAllValues_StringNotEquals_absent", "ForAllValues:StringNotEquals", R"("a")", true),
    A("S4_4_ForAnyValue_IfExists_absent", "ForAnyValue:StringEqualsIfExists", R"("a")", true),
    // §4.3 Set operators over values.
    M("S4_3_ForAnyValue_StringEquals_hit", "ForAnyValue:StringEquals", R"(["a","b"])", {"b", "c"},
      true),
    M("S4_3_ForAnyValue_StringEquals_miss", "ForAnyValue:StringEquals", R"(["a","b"])", {"c", "d"},
      false),
    M("S4_3_ForAllValues_StringEquals_subset", "ForAllValues:StringEquals", R"(["a","b"])",
      {"a", "b"}, true),
    M("S4_3_ForAllValues_StringEquals_extra", "ForAllValues:StringEquals", R"(["a","b"])",
      {"a", "c"}, false),
    M("S4_4_ForAnyValue_StringNotEquals_one_differs", "ForAnyValue:StringNotEquals", R"(["a"])",
      {"a", "b"}, true),
    M("S4_4_ForAnyValue_StringNotEquals_none_differs", "ForAnyValue:StringNotEquals", R"(["a"])",
      {"a"}, false),
    M("S4_4_ForAllValues_StringNotEquals_disjoint", "ForAllValues:StringNotEquals", R"(["a","b"])",
      {"c", "d"}, true),
    M("S4_4_ForAllValues_StringNotEquals_overlap", "ForAllValues:StringNotEquals", R"(["a","b"])",
      {"c", "a"}, false),
    M("S4_3_ForAllValues_StringLike", "ForAllValues:StringLike", R"(["a*"])", {"ab", "ac"}, true),
    M("S4_3_ForAllValues_StringLike_miss", "ForAllValues:StringLike", R"(["a*"])", {"ab", "bc"},
      false),
    M("S4_3_ForAnyValue_StringEqualsIgnoreCase", "ForAnyValue:StringEqualsIgnoreCase",
      R"(["DEPT"])", {"x", "dept"}, true),
    M("S4_3_ForAllValues_NumericLessThan", "ForAllValues:NumericLessThan", R"("10")", {"1", "2"},
      true),
    M("S4_3_ForAllValues_NumericLessThan_miss", "ForAllValues:NumericLessThan", R"("10")",
      {"1", "20"}, false),
    M("S4_3_ForAnyValue_IpAddress", "ForAnyValue:IpAddress", R"("10.0.0.0/8")",
      {"192.0.2.1", "10.1.1.1"}, true),
    M("S4_3_ForAnyValue_ArnLike", "ForAnyValue:ArnLike", R"("arn:aws:iam::*:role/a*")",
      {"arn:aws:iam::123456789012:role/abc"}, true),
    M("S4_3_ForAllValues_bad_numeric_value_fails", "ForAllValues:NumericEquals", R"("1")",
      {"1", "x"}, false),
    S("S4_3_ForAnyValue_on_single_valued_key", "ForAnyValue:StringEquals", R"("a")", "a", true),
    S("S4_3_ForAllValues_on_single_valued_key", "ForAllValues:StringEquals", R"("a")", "b", false),
    // §4.5 Unqualified operators on multi-valued keys never match.
    M("S4_5_StringEquals_on_multivalued", "StringEquals", R"("a")", {"a"}, false),
    M("S4_5_StringNotEquals_on_multivalued", "StringNotEquals", R"("a")", {"b"}, false),
    M("S4_5_StringLike_on_multivalued", "StringLike", R"("*")", {"a", "b"}, false),
};

INSTANTIATE_TEST_SUITE_P(Spec, ConditionTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return SafeName(info.param.name); });

// §4.3 block combination: operators and keys AND-ed.
TEST(ConditionBlock, S4_3_OperatorsAndKeysAreAnded) {
  PolicySet set;
  set.identity.push_back(Ref(Allow("\"s3:GetObject\"", "\"*\"",
                                   R"(,"Condition":{"StringEquals":{"a:x":"1","a:y":"2"},)"
                                   R"("Bool":{"a:z":"true"}})")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("a:x", "1");
  ctx.keys.Set("a:y", "2");
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
  ctx.keys.Set("a:z", "true");
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
  ctx.keys.Set("a:y", "3");
  EXPECT_FALSE(Evaluate(set, ctx).allowed());
}

TEST(ConditionBlock, S1_6_EmptyConditionMeansNone) {
  PolicySet set;
  set.identity.push_back(Ref(Allow("\"s3:GetObject\"", "\"*\"", R"(,"Condition":{})")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
}

TEST(ConditionBlock, S1_6_KeyNamesCaseInsensitive) {
  PolicySet set;
  set.identity.push_back(Ref(Allow("\"s3:GetObject\"", "\"*\"",
                                   R"(,"Condition":{"IpAddress":{"AWS:sourceip":"10.0.0.0/8"}})")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("aws:SourceIP", "10.1.2.3");
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
}

TEST(ConditionBlock, S1_6_TagKeySuffixCaseInsensitive) {
  PolicySet set;
  set.identity.push_back(
      Ref(Allow("\"s3:GetObject\"", "\"*\"",
                R"(,"Condition":{"StringEquals":{"aws:PrincipalTag/Team":"eng"}})")));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.keys.Set("aws:principaltag/TEAM", "eng");
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
}

}  // namespace
}  // namespace rampart::policy::testing
