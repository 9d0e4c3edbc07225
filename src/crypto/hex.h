// Lowercase hexadecimal encoding and strict decoding.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace rampart::crypto {

// Lowercase hex of the bytes of `data`.
std::string HexEncode(std::string_view data);
// Appends the lowercase hex of `data` to `out` (no reallocation beyond growth).
void HexEncodeTo(std::string_view data, std::string& out);
// Decodes hex (either case); odd length or a non-hex character is an error.
Result<std::string> HexDecode(std::string_view hex);
// True when `s` is exactly `len` lowercase hex characters.
bool IsLowerHex(std::string_view s, size_t len);

}  // namespace rampart::crypto
