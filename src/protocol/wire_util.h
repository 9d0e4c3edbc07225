// Wire-level helpers shared by the protocol codecs: percent-coding, forms, base64, timestamps, XML
// text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::protocol::wire {

// Decodes %XX escapes; `plus_is_space` for application/x-www-form-urlencoded. nullopt if malformed.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);
// RFC 3986 encoding (unreserved characters kept); `keep_slash` leaves '/' as is.
std::string PercentEncode(std::string_view s, bool keep_slash = false);

// Parses "a=1&b=2" into a sorted multimap-free map (later duplicates win). nullopt if malformed.
using FormParams = std::map<std::string, std::string, std::less<>>;
std::optional<FormParams> ParseForm(std::string_view s);

std::string Base64Encode(std::string_view bytes);
// Strict standard-alphabet decoding (padding optional); nullopt if invalid.
std::optional<std::string> Base64Decode(std::string_view text);

// Timestamps are seconds since the epoch (fractional allowed).
std::string FormatIso8601(double epoch);  // 2024-01-15T09:30:00Z (".123" when fractional)
std::string FormatRfc822(double epoch);   // Mon, 15 Jan 2024 09:30:00 GMT
std::string FormatEpoch(double epoch);    // 1705311000 or 1705311000.5
// Accepts ISO-8601 (Z or ±hh:mm offsets, optional fraction), RFC 822/1123, or epoch seconds.
std::optional<double> ParseTimestamp(std::string_view s);

std::string XmlEscape(std::string_view s);

// Integers and floating point values as they appear in query strings, headers and XML text.
std::optional<int64_t> ParseInt(std::string_view s);
std::optional<double> ParseDouble(std::string_view s);
std::optional<bool> ParseBool(std::string_view s);
std::string FormatDouble(double v);

// Trims ASCII whitespace.
std::string_view Trim(std::string_view s);

}  // namespace rampart::protocol::wire
