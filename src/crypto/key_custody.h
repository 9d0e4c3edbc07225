// KeyCustody: encrypts secrets at rest under a root key that never leaves the custody backend.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace rampart::crypto {

// A backend holding the root key (a file today, PKCS#11 later). `aad` names the purpose and
// binds the record (e.g. "iam/secret-access-key/AKIA..."); a value sealed with one aad never
// unseals with another.
class KeyCustody {
 public:
  virtual ~KeyCustody() = default;
  virtual Result<std::string> Seal(std::string_view plaintext, std::string_view aad) = 0;
  virtual Result<std::string> Unseal(std::string_view sealed, std::string_view aad) = 0;
};

}  // namespace rampart::crypto
