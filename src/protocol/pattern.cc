// A small linear-time matcher for the regex subset used by AWS model patterns.
//
// Supported: sequences of atoms (literal, '.', escapes like \w \d \s \S \p{L} \uXXXX, bracket
// classes with ranges and negation) each with a quantifier (*, +, ?, {m}, {m,}, {m,n}), optional
// ^ and $ anchors. Matching is a state-set simulation (no backtracking, no recursion). Groups and
// alternation fall back to std::regex for short ASCII values; anything else is accepted.
#include "protocol/pattern.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace rampart::protocol {

namespace {

struct Range {
  uint32_t lo, hi;
};

enum class Named { kNone, kWord, kDigit, kSpace, kLetter, kNumber, kSeparator, kPunct, kAny };

struct CharSet {
  std::vector<Range> ranges;
  std::vector<std::pair<Named, bool>> named;  // (class, negated)
  bool negated = false;
  bool dot = false;

  bool Contains(uint32_t c) const {
    if (dot) return c != '\n';
    bool in = false;
    for (const Range& r : ranges)
      if (c >= r.lo && c <= r.hi) in = true;
    for (auto [n, neg] : named)
      if (NamedContains(n, c) != neg) in = true;
    return in != negated;
  }

  static bool NamedContains(Named n, uint32_t c) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool digit = c >= '0' && c <= '9';
    switch (n) {
      case Named::kWord:
        return alpha || digit || c == '_';
      case Named::kDigit:
        return digit;
      case Named::kSpace:
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
      // Non-ASCII code points are approximated as letters (good enough for names/tags).
      case Named::kLetter:
        return alpha || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000) || c >= 0x3000;
      case Named::kNumber:
        return digit;
      case Named::kSeparator:
        return c == ' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
               c == 0x2029 || c == 0x3000;
      case Named::kPunct:
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7E);
      case Named::kAny:
        return true;
      case Named::kNone:
        return false;
    }
    return false;
  }
};

struct Atom {
  CharSet set;
  uint32_t min = 1;
  uint32_t max = 1;  // UINT32_MAX = unbounded
};

constexpr uint32_t kUnbounded = UINT32_MAX;

