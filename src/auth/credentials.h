// CredentialResolver: access key id (+ session token) → secret and principal, for SigV4.
#pragma once

#include <string>
#include <string_view>

#include "auth/principal.h"

namespace rampart::auth {

enum class CredentialStatus {
  kOk,
  kUnknownKey,    // no such access key id, or the key is inactive
  kInvalidToken,  // session token missing, forged or not matching the key
  kExpiredToken,  // temporary credentials past their expiry
};

struct ResolvedCredential {
  CredentialStatus status = CredentialStatus::kUnknownKey;
  std::string secret_access_key;  // only when kOk; never logged
  Principal principal;
};

class CredentialResolver {
 public:
  virtual ~CredentialResolver() = default;
  virtual ResolvedCredential Resolve(std::string_view access_key_id, std::string_view session_token,
                                     int64_t now_ms) = 0;
};

}  // namespace rampart::auth
