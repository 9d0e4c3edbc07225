// A strict, small JSON reader for policy documents: duplicate keys, depth and UTF-8 checked.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rampart::policy {

enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject };

// One JSON value. Numbers keep their source text so "10" stays "10" in conditions.
struct JsonValue {
  JsonKind kind = JsonKind::kNull;
  bool boolean = false;
  std::string text;              // string contents (decoded) or the number's source text
  std::vector<JsonValue> items;  // array elements
  std::vector<std::pair<std::string, JsonValue>> members;  // object members in source order

  const JsonValue* Find(std::string_view key) const;
  // The scalar's string form: strings as-is, numbers as written, booleans "true"/"false".
  bool ScalarText(std::string* out) const;
};

enum class JsonErrorKind { kNone, kSyntax, kDuplicateKey, kTooDeep, kBadUtf8 };

struct JsonParseResult {
  JsonErrorKind error = JsonErrorKind::kNone;
  JsonValue value;
};

inline constexpr int kMaxJsonDepth = 64;

// Parses one complete JSON document (surrounding whitespace allowed, nothing else).
JsonParseResult ParseJson(std::string_view text, int max_depth = kMaxJsonDepth);

// Counts the characters (UTF-8 code points) of `text` without whitespace outside strings.
size_t MinifiedLength(std::string_view text);

}  // namespace rampart::policy
