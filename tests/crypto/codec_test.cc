// Tests the hex and base64 codecs, including rejection of malformed input.
#include <gtest/gtest.h>

#include <string>

#include "common/random.h"
#include "crypto/base64.h"
#include "crypto/hex.h"

namespace rampart::crypto {
namespace {

TEST(HexTest, RoundTripAndCase) {
  EXPECT_EQ(HexEncode(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  auto d = HexDecode("0001ABff");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, std::string("\x00\x01\xab\xff", 4));
  EXPECT_TRUE(HexDecode("").ok());
}

TEST(HexTest, RejectsBadInput) {
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
  EXPECT_FALSE(HexDecode("0g").ok());
  EXPECT_TRUE(IsLowerHex("00ff", 4));
  EXPECT_FALSE(IsLowerHex("00FF", 4));
  EXPECT_FALSE(IsLowerHex("00f", 4));
}

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {{"", ""},
                                                       {"f", "Zg=="},
                                                       {"fo", "Zm8="},
                                                       {"foo", "Zm9v"},
                                                       {"foob", "Zm9vYg=="},
                                                       {"fooba", "Zm9vYmE="},
                                                       {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, enc] : cases) {
    EXPECT_EQ(Base64Encode(plain), enc);
    auto d = Base64Decode(enc);
    ASSERT_TRUE(d.ok()) << enc;
    EXPECT_EQ(*d, plain);
  }
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Base64Test, RoundTripsRandomBytes) {
  SeededRandom rnd(7);
  for (size_t n = 0; n < 70; ++n) {
    std::string data = rnd.Bytes(n);
    auto d = Base64Decode(Base64Encode(data));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(*d, data);
  }
}

TEST(Base64Test, StrictDecodeRejects) {
  for (const char* bad : {"Zg", "Zg=", "Zg===", "Z===", "====", "Zm9v\n", " Zm9v", "Zm9-",
                          "Zh==", "Zm9=", "Zg==Zg==", "A=B=", "Zm_v"}) {
    EXPECT_FALSE(Base64Decode(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace rampart::crypto
