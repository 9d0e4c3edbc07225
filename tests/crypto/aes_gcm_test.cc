// Tests AES-256-GCM sealing: envelope layout, round trip and tamper detection.
#include "crypto/aes_gcm.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>

#include "common/random.h"
#include "crypto/hex.h"

namespace rampart::crypto {
namespace {

class AesGcmTest : public ::testing::Test {
 protected:
  SeededRandom rnd_{42};
  std::string key_ = std::string(32, '\x11');
};

TEST_F(AesGcmTest, RoundTripAndLayout) {
  auto sealed = AesGcmSeal(key_, "attack at dawn", "aad-1", rnd_);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), 1 + 12 + 14 + 16u);
  EXPECT_EQ((*sealed)[0], '\x01');
  EXPECT_EQ(sealed->find("attack"), std::string::npos);
  auto opened = AesGcmOpen(key_, *sealed, "aad-1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "attack at dawn");
}

TEST_F(AesGcmTest, EmptyPlaintextAndAad) {
  auto sealed = AesGcmSeal(key_, "", "", rnd_);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), kAesGcmOverhead);
  auto opened = AesGcmOpen(key_, *sealed, "");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "");
}

TEST_F(AesGcmTest, FreshIvEachTime) {
  auto a = AesGcmSeal(key_, "same", "", rnd_);
  auto b = AesGcmSeal(key_, "same", "", rnd_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST_F(AesGcmTest, AnyTamperFails) {
  auto sealed = AesGcmSeal(key_, "secret value", "ctx", rnd_);
  ASSERT_TRUE(sealed.ok());
  for (size_t i = 0; i < sealed->size(); ++i) {
    std::string t = *sealed;
    t[i] = static_cast<char>(t[i] ^ 0x01);
    EXPECT_FALSE(AesGcmOpen(key_, t, "ctx").ok()) << "byte " << i;
  }
  EXPECT_FALSE(AesGcmOpen(key_, *sealed, "ctx2").ok());
  EXPECT_FALSE(AesGcmOpen(std::string(32, '\x12'), *sealed, "ctx").ok());
  EXPECT_FALSE(AesGcmOpen(key_, sealed->substr(0, sealed->size() - 1), "ctx").ok());
  EXPECT_FALSE(AesGcmOpen(key_, "", "ctx").ok());
  EXPECT_FALSE(AesGcmOpen(key_, *sealed + "x", "ctx").ok());
}

TEST_F(AesGcmTest, RejectsBadKeySize) {
  EXPECT_FALSE(AesGcmSeal("short", "x", "", rnd_).ok());
  EXPECT_FALSE(AesGcmOpen("short", std::string(40, '\x01'), "").ok());
}

// Cross-checks our envelope with an independent decryption through the raw EVP API.
TEST_F(AesGcmTest, InteroperatesWithRawEvp) {
  auto sealed = AesGcmSeal(key_, "interop", "hdr", rnd_);
  ASSERT_TRUE(sealed.ok());
  const auto* s = reinterpret_cast<const unsigned char*>(sealed->data());
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ASSERT_EQ(EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr,
                               reinterpret_cast<const unsigned char*>(key_.data()), s + 1),
            1);
  int len = 0;
  ASSERT_EQ(EVP_DecryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>("hdr"), 3),
            1);
  unsigned char out[16];
  ASSERT_EQ(EVP_DecryptUpdate(ctx, out, &len, s + 13, 7), 1);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, const_cast<unsigned char*>(s + 20));
  int fin = 0;
  EXPECT_EQ(EVP_DecryptFinal_ex(ctx, out + len, &fin), 1);
  EVP_CIPHER_CTX_free(ctx);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(out), 7), "interop");
}

}  // namespace
}  // namespace rampart::crypto
