// Tests for the evaluation fast paths: FastEqual, template matching without expansion, typed
// request values parsed once, the service index and the per-evaluation memo.
#include <gtest/gtest.h>

#include <string>

#include "policy/condition.h"
#include "policy/glob.h"
#include "policy/policy.h"
#include "test_util.h"

namespace rampart::policy {
namespace {

using testing::kAcct;
using testing::Ref;
using testing::User;

TEST(FastEqual, AgreesWithStdEqualityForEveryLength) {
  for (size_t n = 0; n < 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    EXPECT_TRUE(FastEqual(a, a));
    for (size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = 'Z';
      EXPECT_FALSE(FastEqual(a, b)) << n << " " << i;
    }
    EXPECT_FALSE(FastEqual(a, a + "y"));
  }
}

// A resource template with variables, as the parser compiles it.
const ResourcePattern& OnlyResource(const std::shared_ptr<const Policy>& p) {
  return p->statements().at(0).resources.at(0);
}

std::shared_ptr<const Policy> PolicyWithResource(const std::string& resource) {
  return testing::MustParse(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":")" +
      resource + R"("}})");
}

TEST(SimpleTemplate, ClassifiesTrailingStarOnly) {
  EXPECT_TRUE(
      OnlyResource(PolicyWithResource("arn:aws:s3:::b/${aws:username}/*")).resource.simple_glob);
  EXPECT_TRUE(
      OnlyResource(PolicyWithResource("arn:aws:s3:::b/${aws:username}")).resource.simple_glob);
  EXPECT_FALSE(
      OnlyResource(PolicyWithResource("arn:aws:s3:::b/*/${aws:username}")).resource.simple_glob);
  EXPECT_FALSE(
      OnlyResource(PolicyWithResource("arn:aws:s3:::b/${aws:username}/?x")).resource.simple_glob);
}

TEST(SimpleTemplate, MatchesLikeExpansionPlusGlob) {
  ContextKeys keys;
  keys.Set("aws:username", "alice");
  keys.Set("aws:PrincipalTag/team", "a*b");  // reserved-free but literal '*'
  keys.SetMulti("aws:TagKeys", {"x"});
  struct Case {
    const char* resource;
    const char* text;
  } cases[] = {
      {"b/${aws:username}/*", "b/alice/x"},
      {"b/${aws:username}/*", "b/alice/"},
      {"b/${aws:username}/*", "b/alice"},
      {"b/${aws:username}/*", "b/bob/x"},
      {"b/${aws:username}", "b/alice"},
      {"b/${aws:username}", "b/alicex"},
      {"${aws:username}*", "alice"},
      {"b/${aws:missing}/*", "b//x"},
      {"b/${aws:missing, 'dflt'}/*", "b/dflt/k"},
      {"b/${aws:missing, 'dflt'}", "b/other"},
      {"b/${aws:TagKeys}/*", "b/x/y"},
      {"b/${aws:PrincipalTag/team}", "b/a*b"},
      {"b/${aws:PrincipalTag/team}", "b/aXb"},
      {"${aws:username}${aws:username}", "alicealice"},
  };
  std::string scratch;
  for (const Case& c : cases) {
    auto policy = PolicyWithResource(std::string("arn:aws:s3:::") + c.resource);
    const Template& t = OnlyResource(policy).resource;
    ASSERT_TRUE(t.simple_glob) << c.resource;
    std::string_view pattern;
    bool expected = ExpandTemplate(t, keys, &scratch, &pattern) && GlobMatch(pattern, c.text);
    EXPECT_EQ(MatchSimpleTemplate(t, keys, c.text), expected) << c.resource << " vs " << c.text;
  }
}

