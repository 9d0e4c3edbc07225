// Wildcard matching and case helpers for policy patterns.
#include "policy/glob.h"

namespace rampart::policy {

std::string CompileGlob(std::string_view policy_text) {
  std::string out(policy_text);
  for (char& c : out) {
    if (c == '*') {
      c = kStar;
    } else if (c == '?') {
      c = kQmark;
    }
  }
  return out;
}

bool HasReservedBytes(std::string_view text) {
  for (char c : text) {
    if (c == kStar || c == kQmark) return true;
  }
  return false;
}

bool IsLiteral(std::string_view pattern) { return !HasReservedBytes(pattern); }

Glob::Glob(std::string compiled) : pattern_(std::move(compiled)) {
  size_t first = pattern_.find_first_of(std::string_view("\xFE\xFF", 2));
  if (first == std::string::npos) {
    kind_ = Kind::kExact;
  } else if (pattern_ == std::string(1, kStar)) {
    kind_ = Kind::kAny;
  } else if (first == pattern_.size() - 1 && pattern_.back() == kStar) {
    kind_ = Kind::kPrefix;
    prefix_ = first;
  } else {
    kind_ = Kind::kGeneral;
  }
}

bool GlobMatch(std::string_view p, std::string_view t) {
  size_t pi = 0, ti = 0;
  size_t star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == kStar) {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && (p[pi] == kQmark || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == kStar) ++pi;
  return pi == p.size();
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

std::string FoldCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    // U+00C0..U+00DE except U+00D7 are C3 80..C3 9E; lower case adds 0x20.
    if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(d));
      ++i;
      continue;
    }
    out.push_back(LowerAscii(static_cast<char>(c)));
  }
  return out;
}

}  // namespace rampart::policy
