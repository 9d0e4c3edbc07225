// End-to-end verification: each failure row reached from a real request, plus presigned URLs.
#include "sigv4/verifier.h"

#include <gtest/gtest.h>

#include "crypto/sha256.h"
#include "sigv4/auth_parser.h"
#include "sigv4/error_mapping.h"
#include "sigv4/signer.h"
#include "test_util.h"

namespace rampart::sigv4 {
namespace {

using namespace rampart::sigv4::testing;  // NOLINT(build/namespaces)

const Credentials kCreds{kAkid, kSecret, ""};

AuthResult<VerifiedRequest> ParseAndVerify(const http::Request& r, Clock::TimePoint now,
                                           const VerifyOptions& opt,
                                           std::string_view secret = kSecret) {
  auto p = ParseAuth(r);
  if (!p.ok()) return std::move(p).error();
  return Verify(*p, r, secret, now, opt);
}

AuthFailure FailureOf(const AuthResult<VerifiedRequest>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? AuthFailure::kSignatureDoesNotMatch : r.error().failure;
}

http::Request SignedSts(Clock::TimePoint when = T0(), std::string region = "us-east-1",
                        std::string service = "sts") {
  http::Request r = StsRequest();
  SignRequest(r, kCreds, when, {.region = region, .service = service});
  return r;
}

const VerifyOptions kSts{.service = "sts"};

TEST(VerifierTest, AcceptsValidRequest) {
  auto v = ParseAndVerify(SignedSts(), T0(), kSts);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->payload_hash, crypto::Sha256Hex(StsRequest().body));
  EXPECT_FALSE(v->streaming_signed);
}

TEST(VerifierTest, SignatureMismatchCases) {
  http::Request body = SignedSts();
  body.body += "&Extra=1";
  EXPECT_EQ(FailureOf(ParseAndVerify(body, T0(), kSts)), AuthFailure::kSignatureDoesNotMatch);
  http::Request header = SignedSts();
  header.headers.Set("Content-Type", "text/plain");
  EXPECT_EQ(FailureOf(ParseAndVerify(header, T0(), kSts)), AuthFailure::kSignatureDoesNotMatch);
  EXPECT_EQ(FailureOf(ParseAndVerify(SignedSts(), T0(), kSts, "wrong-secret")),
            AuthFailure::kSignatureDoesNotMatch);
  http::Request missing = SignedSts();
  std::erase_if(missing.headers.items,
                [](const auto& kv) { return http::IEquals(kv.first, "content-type"); });
  EXPECT_EQ(FailureOf(ParseAndVerify(missing, T0(), kSts)), AuthFailure::kSignatureDoesNotMatch);
}

TEST(VerifierTest, MismatchCarriesCanonicalRequestAndStringToSign) {
  http::Request r = SignedSts();
  r.body = "tampered";
  auto v = ParseAndVerify(r, T0(), kSts);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().canonical_request.rfind("POST\n/\n\ncontent-type:", 0), 0u);
  EXPECT_EQ(v.error().string_to_sign.rfind("AWS4-HMAC-SHA256\n20240115T093000Z\n", 0), 0u);
  EXPECT_EQ(v.error().string_to_sign.find(kSecret), std::string::npos);
}

TEST(VerifierTest, ToleratesWhitespaceAndRepeatedHeaders) {
  http::Request r = StsRequest();
  r.headers.Add("X-Custom", "  a   b ");
  r.headers.Add("x-custom", "c");
  SignRequest(r, kCreds, T0(), {.region = "us-east-1", .service = "sts"});
  EXPECT_TRUE(ParseAndVerify(r, T0(), kSts).ok());
}