TEST(TypedValues, ParsedOnceWhenSet) {
  ContextKeys keys;
  keys.Set("aws:SourceIp", "10.1.2.3");
  keys.Set("aws:MultiFactorAuthAge", "12.5");
  keys.Set("aws:SecureTransport", "TRUE");
  keys.Set("aws:CurrentTime", "2024-06-15T12:00:00Z");
  keys.SetMulti("k", {"1", "x"});
  EXPECT_TRUE(keys.Find("aws:sourceip")->typed.at(0).is_ip);
  EXPECT_FALSE(keys.Find("aws:sourceip")->typed.at(0).is_bool);
  EXPECT_TRUE(keys.Find("aws:MultiFactorAuthAge")->typed.at(0).is_number);
  EXPECT_EQ(keys.Find("aws:MultiFactorAuthAge")->typed.at(0).number, 12.5L);
  EXPECT_TRUE(keys.Find("aws:SecureTransport")->typed.at(0).is_bool);
  EXPECT_TRUE(keys.Find("aws:SecureTransport")->typed.at(0).boolean);
  EXPECT_TRUE(keys.Find("aws:CurrentTime")->typed.at(0).is_date);
  ASSERT_EQ(keys.Find("k")->typed.size(), 2u);
  EXPECT_TRUE(keys.Find("k")->typed[0].is_number);
  EXPECT_FALSE(keys.Find("k")->typed[1].is_number);
  keys.Set("aws:SourceIp", "not-an-ip");  // replacing a value re-parses it
  EXPECT_FALSE(keys.Find("aws:SourceIp")->typed.at(0).is_ip);
}

TEST(ServiceIndex, FindsEveryServiceAndNothingElse) {
  std::string statements;
  for (int i = 0; i < 40; ++i) {
    if (i) statements += ",";
    statements +=
        R"({"Effect":"Allow","Action":"svc)" + std::to_string(i) + R"(:Get*","Resource":"*"})";
  }
  auto p = testing::MustParse(R"({"Version":"2012-10-17","Statement":[)" + statements + "]}");
  for (int i = 0; i < 40; ++i) {
    const auto* list = p->ForService("svc" + std::to_string(i));
    ASSERT_NE(list, nullptr) << i;
    EXPECT_EQ(list->size(), 1u);
    EXPECT_EQ(list->at(0), static_cast<uint32_t>(i));
  }
  EXPECT_EQ(p->ForService("svc40"), nullptr);
  EXPECT_EQ(p->ForService("s3"), nullptr);
}

// The memo shares results between identical patterns/conditions of different policies within one
// evaluation only: a new request must never see the previous request's answers.
TEST(Memo, ResultsDoNotLeakBetweenEvaluations) {
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*",
      "Resource":"arn:aws:s3:::b/${aws:PrincipalTag/team}/*",
      "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}})";
  PolicySet set;
  set.identity.push_back(Ref(doc, PolicyType::kIdentity, "p1"));
  set.identity.push_back(Ref(doc, PolicyType::kIdentity, "p2"));
  set.boundary = Ref(doc, PolicyType::kBoundary, "pb");
  auto request = [](const char* team, const char* ip, const char* action) {
    RequestContext ctx;
    ctx.principal = User();
    ctx.action = action;
    ctx.resource = "arn:aws:s3:::b/red/k";
    ctx.resource_account = kAcct;
    ctx.keys.Set("aws:PrincipalTag/team", team);
    ctx.keys.Set("aws:SourceIp", ip);
    return ctx;
  };
  for (int round = 0; round < 3; ++round) {
    Decision yes = Evaluate(set, request("red", "10.1.1.1", "s3:GetObject"));
    EXPECT_TRUE(yes.allowed());
    EXPECT_EQ(yes.matched.size(), 3u);
    EXPECT_FALSE(Evaluate(set, request("blue", "10.1.1.1", "s3:GetObject")).allowed());
    EXPECT_FALSE(Evaluate(set, request("red", "192.0.2.1", "s3:GetObject")).allowed());
    EXPECT_FALSE(Evaluate(set, request("red", "10.1.1.1", "s3:PutObject")).allowed());
  }
}

TEST(Memo, MissingKeysStillReportedForMemoisedConditions) {
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*",
      "Condition":{"Bool":{"aws:SecureTransport":"true"}}}})";
  PolicySet set;
  set.identity.push_back(Ref(doc, PolicyType::kIdentity, "p1"));
  set.identity.push_back(Ref(doc, PolicyType::kIdentity, "p2"));
  RequestContext ctx;
  ctx.principal = User();
  ctx.action = "s3:GetObject";
  ctx.resource = "arn:aws:s3:::b/k";
  Decision d = Evaluate(set, ctx);
  EXPECT_FALSE(d.allowed());
  ASSERT_EQ(d.missing_keys.size(), 1u);
  EXPECT_EQ(d.missing_keys[0], "aws:SecureTransport");
  ctx.keys.Set("aws:SecureTransport", "true");
  EXPECT_TRUE(Evaluate(set, ctx).allowed());
}

}  // namespace
}  // namespace rampart::policy
