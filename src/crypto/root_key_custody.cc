// Per-purpose subkey derivation plus AES-256-GCM sealing under an in-memory root key.
#include "crypto/root_key_custody.h"

#include <openssl/crypto.h>

#include "crypto/aes_gcm.h"
#include "crypto/hkdf.h"

namespace rampart::crypto {

namespace {
constexpr std::string_view kSalt = "rampart/key-custody/v1";

// Wipes a derived key when it leaves scope.
struct Wiper {
  std::string& s;
  ~Wiper() { OPENSSL_cleanse(s.data(), s.size()); }
};
}  // namespace

RootKeyCustody::RootKeyCustody(std::string root_key, Random& random)
    : root_key_(std::move(root_key)), random_(random) {}

RootKeyCustody::~RootKeyCustody() { OPENSSL_cleanse(root_key_.data(), root_key_.size()); }

Result<std::string> RootKeyCustody::SubKey(std::string_view aad) const {
  if (root_key_.size() != kAesKeySize) return AwsError::Internal("Root key is not 32 bytes.");
  std::string info = "purpose:";
  info.append(aad);
  return HkdfSha256(root_key_, kSalt, info, kAesKeySize);
}

Result<std::string> RootKeyCustody::Seal(std::string_view plaintext, std::string_view aad) {
  RAMPART_ASSIGN_OR_RETURN(std::string key, SubKey(aad));
  Wiper wipe{key};
  return AesGcmSeal(key, plaintext, aad, random_);
}

Result<std::string> RootKeyCustody::Unseal(std::string_view sealed, std::string_view aad) {
  RAMPART_ASSIGN_OR_RETURN(std::string key, SubKey(aad));
  Wiper wipe{key};
  return AesGcmOpen(key, sealed, aad);
}

}  // namespace rampart::crypto