TEST(VerifierTest, SkewMessagesMatchAws) {
  // Request at 09:30:00, server at 10:00:01 (spec §7.4 example).
  auto old = ParseAndVerify(SignedSts(), At(kEpoch + 1801), kSts);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().failure, AuthFailure::kRequestTimeTooSkewed);
  EXPECT_EQ(ToAwsError(old.error(), ProtocolFamily::kQuery).message,
            "Signature expired: 20240115T093000Z is now earlier than 20240115T094501Z "
            "(20240115T100001Z - 15 min.)");
  // Request at 10:30:00, server at 10:00:01.
  auto future = ParseAndVerify(SignedSts(At(kEpoch + 3600)), At(kEpoch + 1801), kSts);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(ToAwsError(future.error(), ProtocolFamily::kJson).message,
            "Signature not yet current: 20240115T103000Z is still later than 20240115T101501Z "
            "(20240115T100001Z + 15 min.)");
  AwsError s3 = ToAwsError(old.error(), ProtocolFamily::kS3);
  EXPECT_EQ(s3.code, "RequestTimeTooSkewed");
  ASSERT_EQ(old.error().s3_extra.size(), 3u);
  EXPECT_EQ(old.error().s3_extra[2].second, "900000");
  // Exactly at the boundary is accepted.
  EXPECT_TRUE(ParseAndVerify(SignedSts(), At(kEpoch + 900), kSts).ok());
  EXPECT_TRUE(ParseAndVerify(SignedSts(), At(kEpoch - 900), kSts).ok());
  EXPECT_FALSE(ParseAndVerify(SignedSts(), At(kEpoch + 901), kSts).ok());
}

TEST(VerifierTest, InvalidDate) {
  http::Request r = SignedSts();
  r.headers.Set("X-Amz-Date", "2024-01-15T09:30:00Z");
  auto v = ParseAndVerify(r, T0(), kSts);
  EXPECT_EQ(FailureOf(v), AuthFailure::kInvalidDate);
  EXPECT_EQ(ToAwsError(v.error(), ProtocolFamily::kQuery).message,
            "Date must be in ISO-8601 'basic format'. Got '2024-01-15T09:30:00Z'. See "
            "http://en.wikipedia.org/wiki/ISO_8601");
  r.headers.Set("X-Amz-Date", "20240231T093000Z");  // no 31 February
  EXPECT_EQ(FailureOf(ParseAndVerify(r, T0(), kSts)), AuthFailure::kInvalidDate);
}

TEST(VerifierTest, ScopeDateMismatch) {
  http::Request r = SignedSts();
  r.headers.Set("X-Amz-Date", "20240116T093000Z");
  auto v = ParseAndVerify(r, T0(), kSts);
  EXPECT_EQ(FailureOf(v), AuthFailure::kScopeDateMismatch);
  EXPECT_EQ(v.error().detail,
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
            "HTTP: '20240115' != '20240116', from '20240116T093000Z'.");
}

TEST(VerifierTest, ScopeChecks) {
  http::Request r = SignedSts();
  std::string a = std::string(r.headers.Get("Authorization"));
  r.headers.Set("Authorization", a.replace(a.find("aws4_request"), 12, "aws5_request"));
  auto term = ParseAndVerify(r, T0(), kSts);
  EXPECT_EQ(FailureOf(term), AuthFailure::kBadScopeTerminator);
  EXPECT_EQ(term.error().detail,
            "Credential should be scoped with a valid terminator: 'aws4_request', not "
            "'aws5_request'.");

  auto svc = ParseAndVerify(SignedSts(T0(), "us-east-1", "iam"), T0(), kSts);
  EXPECT_EQ(FailureOf(svc), AuthFailure::kBadScopeService);
  EXPECT_EQ(svc.error().detail, "Credential should be scoped to correct service: 'sts'. ");

  VerifyOptions eu{.service = "sts", .regions = {"eu-west-1"}};
  auto region = ParseAndVerify(SignedSts(), T0(), eu);
  EXPECT_EQ(FailureOf(region), AuthFailure::kBadScopeRegion);
  EXPECT_EQ(region.error().detail,
            "Credential should be scoped to a valid region, not 'us-east-1'. ");
  // Global services: any well-formed region.
  EXPECT_TRUE(ParseAndVerify(SignedSts(T0(), "ap-southeast-7"), T0(), kSts).ok());
  EXPECT_EQ(FailureOf(ParseAndVerify(SignedSts(T0(), "US_EAST"), T0(), kSts)),
            AuthFailure::kBadScopeRegion);
}

