// SigV4 timestamps: ISO-8601 basic format (YYYYMMDD'T'HHMMSS'Z') and HTTP IMF-fixdate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::sigv4 {

// Seconds since the epoch for "20240115T093000Z"; nullopt unless exactly that shape and valid.
std::optional<int64_t> ParseAmzDate(std::string_view s);
// Seconds since the epoch for "Mon, 15 Jan 2024 09:30:00 GMT"; nullopt if malformed.
std::optional<int64_t> ParseHttpDate(std::string_view s);
// "20240115T093000Z" for an epoch second.
std::string FormatAmzDate(int64_t epoch_seconds);

}  // namespace rampart::sigv4
