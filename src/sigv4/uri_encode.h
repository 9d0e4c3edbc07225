// Percent-encoding as SigV4 defines it (RFC 3986 unreserved set, uppercase hex) and decoding.
#pragma once

#include <string>
#include <string_view>

namespace rampart::sigv4 {

// Appends `in` to `out`, keeping A-Z a-z 0-9 - _ . ~ (and '/' unless encode_slash).
void UriEncodeTo(std::string_view in, bool encode_slash, std::string& out);
std::string UriEncode(std::string_view in, bool encode_slash);
// Decodes %XY sequences; a '%' not followed by two hex digits is kept literally; '+' stays '+'.
std::string PercentDecode(std::string_view in);
// RFC 3986 dot-segment removal plus collapsing of empty segments (botocore semantics).
std::string RemoveDotSegments(std::string_view path);

}  // namespace rampart::sigv4
