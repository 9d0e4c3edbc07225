// The §7.14 test vectors (botocore 1.43.11) checked against our signer, builder and verifier.
#include <gtest/gtest.h>

#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"
#include "sigv4/auth_parser.h"
#include "sigv4/canonical_request.h"
#include "sigv4/chunked_verifier.h"
#include "sigv4/signer.h"
#include "sigv4/signing_key.h"
#include "sigv4/verifier.h"
#include "test_util.h"

namespace rampart::sigv4 {
namespace {

using namespace rampart::sigv4::testing;  // NOLINT(build/namespaces)

TEST(VectorsTest, SigningKey) {
  auto key = DeriveSigningKey(kSecret, "20240115", "us-east-1", "sts");
  EXPECT_EQ(crypto::HexEncode(crypto::AsView(key)),
            "97344482a44e113f129c83a8c54e5c3933cd75d95a9df41aa82aca39c35eca70");
}

TEST(VectorsTest, Vector1CanonicalRequestAndStringToSign) {
  http::Request r = StsRequest();
  r.headers.Add("X-Amz-Date", "20240115T093000Z");
  r.headers.Add("Authorization", kVector1Authorization);
  auto parsed = ParseAuth(r);
  ASSERT_TRUE(parsed.ok());
  VerifyOptions opt{.service = "sts"};
  auto payload = PayloadHash(*parsed, r, opt);
  ASSERT_TRUE(payload.ok());
  auto m = ComputeSigningMaterial(*parsed, r, *payload, opt);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->canonical_request,
            "POST\n/\n\n"
            "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
            "host:sts.us-east-1.amazonaws.com\n"
            "x-amz-date:20240115T093000Z\n\n"
            "content-type;host;x-amz-date\n"
            "ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843");
  EXPECT_EQ(m->string_to_sign,
            "AWS4-HMAC-SHA256\n20240115T093000Z\n20240115/us-east-1/sts/aws4_request\n"
            "cc35f7cf4c16c99e64daaa08971973be56dad52922d4a700feba61dc55cc501e");
  auto v = Verify(*parsed, r, kSecret, T0(), opt);
  EXPECT_TRUE(v.ok());
}

TEST(VectorsTest, Vector1SignerProducesAuthorization) {
  http::Request r = StsRequest();
  SignRequest(r, {kAkid, kSecret, ""}, T0(), {.region = "us-east-1", .service = "sts"});
  EXPECT_EQ(r.headers.Get("Authorization"), kVector1Authorization);
  EXPECT_EQ(r.headers.Get("X-Amz-Date"), "20240115T093000Z");
}

http::Request Vector2Request() {
  http::Request r;
  r.method = "GET";
  r.target = "/photos/a%2Bb%20c.jpg";
  r.headers.Add("Host", "examplebucket.s3.amazonaws.com");
  return r;
}

TEST(VectorsTest, Vector2S3Presigned) {
  http::Request r = Vector2Request();
  PresignRequest(r, {kAkid, kSecret, ""}, T0(), 86400,
                 {.region = "us-east-1", .service = "s3", .s3 = true});
  EXPECT_NE(r.target.find("X-Amz-Signature="
                          "de6111c5d0d71407d6f5ae3eb8eebefc7d24ae696b63dfd2d01d0b46cd064cc9"),
            std::string::npos)
      << r.target;
  auto parsed = ParseAuth(r);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->style, AuthStyle::kPresigned);
  EXPECT_EQ(parsed->expires_seconds, 86400);
  VerifyOptions opt{.service = "s3", .s3 = true};
  auto m = ComputeSigningMaterial(*parsed, r, kUnsignedPayload, opt);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->canonical_request,
            "GET\n/photos/a%2Bb%20c.jpg\n"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240115%"
            "2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240115T093000Z&X-Amz-Expires=86400&X-"
            "Amz-SignedHeaders=host\n"
            "host:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
  EXPECT_EQ(m->string_to_sign.substr(m->string_to_sign.rfind('\n') + 1),
            "5920459b0af52f726190a1ce81c1fc78a9fdeb3a93e3890fc7348296990163bc");
  EXPECT_TRUE(Verify(*parsed, r, kSecret, At(kEpoch + 3600), opt).ok());
}

