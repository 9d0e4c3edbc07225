// AES-256-GCM seal/open on OpenSSL EVP; errors never echo key or plaintext material.
#include "crypto/aes_gcm.h"

#include <openssl/evp.h>

#include <memory>

namespace rampart::crypto {

namespace {

struct CtxDeleter {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const EVP_CIPHER* Aes256Gcm() {
  static const EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  return cipher;
}

AwsError CryptoFailure() { return AwsError::Internal("Cryptographic operation failed."); }
AwsError OpenFailure() {
  return AwsError::Sender("InvalidCiphertext", "The ciphertext is invalid or was tampered with.");
}

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool InitCipher(EVP_CIPHER_CTX* ctx, bool encrypt, std::string_view key, std::string_view iv) {
  if (Aes256Gcm() == nullptr) return false;
  if (EVP_CipherInit_ex(ctx, Aes256Gcm(), nullptr, nullptr, nullptr, encrypt ? 1 : 0) != 1)
    return false;
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr) != 1)
    return false;
  return EVP_CipherInit_ex(ctx, nullptr, nullptr, U(key), U(iv), encrypt ? 1 : 0) == 1;
}

bool AddAad(EVP_CIPHER_CTX* ctx, std::string_view aad) {
  if (aad.empty()) return true;
  int len = 0;
  return EVP_CipherUpdate(ctx, nullptr, &len, U(aad), static_cast<int>(aad.size())) == 1;
}

}  // namespace

Result<std::string> AesGcmSeal(std::string_view key, std::string_view plaintext,
                               std::string_view aad, Random& random) {
  if (key.size() != kAesKeySize) return AwsError::Internal("AES-256-GCM needs a 32-byte key.");
  if (plaintext.size() > (1u << 30) || aad.size() > (1u << 30)) return CryptoFailure();
  std::string out(kAesGcmOverhead + plaintext.size(), '\0');
  out[0] = kAesGcmEnvelopeV1;
  random.Fill(reinterpret_cast<uint8_t*>(out.data() + 1), kGcmIvSize);
  std::string_view iv(out.data() + 1, kGcmIvSize);
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || !InitCipher(ctx.get(), true, key, iv) || !AddAad(ctx.get(), aad))
    return CryptoFailure();
  auto* ct = reinterpret_cast<unsigned char*>(out.data() + 1 + kGcmIvSize);
  int len = 0;
  if (!plaintext.empty() &&
      EVP_EncryptUpdate(ctx.get(), ct, &len, U(plaintext), static_cast<int>(plaintext.size())) != 1)
    return CryptoFailure();
  int fin = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), ct + len, &fin) != 1) return CryptoFailure();
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, ct + plaintext.size()) != 1)
    return CryptoFailure();
  return out;
}

Result<std::string> AesGcmOpen(std::string_view key, std::string_view sealed,
                               std::string_view aad) {
  if (key.size() != kAesKeySize) return AwsError::Internal("AES-256-GCM needs a 32-byte key.");
  if (sealed.size() < kAesGcmOverhead || sealed[0] != kAesGcmEnvelopeV1) return OpenFailure();
  if (sealed.size() > (1u << 30) || aad.size() > (1u << 30)) return OpenFailure();
  std::string_view iv = sealed.substr(1, kGcmIvSize);
  size_t ct_len = sealed.size() - kAesGcmOverhead;
  std::string_view ct = sealed.substr(1 + kGcmIvSize, ct_len);
  std::string tag(sealed.substr(1 + kGcmIvSize + ct_len));
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || !InitCipher(ctx.get(), false, key, iv) || !AddAad(ctx.get(), aad))
    return CryptoFailure();
  std::string out(ct_len, '\0');
  int len = 0;
  if (ct_len > 0 && EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                                      U(ct), static_cast<int>(ct_len)) != 1)
    return OpenFailure();
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag.data()) != 1)
    return CryptoFailure();
  int fin = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len, &fin) !=
      1) {
    OPENSSL_cleanse(out.data(), out.size());
    return OpenFailure();
  }
  return out;
}

}  // namespace rampart::crypto
