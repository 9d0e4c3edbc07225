// Fetches OpenSSL algorithm implementations once so hot paths skip provider lookups.
#include "crypto/evp_md.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace rampart::crypto {

const EVP_MD* Sha256Md() {
  static const EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) std::abort();
    return fetched;
  }();
  return md;
}

}  // namespace rampart::crypto