TEST(VectorsTest, Vector3ChunkSignatures) {
  auto key = DeriveSigningKey(kSecret, "20240115", "us-east-1", "s3");
  const std::string scope = "20240115/us-east-1/s3/aws4_request";
  const std::string seed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  std::string data(1024, 'a');
  EXPECT_EQ(crypto::Sha256Hex(data),
            "2edc986847e209b4016e141a6dc8716d3207350f416969382d431539bf292e4a");
  std::string sig1 = ChunkedPayloadVerifier::ChunkSignature(key, "20240115T093000Z", scope, seed,
                                                            crypto::Sha256Hex(data));
  EXPECT_EQ(sig1, "705b7d70c0caa6642f05e1c397439a0b75443c8b1806013b1f724847cf43ba74");
  std::string sig2 =
      ChunkedPayloadVerifier::ChunkSignature(key, "20240115T093000Z", scope, sig1, kEmptySha256);
  EXPECT_EQ(sig2, "61d2c5552b433345090f5ff2be53cf7efbb508c38d4c018d51a7b32563f93e9e");

  std::string body =
      "400;chunk-signature=" + sig1 + "\r\n" + data + "\r\n0;chunk-signature=" + sig2 + "\r\n\r\n";
  ChunkedPayloadVerifier v(key, "20240115T093000Z", scope, seed, 1024);
  std::string out;
  ASSERT_TRUE(v.Feed(body, out).ok());
  ASSERT_TRUE(v.Finish().ok());
  EXPECT_EQ(out, data);
}

TEST(VectorsTest, Vector4NonS3PathCanonicalization) {
  EXPECT_EQ(CanonicalUri("/a%20b/./c%2Fd//e", false), "/a%2520b/c%252Fd/e");
  EXPECT_EQ(CanonicalQueryString("b=2&a=1&a=0&empty=", false), "a=0&a=1&b=2&empty=");
  http::Request r;
  r.method = "GET";
  r.target = "/a%20b/./c%2Fd//e?b=2&a=1&a=0&empty=";
  r.headers.Add("Host", "iam.amazonaws.com");
  SignRequest(r, {kAkid, kSecret, "FQoGZXIvYXdzEXAMPLETOKEN"}, T0(),
              {.region = "us-east-1", .service = "iam"});
  auto parsed = ParseAuth(r);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->signed_headers, "host;x-amz-date;x-amz-security-token");
  EXPECT_EQ(parsed->security_token, "FQoGZXIvYXdzEXAMPLETOKEN");
  VerifyOptions opt{.service = "iam"};
  auto m = ComputeSigningMaterial(*parsed, r, kEmptySha256, opt);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->canonical_request.substr(0, m->canonical_request.find("\nhost:")),
            "GET\n/a%2520b/c%252Fd/e\na=0&a=1&b=2&empty=");
  EXPECT_TRUE(Verify(*parsed, r, kSecret, T0(), opt).ok());
}

TEST(VectorsTest, Vector4S3PathKeptVerbatim) {
  EXPECT_EQ(CanonicalUri("/a%20b/./c%2Fd//e", true), "/a%20b/./c%2Fd//e");
  http::Request r;
  r.method = "PUT";
  r.target = "/a%20b/./c%2Fd//e";
  r.headers.Add("Host", "bucket.s3.amazonaws.com");
  r.body = "hello";
  SignRequest(r, {kAkid, kSecret, "FQoGZXIvYXdzEXAMPLETOKEN"}, T0(),
              {.region = "us-east-1", .service = "s3", .s3 = true});
  auto parsed = ParseAuth(r);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->signed_headers, "host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  VerifyOptions opt{.service = "s3", .s3 = true};
  auto v = Verify(*parsed, r, kSecret, T0(), opt);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->payload_hash, crypto::Sha256Hex("hello"));
}

}  // namespace
}  // namespace rampart::sigv4
