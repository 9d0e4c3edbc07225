// Formatting and parsing of the timestamp forms AWS uses (ISO 8601 UTC, epoch).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rampart {

// 2024-01-15T09:30:00Z
std::string FormatIso8601(int64_t epoch_seconds);
// 2024-01-15T09:30:00.123Z
std::string FormatIso8601Millis(int64_t epoch_millis);
// Accepts 2024-01-15T09:30:00Z, with fractional seconds, or with a +hh:mm offset.
std::optional<int64_t> ParseIso8601Millis(std::string_view text);

}  // namespace rampart
