// HMAC-SHA256 (RFC 2104) over the fetched-once SHA-256 implementation.
#pragma once

#include <string>
#include <string_view>

#include "crypto/sha256.h"

namespace rampart::crypto {

// Raw 32-byte MAC of `data` under `key` (any key length).
Sha256Digest HmacSha256(std::string_view key, std::string_view data);
// MAC as a 32-byte binary string.
std::string HmacSha256Bytes(std::string_view key, std::string_view data);
// Lowercase hex MAC.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// View of a digest as bytes, for chaining HMACs without copies.
inline std::string_view AsView(const Sha256Digest& d) {
  return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
}

}  // namespace rampart::crypto
