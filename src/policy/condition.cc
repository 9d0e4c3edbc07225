// Condition evaluation: missing-key truth table, set operators, typed comparisons.
#include "policy/condition.h"

#include "policy/arn.h"
#include "policy/glob.h"

namespace rampart::policy {

namespace {

thread_local std::string g_scratch;

bool IsNegated(BaseOp op) {
  switch (op) {
    case BaseOp::kStringNotEquals:
    case BaseOp::kStringNotEqualsIgnoreCase:
    case BaseOp::kStringNotLike:
    case BaseOp::kNumericNotEquals:
    case BaseOp::kDateNotEquals:
    case BaseOp::kNotIpAddress:
    case BaseOp::kArnNotEquals:
    case BaseOp::kArnNotLike:
      return true;
    default:
      return false;
  }
}

// Byte-wise comparison with the FoldCase mapping applied to both sides.
bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  bool after_c3 = false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (after_c3) {
      if (x >= 0x80 && x <= 0x9E && x != 0x97) x = static_cast<unsigned char>(x + 0x20);
      if (y >= 0x80 && y <= 0x9E && y != 0x97) y = static_cast<unsigned char>(y + 0x20);
      after_c3 = false;
    } else {
      x = static_cast<unsigned char>(LowerAscii(static_cast<char>(x)));
      y = static_cast<unsigned char>(LowerAscii(static_cast<char>(y)));
      after_c3 = x == 0xC3;
    }
    if (x != y) return false;
  }
  return true;
}

template <typename T>
bool CompareOrdered(BaseOp op, const T& x, const T& p) {
  switch (op) {
    case BaseOp::kNumericEquals:
    case BaseOp::kNumericNotEquals:
    case BaseOp::kDateEquals:
    case BaseOp::kDateNotEquals:
      return x == p;
    case BaseOp::kNumericLessThan:
    case BaseOp::kDateLessThan:
      return x < p;
    case BaseOp::kNumericLessThanEquals:
    case BaseOp::kDateLessThanEquals:
      return x <= p;
    case BaseOp::kNumericGreaterThan:
    case BaseOp::kDateGreaterThan:
      return x > p;
    case BaseOp::kNumericGreaterThanEquals:
    case BaseOp::kDateGreaterThanEquals:
      return x >= p;
    default:
      return false;
  }
}

bool ArnPatternMatches(std::string_view pattern, const ArnFields& value) {
  ArnFields pf;
  int n = SplitArn(pattern, &pf);
  static const std::string kStarStr(1, kStar);
  for (int i = 0; i < 6; ++i) {
    std::string_view p = i < n ? pf[i] : std::string_view(kStarStr);
    if (!GlobMatch(p, value[i])) return false;
  }
  return true;
}

// Positive comparison of one context value with one expanded string/ARN policy value.
bool StringCompare(BaseOp op, std::string_view x, std::string_view p, const ArnFields* arn) {
  switch (op) {
    case BaseOp::kStringEquals:
    case BaseOp::kStringNotEquals:
      return x == p;
    case BaseOp::kStringEqualsIgnoreCase:
    case BaseOp::kStringNotEqualsIgnoreCase:
      return EqualsFolded(x, p);
    case BaseOp::kStringLike:
    case BaseOp::kStringNotLike:
      return GlobMatch(p, x);
    default:
      return ArnPatternMatches(p, *arn);
  }
}

// Applies positive/negated combination over the policy values (spec §4.3 base_match).
template <typename Cmp>
bool Combine(bool negated, const Condition& c, Cmp cmp) {
  if (!negated) {
    for (const CondValue& v : c.values) {
      if (v.ok && cmp(v) == 1) return true;
    }
    return false;
  }
  bool any_parsed = c.values.empty();
  for (const CondValue& v : c.values) {
    if (!v.ok) continue;
    any_parsed = true;
    if (cmp(v) == 1) return false;
  }
  return any_parsed;
}

