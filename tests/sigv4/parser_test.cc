// Detection and parsing of SigV4 authentication, with the error for each malformation (§7.1-7.2).
#include <gtest/gtest.h>

#include "sigv4/auth_parser.h"
#include "sigv4/auth_style.h"
#include "test_util.h"

namespace rampart::sigv4 {
namespace {

http::Request WithAuth(std::string auth, bool with_date = true) {
  http::Request r = testing::StsRequest();
  if (with_date) r.headers.Add("X-Amz-Date", "20240115T093000Z");
  r.headers.Add("Authorization", std::move(auth));
  return r;
}

TEST(AuthStyleTest, Detects) {
  http::Request r = testing::StsRequest();
  EXPECT_EQ(DetectAuthStyle(r), AuthStyle::kNone);
  EXPECT_EQ(DetectAuthStyle(WithAuth(testing::kVector1Authorization)), AuthStyle::kHeader);
  EXPECT_EQ(DetectAuthStyle(WithAuth("AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=")),
            AuthStyle::kSigV2);
  EXPECT_EQ(DetectAuthStyle(WithAuth("AWS4-ECDSA-P256-SHA256 Credential=x")), AuthStyle::kSigV4A);
  EXPECT_EQ(DetectAuthStyle(WithAuth("Bearer abc")), AuthStyle::kUnsupported);
  r.target = "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=x";
  EXPECT_EQ(DetectAuthStyle(r), AuthStyle::kPresigned);
  r.headers.Add("Authorization", testing::kVector1Authorization);
  EXPECT_EQ(DetectAuthStyle(r), AuthStyle::kBoth);
  http::Request v2 = testing::StsRequest();
  v2.target = "/?AWSAccessKeyId=AKIA&Signature=abc&Expires=1";
  EXPECT_EQ(DetectAuthStyle(v2), AuthStyle::kSigV2);
}

TEST(AuthParserTest, ParsesHeaderFields) {
  http::Request r = WithAuth(testing::kVector1Authorization);
  r.headers.Add("X-Amz-Security-Token", "tok");
  auto p = ParseAuth(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->access_key_id, testing::kAkid);
  EXPECT_EQ(p->scope_date, "20240115");
  EXPECT_EQ(p->region, "us-east-1");
  EXPECT_EQ(p->service, "sts");
  EXPECT_EQ(p->terminator, "aws4_request");
  EXPECT_EQ(p->signed_headers, "content-type;host;x-amz-date");
  ASSERT_EQ(p->signed_header_names.size(), 3u);
  EXPECT_EQ(p->signed_header_names[1], "host");
  EXPECT_EQ(p->signature, "0c2c921245d086367e154d99ad594da155e7f7f493c5e4bb32c0db03cb677369");
  EXPECT_EQ(p->amz_date, "20240115T093000Z");
  ASSERT_TRUE(p->request_time.has_value());
  EXPECT_EQ(*p->request_time, testing::kEpoch);
  EXPECT_EQ(p->security_token, "tok");
  EXPECT_EQ(p->Scope(), "20240115/us-east-1/sts/aws4_request");
}

TEST(AuthParserTest, AcceptsAnyOrderAndNoSpaces) {
  auto p = ParseAuth(WithAuth(
      "AWS4-HMAC-SHA256 Signature=abc,SignedHeaders=host,Credential=AK/20240115/r/s/aws4_request"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->signature, "abc");
  EXPECT_EQ(p->access_key_id, "AK");
}

TEST(AuthParserTest, MissingPartsListedInOrder) {
  auto p = ParseAuth(WithAuth("AWS4-HMAC-SHA256 Foo=bar", /*with_date=*/false));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().failure, AuthFailure::kIncompleteSignature);
  EXPECT_EQ(p.error().detail,
            "Authorization header requires 'Credential' parameter. Authorization header requires "
            "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
            "header. Authorization=AWS4-HMAC-SHA256 Foo=bar");
  auto q = ParseAuth(
      WithAuth("AWS4-HMAC-SHA256 Credential=AK/20240115/r/s/aws4_request, SignedHeaders=host"));
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.error().detail.rfind("Authorization header requires 'Signature' parameter. "
                                   "Authorization=",
                                   0),
            0u);
}

TEST(AuthParserTest, MalformedCredential) {
  for (const char* cred :
       {"AK/20240115/r/s", "AK/20240115/r/s/aws4_request/x", "AK//r/s/t", "", "/////"}) {
    auto p = ParseAuth(WithAuth(std::string("AWS4-HMAC-SHA256 Credential=") + cred +
                                ", SignedHeaders=host, Signature=abc"));
    ASSERT_FALSE(p.ok()) << cred;
    EXPECT_EQ(p.error().failure, AuthFailure::kMalformedCredential) << cred;
  }
}

TEST(AuthParserTest, HostMustBeSigned) {
  auto p = ParseAuth(WithAuth(
      "AWS4-HMAC-SHA256 Credential=AK/20240115/r/s/aws4_request, SignedHeaders=x-amz-date, "
      "Signature=abc"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().failure, AuthFailure::kHostNotSigned);
}

TEST(AuthParserTest, UnsupportedMechanisms) {
  for (const char* a : {"AWS AKIA:sig", "AWS4-ECDSA-P256-SHA256 Credential=x", "Basic x"}) {
    auto p = ParseAuth(WithAuth(a));
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().failure, AuthFailure::kUnsupportedAuthMechanism) << a;
  }
  http::Request none = testing::StsRequest();
  auto n = ParseAuth(none);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().failure, AuthFailure::kMissingAuthentication);
}

