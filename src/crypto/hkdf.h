// HKDF-SHA256 (RFC 5869) key derivation.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace rampart::crypto {

// Derives `length` bytes (1..8160) from input keying material, salt and context info.
Result<std::string> HkdfSha256(std::string_view ikm, std::string_view salt, std::string_view info,
                               size_t length);

}  // namespace rampart::crypto
