// Tests timestamps, URI encoding, query canonicalization and the signing-key cache.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "sigv4/canonical_request.h"
#include "sigv4/signing_key.h"
#include "sigv4/timestamp.h"
#include "sigv4/uri_encode.h"
#include "test_util.h"

namespace rampart::sigv4 {
namespace {

TEST(TimestampTest, AmzDate) {
  EXPECT_EQ(ParseAmzDate("20240115T093000Z"), testing::kEpoch);
  EXPECT_EQ(ParseAmzDate("19700101T000000Z"), 0);
  EXPECT_EQ(ParseAmzDate("20240229T000000Z").has_value(), true);
  for (const char* bad :
       {"20230229T000000Z", "20240115T093000", "20240115 093000Z", "2024011T093000Z",
        "20241315T093000Z", "20240115T253000Z", "2024-01-15T09:30:00Z", "", "20240115T09300aZ"})
    EXPECT_FALSE(ParseAmzDate(bad).has_value()) << bad;
  EXPECT_EQ(FormatAmzDate(testing::kEpoch), "20240115T093000Z");
  EXPECT_EQ(FormatAmzDate(951782400), "20000229T000000Z");
}

TEST(TimestampTest, HttpDate) {
  EXPECT_EQ(ParseHttpDate("Mon, 15 Jan 2024 09:30:00 GMT"), testing::kEpoch);
  EXPECT_FALSE(ParseHttpDate("Mon, 15 Foo 2024 09:30:00 GMT").has_value());
  EXPECT_FALSE(ParseHttpDate("Mon, 15 Jan 2024 09:30:00 UTC").has_value());
  EXPECT_FALSE(ParseHttpDate("Monday, 15-Jan-24 09:30:00 GMT").has_value());
}

TEST(UriEncodeTest, Rules) {
  EXPECT_EQ(UriEncode("AZaz09-_.~", true), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b+c/d", true), "a%20b%2Bc%2Fd");
  EXPECT_EQ(UriEncode("a b+c/d", false), "a%20b%2Bc/d");
  EXPECT_EQ(UriEncode("\xc3\xa9*", true), "%C3%A9%2A");
  EXPECT_EQ(PercentDecode("a%20b%2fc+d%zz%4"), "a b/c+d%zz%4");
  EXPECT_EQ(RemoveDotSegments("/a/b/../c/./d//e/"), "/a/c/d/e/");
  EXPECT_EQ(RemoveDotSegments("/../.."), "/");
  EXPECT_EQ(CanonicalUri("", false), "/");
  EXPECT_EQ(CanonicalUri("", true), "/");
  EXPECT_EQ(CanonicalUri("/", false), "/");
  EXPECT_EQ(CanonicalUri("//", false), "/");
}

TEST(CanonicalQueryTest, SortsEncodesAndDropsSignatureWhenPresigned) {
  EXPECT_EQ(CanonicalQueryString("", false), "");
  EXPECT_EQ(CanonicalQueryString("b=2&a&c=x%2fy&d=a+b&&e=%7E", false),
            "a=&b=2&c=x%2Fy&d=a%2Bb&e=~");
  EXPECT_EQ(CanonicalQueryString("X-Amz-Signature=abc&z=1", true), "z=1");
  EXPECT_EQ(CanonicalQueryString("X-Amz-Signature=abc&z=1", false), "X-Amz-Signature=abc&z=1");
  // Sort by encoded name then value, byte order (uppercase before lowercase).
  EXPECT_EQ(CanonicalQueryString("a=2&B=1&a=1", false), "B=1&a=1&a=2");
}

TEST(CanonicalHeadersTest, TrimCollapseJoin) {
  http::Headers h;
  h.Add("X-A", "  one   two\t three ");
  h.Add("x-a", "four");
  h.Add("Host", "h:8080");
  std::string out;
  ASSERT_TRUE(AppendCanonicalHeaders(h, {"host", "x-a"}, out));
  EXPECT_EQ(out, "host:h:8080\nx-a:one two three,four\n");
  std::string missing;
  EXPECT_FALSE(AppendCanonicalHeaders(h, {"host", "x-b"}, missing));
}

TEST(SigningKeyCacheTest, HitsMissesAndBound) {
  SigningKeyCache cache(4);
  auto k1 = cache.Get(testing::kSecret, "20240115", "us-east-1", "sts");
  EXPECT_EQ(crypto::HexEncode(crypto::AsView(k1)),
            "97344482a44e113f129c83a8c54e5c3933cd75d95a9df41aa82aca39c35eca70");
  EXPECT_EQ(cache.misses(), 1u);
  auto k2 = cache.Get(testing::kSecret, "20240115", "us-east-1", "sts");
  EXPECT_EQ(k1, k2);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_NE(cache.Get("other-secret", "20240115", "us-east-1", "sts"), k1);
  EXPECT_NE(cache.Get(testing::kSecret, "20240116", "us-east-1", "sts"), k1);
  for (int i = 0; i < 50; ++i) cache.Get("s" + std::to_string(i), "20240115", "r", "s");
  EXPECT_LE(cache.size(), 4u);
  // Evicted entries are recomputed correctly.
  EXPECT_EQ(cache.Get(testing::kSecret, "20240115", "us-east-1", "sts"), k1);
}

TEST(SigningKeyCacheTest, ConcurrentUseAgreesWithDerivation) {
  SigningKeyCache cache(64);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        std::string secret = "secret" + std::to_string((i + t) % 40);
        if (cache.Get(secret, "20240115", "us-east-1", "s3") !=
            DeriveSigningKey(secret, "20240115", "us-east-1", "s3"))
          ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_LE(cache.size(), 64u);
}

}  // namespace
}  // namespace rampart::sigv4