TEST(AuthParserTest, DateHeaderFallback) {
  http::Request r = WithAuth(testing::kVector1Authorization, false);
  r.headers.Add("Date", "Mon, 15 Jan 2024 09:30:00 GMT");
  auto p = ParseAuth(r);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->date_from_date_header);
  EXPECT_EQ(p->amz_date, "20240115T093000Z");
  http::Request bad = WithAuth(testing::kVector1Authorization, false);
  bad.headers.Add("Date", "yesterday");
  auto q = ParseAuth(bad);
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->request_time.has_value());
  EXPECT_EQ(q->raw_date, "yesterday");
}

http::Request Presigned(std::string query) {
  http::Request r;
  r.method = "GET";
  r.target = "/key?" + query;
  r.headers.Add("Host", "b.s3.amazonaws.com");
  return r;
}

constexpr const char* kGoodPresign =
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20240115%2Fus-east-1%2Fs3%2F"
    "aws4_request&X-Amz-Date=20240115T093000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&"
    "X-Amz-Signature=abc";

TEST(PresignParserTest, ParsesQuery) {
  auto p = ParseAuth(Presigned(std::string(kGoodPresign) + "&X-Amz-Security-Token=a%2Bb"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->style, AuthStyle::kPresigned);
  EXPECT_EQ(p->access_key_id, "AK");
  EXPECT_EQ(p->region, "us-east-1");
  EXPECT_EQ(p->expires_seconds, 60);
  EXPECT_EQ(p->security_token, "a+b");
}

TEST(PresignParserTest, MissingParameters) {
  auto p = ParseAuth(Presigned("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240115T093000Z"));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().failure, AuthFailure::kMissingPresignParameters);
  EXPECT_NE(p.error().detail.find("X-Amz-Credential"), std::string::npos);
  EXPECT_EQ(p.error().detail.find("X-Amz-Date"), std::string::npos);
}

TEST(PresignParserTest, ExpiresValidation) {
  std::string base(kGoodPresign);
  auto with = [&](const std::string& v) {
    std::string q = base;
    q.replace(q.find("X-Amz-Expires=60"), 16, "X-Amz-Expires=" + v);
    return ParseAuth(Presigned(q));
  };
  auto nan = with("abc");
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.error().failure, AuthFailure::kInvalidExpires);
  EXPECT_EQ(nan.error().s3_detail, "X-Amz-Expires should be a number");
  auto neg = with("-1");
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.error().s3_detail, "X-Amz-Expires must be non-negative");
  auto big = with("604801");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().s3_detail.rfind("X-Amz-Expires must be less than a week", 0), 0u);
  EXPECT_TRUE(with("604800").ok());
}

TEST(PresignParserTest, WrongAlgorithm) {
  std::string q(kGoodPresign);
  q.replace(0, 32, "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256");
  auto p = ParseAuth(Presigned(q));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().failure, AuthFailure::kUnsupportedAuthMechanism);
}

TEST(PresignParserTest, BothMechanisms) {
  http::Request r = Presigned(kGoodPresign);
  r.headers.Add("Authorization", testing::kVector1Authorization);
  auto p = ParseAuth(r);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().failure, AuthFailure::kMultipleAuthMechanisms);
}

}  // namespace
}  // namespace rampart::sigv4
