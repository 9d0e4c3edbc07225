// Wildcard matching: compiled patterns mark policy-typed '*' and '?' with reserved bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace rampart::policy {

// Bytes that never occur in valid UTF-8; a compiled pattern uses them for wildcards so that
// characters produced by variables or ${*} / ${?} stay literal.
inline constexpr char kStar = '\xFE';
inline constexpr char kQmark = '\xFF';

// Turns policy text into a compiled pattern: '*' -> kStar, '?' -> kQmark, everything else literal.
std::string CompileGlob(std::string_view policy_text);

// True if `text` contains a reserved wildcard byte (such text cannot be inserted literally).
bool HasReservedBytes(std::string_view text);

// Matches a compiled pattern against text (two-pointer backtracking, no recursion).
bool GlobMatch(std::string_view pattern, std::string_view text);

// True if the compiled pattern contains no wildcard.
bool IsLiteral(std::string_view pattern);

// Equality without a libc call for the short strings policies are made of: 8 (or 4) bytes at a
// time, the tail covered by one overlapping load.
inline bool FastEqual(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    uint64_t x, y;
    for (size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&x, p + i, 8);
      std::memcpy(&y, q + i, 8);
      if (x != y) return false;
    }
    std::memcpy(&x, p + n - 8, 8);
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    uint32_t x1, y1, x2, y2;
    std::memcpy(&x1, p, 4);
    std::memcpy(&y1, q, 4);
    std::memcpy(&x2, p + n - 4, 4);
    std::memcpy(&y2, q + n - 4, 4);
    return x1 == y1 && x2 == y2;
  }
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

// A compiled pattern classified once so common shapes skip the general matcher.
class Glob {
 public:
  Glob() = default;
  explicit Glob(std::string compiled);
  bool Matches(std::string_view text) const {
    switch (kind_) {
      case Kind::kAny:
        return true;
      case Kind::kExact:
        return FastEqual(text, pattern_);
      case Kind::kPrefix:
        return text.size() >= prefix_ &&
               FastEqual(text.substr(0, prefix_), std::string_view(pattern_).substr(0, prefix_));
      default:
        return GlobMatch(pattern_, text);
    }
  }
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Kind : uint8_t { kAny, kExact, kPrefix, kGeneral };
  std::string pattern_;
  Kind kind_ = Kind::kExact;
  size_t prefix_ = 0;
};

// ASCII lower-casing.
inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string ToLowerAscii(std::string_view s);
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);

// Case folding for StringEqualsIgnoreCase: ASCII plus Latin-1 letters (UTF-8 encoded).
std::string FoldCase(std::string_view s);

}  // namespace rampart::policy