// Decodes one UTF-8 code point; invalid bytes are returned as themselves.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  auto b = static_cast<uint8_t>(s[*i]);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  if (extra == 0 || *i + static_cast<size_t>(extra) >= s.size()) {
    ++*i;
    return b;
  }
  uint32_t cp = b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    auto cb = static_cast<uint8_t>(s[*i + k]);
    if ((cb & 0xC0) != 0x80) {
      ++*i;
      return b;
    }
    cp = (cp << 6) | (cb & 0x3F);
  }
  *i += static_cast<size_t>(extra) + 1;
  return cp;
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  std::optional<std::vector<Atom>> Parse() {
    std::vector<Atom> atoms;
    if (Peek('^')) ++i_;
    while (i_ < p_.size()) {
      if (p_[i_] == '$' && i_ + 1 == p_.size()) break;
      Atom a;
      auto set = ParseAtom();
      if (!set) return std::nullopt;
      a.set = std::move(*set);
      if (!ParseQuantifier(&a)) return std::nullopt;
      atoms.push_back(std::move(a));
    }
    return atoms;
  }

 private:
  bool Peek(char c) const { return i_ < p_.size() && p_[i_] == c; }

  std::optional<CharSet> ParseAtom() {
    char c = p_[i_];
    if (c == '(' || c == ')' || c == '|' || c == '*' || c == '+' || c == '?' || c == '{')
      return std::nullopt;
    CharSet set;
    if (c == '[') {
      ++i_;
      if (!ParseClass(&set)) return std::nullopt;
      return set;
    }
    if (c == '.') {
      ++i_;
      set.dot = true;
      return set;
    }
    if (c == '\\') {
      if (!ParseEscape(&set, false)) return std::nullopt;
      return set;
    }
    uint32_t cp = NextCodePoint(p_, &i_);
    set.ranges.push_back({cp, cp});
    return set;
  }

  bool ParseClass(CharSet* set) {
    if (Peek('^')) {
      set->negated = true;
      ++i_;
    }
    bool first = true;
    while (i_ < p_.size()) {
      if (p_[i_] == ']' && !first) {
        ++i_;
        return true;
      }
      if (p_[i_] == '[' || (p_[i_] == '&' && i_ + 1 < p_.size() && p_[i_ + 1] == '&'))
        return false;  // nested classes / intersections unsupported
      first = false;
      std::optional<uint32_t> lo = ClassChar(set);
      if (!lo) continue;  // a named class was added
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        std::optional<uint32_t> hi = ClassChar(set);
        if (!hi || *hi < *lo) return false;
        set->ranges.push_back({*lo, *hi});
      } else {
        set->ranges.push_back({*lo, *lo});
      }
    }
    return false;
  }

  // One class member: a code point, or nullopt after adding a named class to `set`.
  std::optional<uint32_t> ClassChar(CharSet* set) {
    if (p_[i_] != '\\') return NextCodePoint(p_, &i_);
    CharSet tmp;
    if (!ParseEscape(&tmp, true)) {
      bad_ = true;
      ++i_;
      return std::nullopt;
    }
    if (!tmp.named.empty()) {
      set->named.insert(set->named.end(), tmp.named.begin(), tmp.named.end());
      return std::nullopt;
    }
    return tmp.ranges.empty() ? std::nullopt : std::optional<uint32_t>(tmp.ranges[0].lo);
  }

  bool ParseEscape(CharSet* set, bool in_class) {
    if (i_ + 1 >= p_.size()) return false;
    char e = p_[i_ + 1];
    i_ += 2;
    auto named = [&](Named n, bool neg) {
      set->named.emplace_back(n, neg);
      return true;
    };
    switch (e) {
      case 'w':
        return named(Named::kWord, false);
      case 'W':
        return named(Named::kWord, true);
      case 'd':
        return named(Named::kDigit, false);
      case 'D':
        return named(Named::kDigit, true);
      case 's':
        return named(Named::kSpace, false);
      case 'S':
        return named(Named::kSpace, true);
      case 'p':
      case 'P':
        return ParseProperty(set, e == 'P');
      case 'u':
        return HexEscape(set, 4);
      case 'x':
        return HexEscape(set, 2);
      case 't':
        set->ranges.push_back({'\t', '\t'});
        return true;
      case 'n':
        set->ranges.push_back({'\n', '\n'});
        return true;
      case 'r':
        set->ranges.push_back({'\r', '\r'});
        return true;
      case 'f':
        set->ranges.push_back({'\f', '\f'});
        return true;
      default:
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9'))
          return false;  // \b, \A, back-references, ... unsupported
        set->ranges.push_back({static_cast<uint8_t>(e), static_cast<uint8_t>(e)});
        return true;
    }
  }

  bool HexEscape(CharSet* set, size_t n) {
    if (i_ + n > p_.size()) return false;
    uint32_t v = 0;
    for (size_t k = 0; k < n; ++k) {
      char h = p_[i_ + k];
      int d = (h >= '0' && h <= '9')   ? h - '0'
              : (h >= 'a' && h <= 'f') ? h - 'a' + 10
              : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                       : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<uint32_t>(d);
    }
    i_ += n;
    set->ranges.push_back({v, v});
    return true;
  }

  bool ParseProperty(CharSet* set, bool neg) {
    std::string name;
    if (Peek('{')) {
      auto close = p_.find('}', i_);
      if (close == std::string_view::npos) return false;
      name = std::string(p_.substr(i_ + 1, close - i_ - 1));
      i_ = close + 1;
    } else if (i_ < p_.size()) {
      name = std::string(1, p_[i_++]);
    }
    static const std::map<std::string, Named, std::less<>> kProps = {
        {"L", Named::kLetter},    {"IsLetter", Named::kLetter}, {"Alpha", Named::kLetter},
        {"N", Named::kNumber},    {"Digit", Named::kDigit},     {"Nd", Named::kDigit},
        {"Z", Named::kSeparator}, {"Zs", Named::kSeparator},    {"Space", Named::kSpace},
        {"Punct", Named::kPunct}, {"P", Named::kPunct},         {"Alnum", Named::kWord},
        {"ASCII", Named::kAny},   {"Print", Named::kAny},       {"Graph", Named::kAny},
        {"S", Named::kPunct},     {"M", Named::kLetter},        {"Ll", Named::kLetter},
        {"Lu", Named::kLetter}};
    auto it = kProps.find(name);
    if (it == kProps.end()) return false;
    set->named.emplace_back(it->second, neg);
    return true;
  }

  bool ParseQuantifier(Atom* a) {
    if (i_ >= p_.size()) return true;
    char q = p_[i_];
    if (q == '*' || q == '+' || q == '?') {
      ++i_;
      a->min = q == '+' ? 1 : 0;
      a->max = q == '?' ? 1 : kUnbounded;
    } else if (q == '{') {
      auto close = p_.find('}', i_);
      if (close == std::string_view::npos) return false;
      std::string_view body = p_.substr(i_ + 1, close - i_ - 1);
      i_ = close + 1;
      auto comma = body.find(',');
      auto num = [](std::string_view s) -> std::optional<uint32_t> {
        if (s.empty() || s.size() > 6) return std::nullopt;
        uint32_t v = 0;
        for (char c : s) {
          if (c < '0' || c > '9') return std::nullopt;
          v = v * 10 + static_cast<uint32_t>(c - '0');
        }
        return v;
      };
      auto lo = num(body.substr(0, comma));
      if (!lo) return false;
      a->min = *lo;
      if (comma == std::string_view::npos) {
        a->max = *lo;
      } else if (comma + 1 == body.size()) {
        a->max = kUnbounded;
      } else {
        auto hi = num(body.substr(comma + 1));
        if (!hi || *hi < *lo) return false;
        a->max = *hi;
      }
    } else {
      return true;
    }
    if (Peek('?') || Peek('+')) ++i_;  // lazy / possessive: same language for full matches
    return !bad_;
  }

  std::string_view p_;
  size_t i_ = 0;
  bool bad_ = false;
};

