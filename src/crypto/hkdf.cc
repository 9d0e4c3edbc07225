// HKDF-SHA256 through OpenSSL's EVP_KDF "HKDF" (extract-and-expand mode).
#include "crypto/hkdf.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace rampart::crypto {

namespace {
struct KdfCtxDeleter {
  void operator()(EVP_KDF_CTX* c) const { EVP_KDF_CTX_free(c); }
};

EVP_KDF* HkdfAlgorithm() {
  static EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  return kdf;
}

void* Mut(std::string_view s) { return const_cast<char*>(s.data()); }
}  // namespace

Result<std::string> HkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info,
                               size_t length) {
  if (length == 0 || length > 255 * 32) return AwsError::Internal("Invalid HKDF output length.");
  if (HkdfAlgorithm() == nullptr) return AwsError::Internal("HKDF unavailable.");
  std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(HkdfAlgorithm()));
  if (!ctx) return AwsError::Internal("HKDF context allocation failed.");
  char digest[] = "SHA256";
  static const char kEmpty[1] = {0};
  OSSL_PARAM params[5];
  size_t n = 0;
  params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
  params[n++] = OSSL_PARAM_construct_octet_string(
      OSSL_KDF_PARAM_KEY, ikm.empty() ? const_cast<char*>(kEmpty) : Mut(ikm), ikm.size());
  if (!salt.empty())
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, Mut(salt), salt.size());
  if (!info.empty())
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, Mut(info), info.size());
  params[n] = OSSL_PARAM_construct_end();
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), length, params) != 1)
    return AwsError::Internal("HKDF derivation failed.");
  return out;
}

}  // namespace rampart::crypto
