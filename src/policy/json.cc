// Recursive-descent JSON reader used by the policy parser (no exceptions, bounded depth).
#include "policy/json.h"

#include <cstdint>

namespace rampart::policy {

const JsonValue* JsonValue::Find(std::string_view key) const {
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool JsonValue::ScalarText(std::string* out) const {
  switch (kind) {
    case JsonKind::kString:
    case JsonKind::kNumber:
      *out = text;
      return true;
    case JsonKind::kBool:
      *out = boolean ? "true" : "false";
      return true;
    default:
      return false;
  }
}

namespace {

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

class Reader {
 public:
  Reader(std::string_view s, int max_depth) : s_(s), max_depth_(max_depth) {}

  JsonErrorKind Run(JsonValue* out) {
    SkipWs();
    if (!Value(out, 0)) return err_ == JsonErrorKind::kNone ? JsonErrorKind::kSyntax : err_;
    SkipWs();
    if (pos_ != s_.size()) return JsonErrorKind::kSyntax;
    return JsonErrorKind::kNone;
  }

 private:
  bool Fail(JsonErrorKind k) {
    if (err_ == JsonErrorKind::kNone) err_ = k;
    return false;
  }
  void SkipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Consume(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view lit) {
    if (s_.substr(pos_, lit.size()) != lit) return Fail(JsonErrorKind::kSyntax);
    pos_ += lit.size();
    return true;
  }

  bool Value(JsonValue* out, int depth) {
    if (depth > max_depth_) return Fail(JsonErrorKind::kTooDeep);
    if (pos_ >= s_.size()) return Fail(JsonErrorKind::kSyntax);
    switch (s_[pos_]) {
      case '{':
        return Object(out, depth);
      case '[':
        return Array(out, depth);
      case '"':
        out->kind = JsonKind::kString;
        return String(&out->text);
      case 't':
        out->kind = JsonKind::kBool;
        out->boolean = true;
        return Literal("true");
      case 'f':
        out->kind = JsonKind::kBool;
        return Literal("false");
      case 'n':
        out->kind = JsonKind::kNull;
        return Literal("null");
      default:
        return Number(out);
    }
  }

  bool Number(JsonValue* out) {
    size_t start = pos_;
    Consume('-');
    auto digits = [&] {
      size_t b = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - b;
    };
    size_t int_start = pos_;
    size_t n = digits();
    if (n == 0) return Fail(JsonErrorKind::kSyntax);
    if (n > 1 && s_[int_start] == '0') return Fail(JsonErrorKind::kSyntax);
    if (Consume('.') && digits() == 0) return Fail(JsonErrorKind::kSyntax);
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (!Consume('+')) Consume('-');
      if (digits() == 0) return Fail(JsonErrorKind::kSyntax);
    }
    out->kind = JsonKind::kNumber;
    out->text.assign(s_.substr(start, pos_ - start));
    return true;
  }

  bool Hex4(uint32_t* v) {
    if (pos_ + 4 > s_.size()) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[pos_++];
      *v <<= 4;
      if (c >= '0' && c <= '9') {
        *v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        *v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        *v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  bool Escape(std::string* out) {
    if (pos_ >= s_.size()) return Fail(JsonErrorKind::kSyntax);
    char c = s_[pos_++];
    switch (c) {
      case '"':
        out->push_back('"');
        return true;
      case '\\':
        out->push_back('\\');
        return true;
      case '/':
        out->push_back('/');
        return true;
      case 'b':
        out->push_back('\b');
        return true;
      case 'f':
        out->push_back('\f');
        return true;
      case 'n':
        out->push_back('\n');
        return true;
      case 'r':
        out->push_back('\r');
        return true;
      case 't':
        out->push_back('\t');
        return true;
      case 'u':
        break;
      default:
        return Fail(JsonErrorKind::kSyntax);
    }
    uint32_t cp = 0;
    if (!Hex4(&cp)) return Fail(JsonErrorKind::kSyntax);
    if (cp >= 0xDC00 && cp <= 0xDFFF) return Fail(JsonErrorKind::kBadUtf8);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t lo = 0;
      if (!Consume('\\') || !Consume('u') || !Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) {
        return Fail(JsonErrorKind::kBadUtf8);
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    AppendUtf8(cp, out);
    return true;
  }

  bool String(std::string* out) {
    ++pos_;  // opening quote
    out->clear();
    while (pos_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (!Escape(out)) return false;
        continue;
      }
      if (c < 0x20) return Fail(JsonErrorKind::kSyntax);
      size_t n = Utf8SequenceLength(s_, pos_);
      if (n == 0) return Fail(JsonErrorKind::kBadUtf8);
      out->append(s_.substr(pos_, n));
      pos_ += n;
    }
    return Fail(JsonErrorKind::kSyntax);
  }

  bool Array(JsonValue* out, int depth) {
    ++pos_;
    out->kind = JsonKind::kArray;
    SkipWs();
    if (Consume(']')) return true;
    while (true) {
      SkipWs();
      out->items.emplace_back();
      if (!Value(&out->items.back(), depth + 1)) return false;
      SkipWs();
      if (Consume(']')) return true;
      if (!Consume(',')) return Fail(JsonErrorKind::kSyntax);
    }
  }

  bool Object(JsonValue* out, int depth) {
    ++pos_;
    out->kind = JsonKind::kObject;
    SkipWs();
    if (Consume('}')) return true;
    while (true) {
      SkipWs();
      if (pos_ >= s_.size() || s_[pos_] != '"') return Fail(JsonErrorKind::kSyntax);
      std::string key;
      if (!String(&key)) return false;
      if (out->Find(key) != nullptr) return Fail(JsonErrorKind::kDuplicateKey);
      SkipWs();
      if (!Consume(':')) return Fail(JsonErrorKind::kSyntax);
      SkipWs();
      out->members.emplace_back(std::move(key), JsonValue{});
      if (!Value(&out->members.back().second, depth + 1)) return false;
      SkipWs();
      if (Consume('}')) return true;
      if (!Consume(',')) return Fail(JsonErrorKind::kSyntax);
    }
  }

  std::string_view s_;
  int max_depth_;
  size_t pos_ = 0;
  JsonErrorKind err_ = JsonErrorKind::kNone;
};

}  // namespace

JsonParseResult ParseJson(std::string_view text, int max_depth) {
  JsonParseResult r;
  Reader reader(text, max_depth);
  r.error = reader.Run(&r.value);
  if (r.error != JsonErrorKind::kNone) r.value = JsonValue{};
  return r;
}

size_t MinifiedLength(std::string_view text) {
  size_t count = 0;
  bool in_string = false;
  bool escaped = false;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      continue;
    }
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace rampart::policy
