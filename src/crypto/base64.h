// Standard base64 (RFC 4648 §4, with padding): encode and strict decode.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace rampart::crypto {

std::string Base64Encode(std::string_view data);
// Rejects whitespace, bad characters, missing/extra padding and non-zero trailing bits.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace rampart::crypto