TEST(VerifierTest, UnsignedPayloadOnlyWhenAllowed) {
  http::Request r = StsRequest();
  r.headers.Add("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD");
  SignRequest(r, kCreds, T0(),
              {.region = "us-east-1", .service = "sts", .payload_hash = "UNSIGNED-PAYLOAD"});
  EXPECT_FALSE(ParseAndVerify(r, T0(), kSts).ok());
  VerifyOptions allow{.service = "sts", .allow_unsigned_payload = true};
  EXPECT_TRUE(ParseAndVerify(r, T0(), allow).ok());
}

// --- S3 rules ---

const VerifyOptions kS3{.service = "s3", .s3 = true};

http::Request S3Put(std::string body = "object-data") {
  http::Request r;
  r.method = "PUT";
  r.target = "/bucket/photos/a%2Bb%20c.jpg";
  r.headers.Add("Host", "s3.us-east-1.amazonaws.com");
  r.body = std::move(body);
  return r;
}

TEST(VerifierS3Test, ValidAndDigestMismatch) {
  http::Request r = S3Put();
  SignRequest(r, kCreds, T0(), {.region = "us-east-1", .service = "s3", .s3 = true});
  EXPECT_TRUE(ParseAndVerify(r, T0(), kS3).ok());
  r.body = "other-data";
  auto v = ParseAndVerify(r, T0(), kS3);
  EXPECT_EQ(FailureOf(v), AuthFailure::kContentSha256Mismatch);
  ASSERT_EQ(v.error().s3_extra.size(), 2u);
  EXPECT_EQ(v.error().s3_extra[1].second, crypto::Sha256Hex("other-data"));
}

