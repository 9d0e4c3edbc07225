// Tests SHA-256, HMAC-SHA256 and constant-time comparison against published vectors.
#include <gtest/gtest.h>

#include <string>

#include "crypto/constant_time.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"
#include "crypto/sha256.h"

namespace rampart::crypto {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("Action=GetCallerIdentity&Version=2011-06-15"),
            "ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843");
  EXPECT_EQ(Sha256Bytes("abc").size(), 32u);
}

TEST(Sha256Test, IncrementalMatchesOneShot) {
  std::string data(100000, 'x');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31);
  Sha256Hasher h;
  for (size_t off = 0; off < data.size(); off += 777)
    h.Update(std::string_view(data).substr(off, 777));
  EXPECT_EQ(h.FinalHex(), Sha256Hex(data));
  h.Reset();
  h.Update("ab");
  h.Update("c");
  EXPECT_EQ(h.FinalHex(), Sha256Hex("abc"));
}

TEST(HmacTest, Rfc4231Vectors) {
  // Test case 1.
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  // Test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: key longer than the block size.
  EXPECT_EQ(HmacSha256Hex(std::string(131, '\xaa'),
                          "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(HmacSha256Bytes("k", "m"), *HexDecode(HmacSha256Hex("k", "m")));
}

TEST(ConstantTimeTest, Equality) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace rampart::crypto