// State-set simulation over (atom, repetitions so far).
bool RunAtoms(const std::vector<Atom>& atoms, std::string_view value) {
  using State = std::pair<uint32_t, uint32_t>;
  std::vector<State> cur, next;
  auto add = [&](std::vector<State>& set, uint32_t atom, uint32_t count) {
    // Epsilon closure: skip atoms whose minimum is already satisfied.
    while (true) {
      if (atom < atoms.size() && atoms[atom].max == kUnbounded && count > atoms[atom].min)
        count = atoms[atom].min;  // counts above the minimum are equivalent when unbounded
      set.emplace_back(atom, count);
      if (atom >= atoms.size() || count < atoms[atom].min) return;
      ++atom;
      count = 0;
    }
  };
  add(cur, 0, 0);
  size_t i = 0;
  while (i < value.size()) {
    uint32_t c = NextCodePoint(value, &i);
    next.clear();
    std::sort(cur.begin(), cur.end());
    cur.erase(std::unique(cur.begin(), cur.end()), cur.end());
    for (auto [atom, count] : cur) {
      if (atom >= atoms.size()) continue;
      const Atom& a = atoms[atom];
      if (count >= a.max && a.max != kUnbounded) continue;
      if (!a.set.Contains(c)) continue;
      add(next, atom, count + 1);
    }
    if (next.empty()) return false;
    cur.swap(next);
  }
  for (auto [atom, count] : cur)
    if (atom >= atoms.size()) return true;
  return false;
}

struct Compiled {
  std::optional<std::vector<Atom>> atoms;
  std::unique_ptr<std::regex> regex;  // fallback for groups/alternation
};

std::unique_ptr<std::regex> CompileFallback(std::string_view pattern) {
  for (char c : pattern)
    if (static_cast<uint8_t>(c) >= 0x80) return nullptr;
  if (pattern.find("\\p") != std::string_view::npos ||
      pattern.find("\\u") != std::string_view::npos)
    return nullptr;
  try {
    return std::make_unique<std::regex>(std::string(pattern), std::regex::ECMAScript);
  } catch (...) {
    return nullptr;
  }
}

const Compiled& Lookup(std::string_view pattern) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Compiled>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(pattern);
  if (it != cache.end()) return *it->second;
  auto c = std::make_unique<Compiled>();
  c->atoms = Parser(pattern).Parse();
  if (!c->atoms) c->regex = CompileFallback(pattern);
  const Compiled& ref = *c;
  cache.emplace(std::string(pattern), std::move(c));
  return ref;
}

}  // namespace

bool MatchesPattern(std::string_view pattern, std::string_view value) {
  const Compiled& c = Lookup(pattern);
  if (c.atoms) return RunAtoms(*c.atoms, value);
  if (!c.regex || value.size() > 512) return true;
  for (char ch : value)
    if (static_cast<uint8_t>(ch) >= 0x80) return true;
  try {
    return std::regex_match(value.begin(), value.end(), *c.regex);
  } catch (...) {
    return true;
  }
}

}  // namespace rampart::protocol