TEST(VerifierS3Test, ContentShaRules) {
  http::Request missing = S3Put();
  SignRequest(missing, kCreds, T0(), {.region = "us-east-1", .service = "s3", .s3 = false});
  EXPECT_EQ(FailureOf(ParseAndVerify(missing, T0(), kS3)), AuthFailure::kMissingContentSha256);

  http::Request bad = S3Put();
  SignRequest(bad, kCreds, T0(),
              {.region = "us-east-1", .service = "s3", .s3 = true, .payload_hash = "NOPE"});
  EXPECT_EQ(FailureOf(ParseAndVerify(bad, T0(), kS3)), AuthFailure::kInvalidContentSha256);

  http::Request unsig = S3Put();
  SignRequest(
      unsig, kCreds, T0(),
      {.region = "us-east-1", .service = "s3", .s3 = true, .payload_hash = "UNSIGNED-PAYLOAD"});
  unsig.body = "anything";
  EXPECT_TRUE(ParseAndVerify(unsig, T0(), kS3).ok());

  http::Request stream = S3Put();
  SignRequest(stream, kCreds, T0(),
              {.region = "us-east-1",
               .service = "s3",
               .s3 = true,
               .payload_hash = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"});
  auto v = ParseAndVerify(stream, T0(), kS3);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->streaming_signed);
}

TEST(VerifierS3Test, UnsignedAmzHeaders) {
  http::Request r = S3Put();
  SignRequest(r, kCreds, T0(), {.region = "us-east-1", .service = "s3", .s3 = true});
  r.headers.Add("x-amz-acl", "public-read");
  auto v = ParseAndVerify(r, T0(), kS3);
  EXPECT_EQ(FailureOf(v), AuthFailure::kUnsignedHeaders);
  ASSERT_EQ(v.error().s3_extra.size(), 1u);
  EXPECT_EQ(v.error().s3_extra[0].second, "x-amz-acl");
  // A security token added after signing is tolerated.
  http::Request t = S3Put();
  SignRequest(t, kCreds, T0(), {.region = "us-east-1", .service = "s3", .s3 = true});
  t.headers.Add("X-Amz-Security-Token", "late");
  EXPECT_TRUE(ParseAndVerify(t, T0(), kS3).ok());
}

TEST(VerifierS3Test, AcceptsSignerEncodingOfDecodedPath) {
  // Client signed "/bucket/a%20b" while the wire carries "/bucket/a b" style variants.
  http::Request r = S3Put();
  r.target = "/bucket/a%20b";
  SignRequest(r, kCreds, T0(), {.region = "us-east-1", .service = "s3", .s3 = true});
  r.target = "/bucket/a%20%62";  // same decoded path, different encoding on the wire
  EXPECT_TRUE(ParseAndVerify(r, T0(), kS3).ok());
}

// --- Presigned URLs ---

http::Request S3Get() {
  http::Request r;
  r.method = "GET";
  r.target = "/photos/a%2Bb%20c.jpg";
  r.headers.Add("Host", "examplebucket.s3.amazonaws.com");
  return r;
}

TEST(PresignedTest, ValidWithinWindow) {
  http::Request r = S3Get();
  PresignRequest(r, kCreds, T0(), 3600, {.region = "us-east-1", .service = "s3", .s3 = true});
  EXPECT_TRUE(ParseAndVerify(r, T0(), kS3).ok());
  EXPECT_TRUE(ParseAndVerify(r, At(kEpoch + 3600), kS3).ok());
  EXPECT_TRUE(ParseAndVerify(r, At(kEpoch - 900), kS3).ok());
}

TEST(PresignedTest, Expired) {
  http::Request r = S3Get();
  PresignRequest(r, kCreds, T0(), 3600, {.region = "us-east-1", .service = "s3", .s3 = true});
  auto v = ParseAndVerify(r, At(kEpoch + 3601), kS3);
  EXPECT_EQ(FailureOf(v), AuthFailure::kPresignedExpired);
  AwsError e = ToAwsError(v.error(), ProtocolFamily::kS3);
  EXPECT_EQ(e.code, "AccessDenied");
  EXPECT_EQ(e.message, "Request has expired");
  ASSERT_EQ(v.error().s3_extra.size(), 3u);
  EXPECT_EQ(v.error().s3_extra[1].second, "2024-01-15T10:30:00Z");
}

TEST(PresignedTest, NotYetValid) {
  http::Request r = S3Get();
  PresignRequest(r, kCreds, T0(), 3600, {.region = "us-east-1", .service = "s3", .s3 = true});
  EXPECT_EQ(FailureOf(ParseAndVerify(r, At(kEpoch - 901), kS3)),
            AuthFailure::kPresignedNotYetValid);
}

TEST(PresignedTest, Tampered) {
  http::Request base = S3Get();
  PresignRequest(base, kCreds, T0(), 3600, {.region = "us-east-1", .service = "s3", .s3 = true});
  http::Request path = base;
  path.target.replace(0, 7, "/photoz");
  EXPECT_EQ(FailureOf(ParseAndVerify(path, T0(), kS3)), AuthFailure::kSignatureDoesNotMatch);
  http::Request expires = base;
  expires.target.replace(expires.target.find("X-Amz-Expires=3600"), 18, "X-Amz-Expires=7200");
  EXPECT_EQ(FailureOf(ParseAndVerify(expires, T0(), kS3)), AuthFailure::kSignatureDoesNotMatch);
  http::Request extra = base;
  extra.target += "&response-content-type=text%2Fhtml";
  EXPECT_EQ(FailureOf(ParseAndVerify(extra, T0(), kS3)), AuthFailure::kSignatureDoesNotMatch);
  http::Request host = base;
  host.headers.Set("Host", "evil.s3.amazonaws.com");
  EXPECT_EQ(FailureOf(ParseAndVerify(host, T0(), kS3)), AuthFailure::kSignatureDoesNotMatch);
}

TEST(PresignedTest, StsPresignedGetCallerIdentityWithExtraSignedHeader) {
  http::Request r;
  r.method = "GET";
  r.target = "/?Action=GetCallerIdentity&Version=2011-06-15";
  r.headers.Add("Host", "sts.us-east-1.amazonaws.com");
  r.headers.Add("x-k8s-aws-id", "my-cluster");
  Credentials temp{"ASIAEXAMPLE", kSecret, "session/token+value="};
  PresignRequest(r, temp, T0(), 60, {.region = "us-east-1", .service = "sts"});
  auto p = ParseAuth(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->security_token, "session/token+value=");
  EXPECT_TRUE(Verify(*p, r, kSecret, T0(), kSts).ok());
  r.headers.Set("x-k8s-aws-id", "other-cluster");
  EXPECT_FALSE(ParseAndVerify(r, T0(), kSts).ok());
}

}  // namespace
}  // namespace rampart::sigv4
