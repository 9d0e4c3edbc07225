// Wildcard matching: compiled patterns mark policy-typed '*' and '?' with reserved bytes.
#pragma once

#include <cstdint>
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

// Equality without a libc call for the short strings policies are made of.
inline bool FastEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
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
char LowerAscii(char c);
std::string ToLowerAscii(std::string_view s);
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);

// Case folding for StringEqualsIgnoreCase: ASCII plus Latin-1 letters (UTF-8 encoded).
std::string FoldCase(std::string_view s);

}  // namespace rampart::policy
