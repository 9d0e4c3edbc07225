// Tests HKDF-SHA256 against the RFC 5869 vectors.
#include "crypto/hkdf.h"

#include <gtest/gtest.h>

#include "crypto/hex.h"

namespace rampart::crypto {
namespace {

TEST(HkdfTest, Rfc5869Case1) {
  auto out = HkdfSha256(std::string(22, '\x0b'), *HexDecode("000102030405060708090a0b0c"),
                        *HexDecode("f0f1f2f3f4f5f6f7f8f9"), 42);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(HexEncode(*out),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
}

TEST(HkdfTest, Rfc5869Case3NoSaltNoInfo) {
  auto out = HkdfSha256(std::string(22, '\x0b'), "", "", 42);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(HexEncode(*out),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
}

TEST(HkdfTest, RejectsBadLength) {
  EXPECT_FALSE(HkdfSha256("k", "", "", 0).ok());
  EXPECT_FALSE(HkdfSha256("k", "", "", 255 * 32 + 1).ok());
}

}  // namespace
}  // namespace rampart::crypto