bool BaseMatch(const Condition& c, std::string_view x, const TypedValue& typed,
               const ContextKeys& keys) {
  const BaseOp op = c.base;
  const bool negated = IsNegated(op);
  switch (op) {
    case BaseOp::kNumericEquals:
    case BaseOp::kNumericNotEquals:
    case BaseOp::kNumericLessThan:
    case BaseOp::kNumericLessThanEquals:
    case BaseOp::kNumericGreaterThan:
    case BaseOp::kNumericGreaterThanEquals: {
      if (!typed.is_number) return false;
      const long double n = typed.number;
      return Combine(negated, c,
                     [&](const CondValue& v) { return CompareOrdered(op, n, v.number) ? 1 : 0; });
    }
    case BaseOp::kDateEquals:
    case BaseOp::kDateNotEquals:
    case BaseOp::kDateLessThan:
    case BaseOp::kDateLessThanEquals:
    case BaseOp::kDateGreaterThan:
    case BaseOp::kDateGreaterThanEquals: {
      if (!typed.is_date) return false;
      const Instant t = typed.date;
      return Combine(negated, c,
                     [&](const CondValue& v) { return CompareOrdered(op, t, v.date) ? 1 : 0; });
    }
    case BaseOp::kBool: {
      if (!typed.is_bool) return false;
      const bool b = typed.boolean;
      return Combine(false, c, [&](const CondValue& v) {
        bool pb = v.boolean;
        if (v.text.has_vars()) {
          std::string_view s;
          if (!ExpandTemplate(v.text, keys, &g_scratch, &s) || !ParseBool(s, &pb)) return 0;
        }
        return pb == b ? 1 : 0;
      });
    }
    case BaseOp::kBinaryEquals: {
      std::string bytes;
      if (!DecodeBase64(x, &bytes)) return false;
      return Combine(false, c, [&](const CondValue& v) { return v.bytes == bytes ? 1 : 0; });
    }
    case BaseOp::kIpAddress:
    case BaseOp::kNotIpAddress: {
      if (!typed.is_ip) return false;
      const IpNet& a = typed.ip;
      return Combine(negated, c, [&](const CondValue& v) { return NetContains(v.net, a) ? 1 : 0; });
    }
    default:
      break;
  }
  // String and ARN operators: values may contain variables; NULL counts as "not equal".
  ArnFields arn;
  const bool is_arn = op >= BaseOp::kArnEquals;
  if (is_arn && SplitArn(x, &arn) != 6) return false;
  for (const CondValue& v : c.values) {
    std::string_view p;
    bool resolved = ExpandTemplate(v.text, keys, &g_scratch, &p);
    bool equal = resolved && StringCompare(op, x, p, &arn);
    if (!negated && equal) return true;
    if (negated && equal) return false;
  }
  return negated;
}

}  // namespace

bool ExpandTemplate(const Template& t, const ContextKeys& keys, std::string* scratch,
                    std::string_view* out) {
  if (!t.has_vars()) {
    *out = t.literal;
    return true;
  }
  scratch->clear();
  for (const Template::Part& part : t.parts) {
    if (!part.is_var) {
      scratch->append(part.text);
      continue;
    }
    const ContextValue* v = keys.FindHashed(part.text, part.key_hash);
    if (v != nullptr && !v->multi && v->values.size() == 1 && !v->typed[0].has_reserved) {
      scratch->append(v->values[0]);
    } else if (part.has_default) {
      scratch->append(part.default_value);
    } else {
      return false;
    }
  }
  *out = *scratch;
  return true;
}

namespace {

// The value a variable part stands for, or false when it resolves to NULL (see ExpandTemplate).
bool ResolvePart(const Template::Part& part, const ContextKeys& keys, std::string_view* out) {
  const ContextValue* v = keys.FindHashed(part.text, part.key_hash);
  if (v != nullptr && !v->multi && v->values.size() == 1 && !v->typed[0].has_reserved) {
    *out = v->values[0];
    return true;
  }
  if (!part.has_default) return false;
  *out = part.default_value;
  return true;
}

}  // namespace

bool MatchSimpleTemplate(const Template& t, const ContextKeys& keys, std::string_view text) {
  size_t pos = 0;
  for (size_t i = 0; i < t.parts.size(); ++i) {
    const Template::Part& part = t.parts[i];
    std::string_view piece = part.text;
    bool trailing_star = false;
    if (part.is_var) {
      if (!ResolvePart(part, keys, &piece)) return false;
    } else if (i + 1 == t.parts.size() && !piece.empty() && piece.back() == kStar) {
      piece.remove_suffix(1);
      trailing_star = true;
    }
    if (text.size() - pos < piece.size() || !FastEqual(text.substr(pos, piece.size()), piece)) {
      return false;
    }
    pos += piece.size();
    if (trailing_star) return true;
  }
  return pos == text.size();
}

bool EvaluateCondition(const Condition& c, const ContextKeys& keys, bool* missing) {
  const ContextValue* v = keys.FindHashed(c.key_lower, c.key_hash);
  const bool multi = v != nullptr && v->multi;
  const bool absent = v == nullptr || v->values.empty();
  *missing = v == nullptr;
  if (c.base == BaseOp::kNull) {
    for (const CondValue& p : c.values) {
      if (p.ok && p.boolean == absent) return true;
    }
    return false;
  }
  if (absent) {
    if (c.if_exists) return true;
    if (c.set == SetOp::kForAllValues) return true;
    if (c.set == SetOp::kForAnyValue) return false;
    return IsNegated(c.base);
  }
  if (c.set == SetOp::kNone) {
    if (multi) return false;
    return BaseMatch(c, v->values[0], v->typed[0], keys);
  }
  if (c.set == SetOp::kForAnyValue) {
    for (size_t i = 0; i < v->values.size(); ++i) {
      if (BaseMatch(c, v->values[i], v->typed[i], keys)) return true;
    }
    return false;
  }
  for (size_t i = 0; i < v->values.size(); ++i) {
    if (!BaseMatch(c, v->values[i], v->typed[i], keys)) return false;
  }
  return true;
}

}  // namespace rampart::policy
