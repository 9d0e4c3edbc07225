// Cross-checks rampart's verifier and signer against requests signed by botocore
// (fixtures generated at build time by botocore_vectors.py).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "sigv4/auth_parser.h"
#include "sigv4/signer.h"
#include "sigv4/verifier.h"
#include "test_util.h"

namespace rampart::sigv4 {
namespace {

namespace json = boost::json;

struct Case {
  json::object obj;
  std::string Str(const char* k) const { return std::string(obj.at(k).as_string()); }
  bool Bool(const char* k) const { return obj.at(k).as_bool(); }
};

json::object LoadFixtures() {
  std::ifstream f(RAMPART_BOTOCORE_VECTORS);
  std::stringstream ss;
  ss << f.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec || !v.is_object()) return {};
  return v.as_object();
}

http::Request BuildRequest(const Case& c, const char* target_key, const char* headers_key) {
  http::Request r;
  r.method = c.Str("method");
  r.target = c.Str(target_key);
  r.body = c.Str("body");
  for (const auto& h : c.obj.at(headers_key).as_array()) {
    const auto& pair = h.as_array();
    r.headers.Add(std::string(pair[0].as_string()), std::string(pair[1].as_string()));
  }
  return r;
}

std::string SignatureParam(const std::string& target) {
  size_t p = target.find("X-Amz-Signature=");
  return p == std::string::npos ? std::string() : target.substr(p + 16, 64);
}

class BotocoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = LoadFixtures();
    ASSERT_FALSE(root_.empty()) << "cannot read " << RAMPART_BOTOCORE_VECTORS;
    if (root_.contains("skipped")) GTEST_SKIP() << root_.at("skipped").as_string().c_str();
    for (const auto& c : root_.at("cases").as_array()) cases_.push_back({c.as_object()});
    ASSERT_GE(cases_.size(), 10u);
  }
  VerifyOptions Options(const Case& c) const {
    VerifyOptions o;
    o.service = c.Str("service");
    o.s3 = c.Bool("s3");
    return o;
  }
  json::object root_;
  std::vector<Case> cases_;
};

TEST_F(BotocoreTest, VerifierAcceptsEveryBotocoreRequest) {
  for (const Case& c : cases_) {
    SCOPED_TRACE(c.Str("name"));
    http::Request r = BuildRequest(c, "target", "headers");
    auto parsed = ParseAuth(r);
    ASSERT_TRUE(parsed.ok()) << static_cast<int>(parsed.error().failure);
    EXPECT_EQ(parsed->style, c.Bool("presigned") ? AuthStyle::kPresigned : AuthStyle::kHeader);
    EXPECT_EQ(parsed->security_token, c.Str("token"));
    auto v = Verify(*parsed, r, testing::kSecret, testing::T0(), Options(c));
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().canonical_request);
  }
}

TEST_F(BotocoreTest, VerifierRejectsTamperedBotocoreRequests) {
  for (const Case& c : cases_) {
    SCOPED_TRACE(c.Str("name"));
    http::Request r = BuildRequest(c, "target", "headers");
    r.headers.Set("Host", "attacker.example.com");
    auto parsed = ParseAuth(r);
    ASSERT_TRUE(parsed.ok());
    auto v = Verify(*parsed, r, testing::kSecret, testing::T0(), Options(c));
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().failure, AuthFailure::kSignatureDoesNotMatch);
  }
}

TEST_F(BotocoreTest, SignerMatchesBotocore) {
  for (const Case& c : cases_) {
    if (!c.Bool("resign")) continue;
    SCOPED_TRACE(c.Str("name"));
    http::Request signed_by_botocore = BuildRequest(c, "target", "headers");
    http::Request ours = BuildRequest(c, "unsigned_target", "unsigned_headers");
    Credentials creds{testing::kAkid, testing::kSecret, c.Str("token")};
    SignOptions opt{.region = c.Str("region"), .service = c.Str("service"), .s3 = c.Bool("s3")};
    if (c.Bool("presigned")) {
      auto parsed = ParseAuth(signed_by_botocore);
      ASSERT_TRUE(parsed.ok());
      PresignRequest(ours, creds, testing::T0(), parsed->expires_seconds, opt);
      EXPECT_EQ(SignatureParam(ours.target), SignatureParam(signed_by_botocore.target));
    } else {
      SignRequest(ours, creds, testing::T0(), opt);
      EXPECT_EQ(ours.headers.Get("Authorization"), signed_by_botocore.headers.Get("Authorization"));
    }
  }
}

}  // namespace
}  // namespace rampart::sigv4
