// KeyCustody over a root key held in memory; the base of FileKeyCustody and a test fake.
#pragma once

#include <string>
#include <string_view>

#include "common/random.h"
#include "crypto/key_custody.h"

namespace rampart::crypto {

// Each Seal/Unseal derives a subkey HKDF-SHA256(root, salt, info = aad) and uses AES-256-GCM
// with the same aad, so distinct purposes never share an encryption key.
class RootKeyCustody : public KeyCustody {
 public:
  // `root_key` must be 32 bytes; `random` must outlive this object.
  RootKeyCustody(std::string root_key, Random& random);
  ~RootKeyCustody() override;

  Result<std::string> Seal(std::string_view plaintext, std::string_view aad) override;
  Result<std::string> Unseal(std::string_view sealed, std::string_view aad) override;

 private:
  Result<std::string> SubKey(std::string_view aad) const;

  std::string root_key_;
  Random& random_;
};

}  // namespace rampart::crypto
