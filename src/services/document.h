// Helpers for reading decoded request documents and building output documents.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rampart::services {

inline std::string GetString(const boost::json::object& o, std::string_view key,
                             std::string_view fallback = {}) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return std::string(fallback);
  return std::string(it->value().get_string());
}

inline std::optional<int64_t> GetInt(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().get_int64();
  if (it->value().is_uint64()) return static_cast<int64_t>(it->value().get_uint64());
  return std::nullopt;
}

inline bool Has(const boost::json::object& o, std::string_view key) { return o.contains(key); }

// Timestamps in documents are epoch seconds (see src/protocol).
inline double EpochSeconds(int64_t millis) { return static_cast<double>(millis) / 1000.0; }

}  // namespace rampart::services
