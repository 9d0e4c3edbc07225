// ParsePolicy: IAM-compatible validation (spec §1, §1.10 precedence) and compilation.
#include <openssl/evp.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <set>
#include <unordered_map>

#include "policy/arn.h"
#include "policy/glob.h"
#include "policy/json.h"
#include "policy/policy.h"

namespace rampart::policy {

namespace {

constexpr char kSyntax[] = "Syntax errors in policy.";
constexpr char kLegacy[] = "The policy failed legacy parsing";

AwsError Malformed(std::string message) {
  return AwsError::Sender("MalformedPolicyDocument", std::move(message), 400);
}

// Pointers to one statement's elements (null when absent).
struct RawStatement {
  const JsonValue* sid = nullptr;
  const JsonValue* effect = nullptr;
  const JsonValue* principal = nullptr;
  const JsonValue* not_principal = nullptr;
  const JsonValue* action = nullptr;
  const JsonValue* not_action = nullptr;
  const JsonValue* resource = nullptr;
  const JsonValue* not_resource = nullptr;
  const JsonValue* condition = nullptr;
  const JsonValue* principal_any() const { return principal ? principal : not_principal; }
  const JsonValue* action_any() const { return action ? action : not_action; }
  const JsonValue* resource_any() const { return resource ? resource : not_resource; }
};

struct OperatorInfo {
  BaseOp base;
  SetOp set;
  bool if_exists;
};

constexpr std::pair<std::string_view, BaseOp> kOperators[] = {
    {"StringEquals", BaseOp::kStringEquals},
    {"StringNotEquals", BaseOp::kStringNotEquals},
    {"StringEqualsIgnoreCase", BaseOp::kStringEqualsIgnoreCase},
    {"StringNotEqualsIgnoreCase", BaseOp::kStringNotEqualsIgnoreCase},
    {"StringLike", BaseOp::kStringLike},
    {"StringNotLike", BaseOp::kStringNotLike},
    {"NumericEquals", BaseOp::kNumericEquals},
    {"NumericNotEquals", BaseOp::kNumericNotEquals},
    {"NumericLessThan", BaseOp::kNumericLessThan},
    {"NumericLessThanEquals", BaseOp::kNumericLessThanEquals},
    {"NumericGreaterThan", BaseOp::kNumericGreaterThan},
    {"NumericGreaterThanEquals", BaseOp::kNumericGreaterThanEquals},
    {"DateEquals", BaseOp::kDateEquals},
    {"DateNotEquals", BaseOp::kDateNotEquals},
    {"DateLessThan", BaseOp::kDateLessThan},
    {"DateLessThanEquals", BaseOp::kDateLessThanEquals},
    {"DateGreaterThan", BaseOp::kDateGreaterThan},
    {"DateGreaterThanEquals", BaseOp::kDateGreaterThanEquals},
    {"Bool", BaseOp::kBool},
    {"BinaryEquals", BaseOp::kBinaryEquals},
    {"IpAddress", BaseOp::kIpAddress},
    {"NotIpAddress", BaseOp::kNotIpAddress},
    {"ArnEquals", BaseOp::kArnEquals},
    {"ArnLike", BaseOp::kArnLike},
    {"ArnNotEquals", BaseOp::kArnNotEquals},
    {"ArnNotLike", BaseOp::kArnNotLike},
    {"Null", BaseOp::kNull},
};

bool ParseOperator(std::string_view name, OperatorInfo* out) {
  out->set = SetOp::kNone;
  out->if_exists = false;
  if (name.starts_with("ForAllValues:")) {
    out->set = SetOp::kForAllValues;
    name.remove_prefix(13);
  } else if (name.starts_with("ForAnyValue:")) {
    out->set = SetOp::kForAnyValue;
    name.remove_prefix(12);
  }
  if (name.ends_with("IfExists")) {
    out->if_exists = true;
    name.remove_suffix(8);
  }
  for (const auto& [op_name, op] : kOperators) {
    if (op_name == name) {
      out->base = op;
      if (op == BaseOp::kNull && (out->if_exists || out->set != SetOp::kNone)) return false;
      return true;
    }
  }
  return false;
}

bool IsDateOp(BaseOp op) {
  return op >= BaseOp::kDateEquals && op <= BaseOp::kDateGreaterThanEquals;
}
bool IsWildcardOp(BaseOp op) {
  return op == BaseOp::kStringLike || op == BaseOp::kStringNotLike || op >= BaseOp::kArnEquals;
}
bool ExpandsVariables(BaseOp op) {
  return op <= BaseOp::kStringNotLike || op == BaseOp::kBool ||
         (op >= BaseOp::kArnEquals && op <= BaseOp::kArnNotLike);
}

bool IsStringOrStringArray(const JsonValue& v, bool allow_empty = true) {
  if (v.kind == JsonKind::kString) return true;
  if (v.kind != JsonKind::kArray) return false;
  if (!allow_empty && v.items.empty()) return false;
  for (const auto& item : v.items) {
    if (item.kind != JsonKind::kString) return false;
  }
  return true;
}

bool IsScalar(const JsonValue& v) {
  return v.kind == JsonKind::kString || v.kind == JsonKind::kNumber || v.kind == JsonKind::kBool;
}

// Strings of a string-or-array element.
std::vector<std::string_view> Strings(const JsonValue* v) {
  std::vector<std::string_view> out;
  if (v == nullptr) return out;
  if (v->kind == JsonKind::kString) {
    out.push_back(v->text);
  } else {
    for (const auto& item : v->items) out.push_back(item.text);
  }
  return out;
}

// Step 1 for one statement: allowed keys and element value types.
Status CheckStatementShape(const JsonValue& s, RawStatement* raw) {
  if (s.kind != JsonKind::kObject) return Malformed(kSyntax);
  for (const auto& [key, value] : s.members) {
    const JsonValue** slot = nullptr;
    if (key == "Sid") slot = &raw->sid;
    if (key == "Effect") slot = &raw->effect;
    if (key == "Principal") slot = &raw->principal;
    if (key == "NotPrincipal") slot = &raw->not_principal;
    if (key == "Action") slot = &raw->action;
    if (key == "NotAction") slot = &raw->not_action;
    if (key == "Resource") slot = &raw->resource;
    if (key == "NotResource") slot = &raw->not_resource;
    if (key == "Condition") slot = &raw->condition;
    if (slot == nullptr) return Malformed(kSyntax);
    *slot = &value;
  }
  if (raw->sid && raw->sid->kind != JsonKind::kString) return Malformed(kSyntax);
  if (raw->effect && raw->effect->kind != JsonKind::kString) return Malformed(kSyntax);
  if (raw->principal && raw->not_principal) return Malformed(kSyntax);
  if (raw->action && raw->not_action) return Malformed(kSyntax);
  if (raw->resource && raw->not_resource) return Malformed(kSyntax);
  if (const JsonValue* p = raw->principal_any()) {
    if (p->kind == JsonKind::kString) {
      if (p->text != "*") return Malformed(kSyntax);
    } else if (p->kind == JsonKind::kObject) {
      if (p->members.empty()) return Malformed(kSyntax);
      for (const auto& [type, values] : p->members) {
        if (type != "AWS" && type != "Service" && type != "Federated" && type != "CanonicalUser") {
          return Malformed(kSyntax);
        }
        if (!IsStringOrStringArray(values, false)) return Malformed(kSyntax);
      }
    } else {
      return Malformed(kSyntax);
    }
  }
  if (const JsonValue* a = raw->action_any(); a && !IsStringOrStringArray(*a)) {
    return Malformed(kSyntax);
  }
  if (const JsonValue* r = raw->resource_any(); r && !IsStringOrStringArray(*r)) {
    return Malformed(kSyntax);
  }
  if (const JsonValue* c = raw->condition) {
    if (c->kind != JsonKind::kObject) return Malformed(kSyntax);
    for (const auto& [op, block] : c->members) {
      if (block.kind != JsonKind::kObject) return Malformed(kSyntax);
      for (const auto& [key, values] : block.members) {
        if (IsScalar(values)) continue;
        if (values.kind != JsonKind::kArray) return Malformed(kSyntax);
        for (const auto& v : values.items) {
          if (!IsScalar(v)) return Malformed(kSyntax);
        }
      }
      OperatorInfo info;
      if (!ParseOperator(op, &info)) return Malformed("Invalid Condition type : " + op);
    }
  }
  return Status::Ok();
}

bool IsIamType(PolicyType t) { return t != PolicyType::kResource; }

bool NeedsPrincipal(PolicyType t) {
  return t == PolicyType::kResource || t == PolicyType::kTrust || t == PolicyType::kRcp;
}

bool NeedsResource(PolicyType t) { return t != PolicyType::kResource && t != PolicyType::kTrust; }

// Step 3: legacy parsing of one resource string.
bool LegacyResourceOk(std::string_view r) {
  if (r == "*" || r.find(':') == std::string_view::npos) return true;
  ArnFields f;
  int n = SplitArn(r, &f);
  if (n < 6) return false;
  return !f[2].empty();
}

constexpr std::string_view kIamResourceTypes[] = {"user/",
                                                  "federated-user/",
                                                  "role/",
                                                  "group/",
                                                  "instance-profile/",
                                                  "mfa/",
                                                  "server-certificate/",
                                                  "policy/",
                                                  "sms-mfa/",
                                                  "saml-provider/",
                                                  "oidc-provider/",
                                                  "report/",
                                                  "access-report/"};

// Step 7: the first resource-format error of one resource string.
std::optional<std::string> ResourceFormatError(std::string_view r) {
  if (r == "*") return std::nullopt;
  std::string rs(r);
  if (r.find(':') == std::string_view::npos) {
    return "Resource " + rs + " must be in ARN format or \"*\".";
  }
  ArnFields f;
  SplitArn(r, &f);
  if (f[0] != "arn") return "Resource " + rs + " must be in ARN format or \"*\".";
  if (!GlobMatch(CompileGlob(f[1]), "aws")) {
    return "Partition \"" + std::string(f[1]) + "\" is not valid for resource \"" + rs + "\".";
  }
  if (f[2].find_first_of("*?") != std::string_view::npos) {
    return std::string("Resource vendor must be fully qualified and cannot contain regexes.");
  }
  if (f[2] == "iam") {
    if (!f[3].empty()) return "IAM resource " + rs + " cannot contain region information.";
    bool ok = f[5] == "*";
    for (std::string_view t : kIamResourceTypes) ok = ok || f[5].starts_with(t);
    if (!ok) {
      return std::string(
          "IAM resource path must either be \"*\" or start with user/, federated-user/, role/, "
          "group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, "
          "saml-provider/, oidc-provider/, report/, access-report/.");
    }
  }
  if (f[2] == "s3" && !f[3].empty()) {
    return "Resource " + rs + " can not contain region information.";
  }
  return std::nullopt;
}

// Step 8: action (and condition key) vendor checks.
std::optional<std::string> ActionError(std::string_view a) {
  if (a == "*") return std::nullopt;
  size_t colon = a.find(':');
  if (colon == std::string_view::npos) {
    return std::string(
        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  }
  if (a.find(':', colon + 1) != std::string_view::npos) {
    return std::string("Actions/Condition can contain only one colon.");
  }
  std::string_view vendor = a.substr(0, colon);
  bool ok = !vendor.empty();
  for (char c : vendor) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-');
  }
  if (!ok) return "Vendor " + std::string(vendor) + " is not valid";
  return std::nullopt;
}

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsUniqueId(std::string_view s) {
  if (s.size() < 16 || s.size() > 128) return false;
  if (!(s.starts_with("AIDA") || s.starts_with("AROA"))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

bool ValidAwsPrincipal(std::string_view v) {
  if (v == "*") return true;
  if (v.find_first_of("*?") != std::string_view::npos) return false;
  if (IsAccountId(v) || IsUniqueId(v)) return true;
  ArnFields f;
  if (SplitArn(v, &f) != 6 || f[0] != "arn" || f[1] != "aws" || !f[3].empty()) return false;
  if (!IsAccountId(f[4])) return false;
  if (f[2] == "iam") {
    return f[5] == "root" || (f[5].starts_with("user/") && f[5].size() > 5) ||
           (f[5].starts_with("role/") && f[5].size() > 5);
  }
  if (f[2] == "sts") {
    return f[5].starts_with("assumed-role/") || f[5].starts_with("federated-user/");
  }
  return false;
}

constexpr std::string_view kTrustActions[] = {
    "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
    "sts:tagsession", "sts:setsourceidentity",  "sts:setcontext"};

bool TrustActionOk(std::string_view action) {
  if (action == "*") return true;
  std::string pattern = CompileGlob(ToLowerAscii(action));
  for (std::string_view allowed : kTrustActions) {
    if (GlobMatch(pattern, allowed)) return true;
  }
  return false;
}

// Step 9: principal rules per policy type.
Status CheckPrincipals(PolicyType type, const RawStatement& raw) {
  const JsonValue* p = raw.principal_any();
  if (!NeedsPrincipal(type)) {
    if (p != nullptr) return Malformed("Policy document should not specify a principal.");
    return Status::Ok();
  }
  if (type == PolicyType::kTrust && raw.principal == nullptr) {
    return Malformed(
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed "
        "in policy has a statement with no principals!");
  }
  if (p == nullptr) return Malformed("Missing required field Principal");
  if (p->kind == JsonKind::kString) return Status::Ok();  // "*"
  for (const auto& [kind, values] : p->members) {
    for (std::string_view v : Strings(&values)) {
      bool ok = true;
      if (kind == "AWS") {
        ok = ValidAwsPrincipal(v);
      } else if (kind == "CanonicalUser") {
        ok = type == PolicyType::kResource && !v.empty();
      } else {
        ok = !v.empty() && (v == "*" || v.find_first_of("*?") == std::string_view::npos);
      }
      if (type == PolicyType::kRcp) ok = ok && kind == "AWS" && v == "*";
      if (!ok) {
        return Malformed("Invalid principal in policy: \"" + kind + "\":\"" + std::string(v) +
                         "\"");
      }
    }
  }
  return Status::Ok();
}

std::string Sha256Hex(std::string_view a, std::string_view b) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, a.data(), a.size()) == 1 &&
            EVP_DigestUpdate(ctx, b.data(), b.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, md, &len) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return std::string();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

}  // namespace

// Builds the compiled Policy from validated JSON.
class PolicyCompiler {
 public:
  PolicyCompiler(PolicyType type, std::string version) : expand_(version == "2012-10-17") {
    policy_ = std::make_shared<Policy>();
    policy_->type_ = type;
    policy_->version_ = std::move(version);
  }

  std::shared_ptr<Policy> Compile(const JsonValue& doc, const std::vector<RawStatement>& raws,
                                  size_t size, std::string hash) {
    policy_->minified_size_ = size;
    policy_->hash_ = std::move(hash);
    if (const JsonValue* id = doc.Find("Id")) policy_->id_ = id->text;
    for (size_t i = 0; i < raws.size(); ++i) {
      policy_->statements_.push_back(CompileStatement(static_cast<int>(i), raws[i]));
    }
    BuildIndex();
    return policy_;
  }

  // Splits text into literal pieces and ${...} variables (spec §3.1).
  static Template MakeTemplate(std::string_view text, bool wildcards, bool expand) {
    Template t;
    auto lit = [&](std::string_view piece, std::string* out) {
      out->append(wildcards ? CompileGlob(piece) : std::string(piece));
    };
    if (!expand) {
      lit(text, &t.literal);
      return t;
    }
    std::string pending;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t start = text.find("${", pos);
      if (start == std::string_view::npos) break;
      size_t end = text.find('}', start + 2);
      if (end == std::string_view::npos) break;
      lit(text.substr(pos, start - pos), &pending);
      std::string_view body = text.substr(start + 2, end - start - 2);
      Template::Part var;
      if (body == "*" || body == "?" || body == "$") {
        pending.push_back(body[0]);  // literal, never a wildcard
      } else if (ParseVariable(body, &var)) {
        if (!pending.empty()) t.parts.push_back({false, std::move(pending), 0, false, {}});
        pending.clear();
        t.parts.push_back(std::move(var));
      } else {
        lit(text.substr(start, end - start + 1), &pending);
      }
      pos = end + 1;
    }
    lit(text.substr(pos), &pending);
    if (t.parts.empty()) {
      t.literal = std::move(pending);
    } else if (!pending.empty()) {
      t.parts.push_back({false, std::move(pending), 0, false, {}});
    }
    if (wildcards && t.has_vars()) t.simple_glob = IsSimpleGlob(t);
    return t;
  }

  // See Template::simple_glob.
  static bool IsSimpleGlob(const Template& t) {
    for (size_t i = 0; i < t.parts.size(); ++i) {
      const Template::Part& part = t.parts[i];
      if (part.is_var) {
        if (part.has_default && HasReservedBytes(part.default_value)) return false;
        continue;
      }
      std::string_view text = part.text;
      if (i + 1 == t.parts.size() && !text.empty() && text.back() == kStar) text.remove_suffix(1);
      if (HasReservedBytes(text)) return false;
    }
    return true;
  }

 private:
  static std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }

  static bool ParseVariable(std::string_view body, Template::Part* out) {
    size_t comma = body.find(',');
    std::string_view key = Trim(body.substr(0, comma));
    if (key.empty() || key.find_first_of("${ '") != std::string_view::npos) return false;
    out->is_var = true;
    out->text = ToLowerAscii(key);
    out->key_hash = KeyHash(out->text);
    if (comma == std::string_view::npos) return true;
    std::string_view rest = Trim(body.substr(comma + 1));
    if (rest.size() < 2 || rest.front() != '\'' || rest.back() != '\'') return false;
    out->has_default = true;
    out->default_value = std::string(rest.substr(1, rest.size() - 2));
    return true;
  }

  Statement CompileStatement(int index, const RawStatement& raw) {
    Statement s;
    s.index = index;
    if (raw.sid) s.sid = raw.sid->text;
    s.allow = raw.effect && raw.effect->text == "Allow";
    CompilePrincipals(raw, &s);
    s.not_action = raw.not_action != nullptr;
    for (std::string_view a : Strings(raw.action_any())) s.actions.push_back(CompileAction(a));
    s.has_resource = raw.resource_any() != nullptr;
    s.not_resource = raw.not_resource != nullptr;
    for (std::string_view r : Strings(raw.resource_any()))
      s.resources.push_back(CompileResource(r));
    if (raw.condition) {
      for (const auto& [op, block] : raw.condition->members) {
        for (const auto& [key, values] : block.members) {
          s.conditions.push_back(CompileCondition(op, key, values));
        }
      }
    }
    return s;
  }

  void CompilePrincipals(const RawStatement& raw, Statement* s) {
    const JsonValue* p = raw.principal_any();
    if (p == nullptr) return;
    s->has_principal = true;
    s->not_principal = raw.not_principal != nullptr;
    if (p->kind == JsonKind::kString) {
      PrincipalEntry e;
      e.wildcard = true;
      e.value = "*";
      s->principals.push_back(std::move(e));
      return;
    }
    for (const auto& [kind, values] : p->members) {
      for (std::string_view v : Strings(&values)) {
        PrincipalEntry e;
        e.kind = kind == "AWS"         ? PrincipalKind::kAws
                 : kind == "Service"   ? PrincipalKind::kService
                 : kind == "Federated" ? PrincipalKind::kFederated
                                       : PrincipalKind::kCanonicalUser;
        e.value = std::string(v);
        e.wildcard = v == "*";
        if (e.kind == PrincipalKind::kAws) {
          ArnFields f;
          if (IsAccountId(v)) {
            e.account = e.value;
          } else if (SplitArn(v, &f) == 6 && f[0] == "arn" && f[2] == "iam" && f[5] == "root") {
            e.account = std::string(f[4]);
          }
        }
        s->principals.push_back(std::move(e));
      }
    }
  }

  static ActionPattern CompileAction(std::string_view a) {
    ActionPattern p;
    if (a == "*") {
      p.any = true;
      return p;
    }
    std::string lower = ToLowerAscii(a);
    size_t colon = lower.find(':');
    p.service = lower.substr(0, colon);
    p.action =
        Glob(colon == std::string::npos ? std::string() : CompileGlob(lower.substr(colon + 1)));
    p.memo_id = InternMemoId("a" + lower);
    return p;
  }

  ResourcePattern CompileResource(std::string_view r) {
    ResourcePattern p;
    if (r == "*") {
      p.any = true;
      return p;
    }
    ArnFields f;
    int n = SplitArn(r, &f);
    for (int i = 0; i < 5; ++i) p.head[i] = Glob(i < n ? CompileGlob(f[i]) : std::string(1, kStar));
    p.head_exact = true;
    for (int i = 0; i < 5; ++i) {
      const std::string& field = p.head[i].pattern();
      p.head_exact = p.head_exact && IsLiteral(field);
      p.head_joined.append(field).push_back(':');
    }
    p.resource = n == 6 ? MakeTemplate(f[5], true, expand_) : Template{std::string(1, kStar), {}};
    p.memo_id = InternMemoId(std::string("r") + (expand_ ? "1" : "0") + std::string(r));
    if (!p.resource.has_vars()) p.resource_literal = Glob(p.resource.literal);
    return p;
  }

  Condition CompileCondition(const std::string& op, const std::string& key,
                             const JsonValue& values) {
    Condition c = CompileConditionBody(op, key, values);
    std::string canonical = std::string("c") + (expand_ ? "1" : "0") + op + '\x01' + c.key_lower;
    for (const CondValue& v : c.values) {
      canonical.push_back('\x01');
      canonical += v.source;
    }
    c.memo_id = InternMemoId(canonical);
    return c;
  }

  Condition CompileConditionBody(const std::string& op, const std::string& key,
                                 const JsonValue& values) {
    Condition c;
    OperatorInfo info{};
    ParseOperator(op, &info);  // validated in step 1
    c.op_name = op;
    c.base = info.base;
    c.set = info.set;
    c.if_exists = info.if_exists;
    c.key = key;
    c.key_lower = ToLowerAscii(key);
    c.key_hash = KeyHash(c.key_lower);
    auto add = [&](const JsonValue& v) {
      std::string text;
      v.ScalarText(&text);
      c.values.push_back(CompileValue(info.base, text));
      c.values.back().source = std::move(text);
    };
    if (values.kind == JsonKind::kArray) {
      for (const auto& v : values.items) add(v);
    } else {
      add(values);
    }
    return c;
  }

  CondValue CompileValue(BaseOp op, const std::string& text) {
    CondValue v;
    if (ExpandsVariables(op)) {
      v.text = MakeTemplate(text, IsWildcardOp(op), expand_);
      if (op == BaseOp::kBool && !v.text.has_vars()) v.ok = ParseBool(v.text.literal, &v.boolean);
      return v;
    }
    switch (op) {
      case BaseOp::kNull:
        v.ok = ParseBool(text, &v.boolean);
        break;
      case BaseOp::kBinaryEquals:
        v.ok = DecodeBase64(text, &v.bytes);
        break;
      case BaseOp::kIpAddress:
      case BaseOp::kNotIpAddress:
        v.ok = ParseCidr(text, &v.net);
        break;
      default:
        v.ok = IsDateOp(op) ? ParseDate(text, &v.date) : ParseNumber(text, &v.number);
    }
    return v;
  }

  void BuildIndex() {
    for (const Statement& s : policy_->statements_) {
      uint32_t idx = static_cast<uint32_t>(s.index);
      bool any = s.not_action;
      for (const ActionPattern& a : s.actions) any = any || a.any;
      if (any) {
        policy_->any_service_.push_back(idx);
        continue;
      }
      for (const ActionPattern& a : s.actions) {
        auto& index = policy_->by_service_;
        auto it = std::find_if(index.begin(), index.end(),
                               [&](const auto& e) { return e.first == a.service; });
        if (it == index.end()) {
          index.push_back({a.service, {}});
          it = index.end() - 1;
        }
        if (it->second.empty() || it->second.back() != idx) it->second.push_back(idx);
      }
    }
    for (const auto& entry : policy_->by_service_) {
      policy_->by_service_hash_.push_back(KeyHash(entry.first));
    }
    size_t slots = 4;
    while (slots < policy_->by_service_.size() * 2) slots *= 2;
    policy_->service_slots_.assign(slots, 0);
    for (size_t i = 0; i < policy_->by_service_.size(); ++i) {
      size_t slot = policy_->by_service_hash_[i] & (slots - 1);
      while (policy_->service_slots_[slot] != 0) slot = (slot + 1) & (slots - 1);
      policy_->service_slots_[slot] = static_cast<uint32_t>(i + 1);
    }
  }

  bool expand_;
  std::shared_ptr<Policy> policy_;
};

const std::vector<uint32_t>* Policy::ForService(std::string_view service_lower) const {
  return ForServiceHashed(service_lower, KeyHash(service_lower));
}

const std::vector<uint32_t>* Policy::ForServiceHashed(std::string_view service_lower,
                                                      uint64_t hash) const {
  if (service_slots_.empty()) return nullptr;
  const size_t mask = service_slots_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    uint32_t entry = service_slots_[slot];
    if (entry == 0) return nullptr;
    size_t i = entry - 1u;
    if (by_service_hash_[i] == hash && FastEqual(by_service_[i].first, service_lower)) {
      return &by_service_[i].second;
    }
  }
}

uint32_t InternMemoId(const std::string& canonical) {
  // Bounded: once full, new content gets no id (and is simply not memoised).
  static constexpr size_t kMaxIds = 1 << 20;
  static std::mutex mu;
  static std::unordered_map<std::string, uint32_t> ids;
  std::lock_guard<std::mutex> lock(mu);
  auto it = ids.find(canonical);
  if (it != ids.end()) return it->second;
  if (ids.size() >= kMaxIds) return 0;
  uint32_t id = static_cast<uint32_t>(ids.size() + 1);
  ids.emplace(canonical, id);
  return id;
}

std::string_view PolicyTypeName(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity:
      return "identity";
    case PolicyType::kResource:
      return "resource";
    case PolicyType::kTrust:
      return "trust";
    case PolicyType::kScp:
      return "scp";
    case PolicyType::kRcp:
      return "rcp";
    case PolicyType::kSession:
      return "session";
    case PolicyType::kBoundary:
      return "boundary";
  }
  return "unknown";
}

size_t DefaultMaxSize(PolicyType type, bool managed) {
  switch (type) {
    case PolicyType::kIdentity:
      return managed ? 6144 : SIZE_MAX;
    case PolicyType::kBoundary:
      return 6144;
    case PolicyType::kTrust:
      return 2048;
    case PolicyType::kScp:
    case PolicyType::kRcp:
      return 5120;
    case PolicyType::kSession:
      return 2048;
    case PolicyType::kResource:
      return SIZE_MAX;
  }
  return SIZE_MAX;
}

Status ValidatePolicyCharset(std::string_view json) {
  auto fail = [] {
    return AwsError::Sender(
        "ValidationError",
        "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  };
  if (json.empty()) return fail();
  size_t chars = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(json[i]);
    ++chars;
    if (c < 0x80) {
      if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) return fail();
      continue;
    }
    // Only U+0080..U+00FF (C2/C3 lead bytes) are allowed beyond ASCII.
    if ((c != 0xC2 && c != 0xC3) || i + 1 >= json.size()) return fail();
    unsigned char d = static_cast<unsigned char>(json[++i]);
    if ((d & 0xC0) != 0x80) return fail();
  }
  if (chars > 131072) {
    return AwsError::Sender("ValidationError",
                            "1 validation error detected: Value at 'policyDocument' failed to "
                            "satisfy constraint: Member must have length less than or equal to "
                            "131072");
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Policy>> ParsePolicy(std::string_view json, PolicyType type,
                                                  const ParseOptions& options) {
  // 1. JSON + structure.
  JsonParseResult parsed = ParseJson(json);
  if (parsed.error != JsonErrorKind::kNone) return Malformed(kSyntax);
  const JsonValue& doc = parsed.value;
  if (doc.kind != JsonKind::kObject) return Malformed(kSyntax);
  for (const auto& [key, value] : doc.members) {
    if (key != "Version" && key != "Id" && key != "Statement") return Malformed(kSyntax);
  }
  const JsonValue* version = doc.Find("Version");
  if (version && (version->kind != JsonKind::kString ||
                  (version->text != "2012-10-17" && version->text != "2008-10-17"))) {
    return Malformed(kSyntax);
  }
  const JsonValue* id = doc.Find("Id");
  if (id && id->kind != JsonKind::kString) return Malformed(kSyntax);
  const JsonValue* stmt = doc.Find("Statement");
  if (stmt == nullptr) return Malformed(kSyntax);
  std::vector<const JsonValue*> items;
  if (stmt->kind == JsonKind::kObject) {
    items.push_back(stmt);
  } else if (stmt->kind == JsonKind::kArray && !stmt->items.empty()) {
    for (const auto& s : stmt->items) items.push_back(&s);
  } else {
    return Malformed(kSyntax);
  }
  std::vector<RawStatement> raws(items.size());
  for (size_t i = 0; i < items.size(); ++i) RAMPART_TRY(CheckStatementShape(*items[i], &raws[i]));

  // 2. Version (managed policies and boundaries).
  bool managed = options.managed || type == PolicyType::kBoundary;
  std::string version_text = version ? version->text : std::string();
  if (managed && version_text != "2012-10-17") {
    return Malformed("Policy document must be version 2012-10-17 or greater.");
  }

  // 3. Legacy parsing: Effect, date values, resource shape.
  for (const RawStatement& raw : raws) {
    if (raw.effect == nullptr || (raw.effect->text != "Allow" && raw.effect->text != "Deny")) {
      return Malformed(kLegacy);
    }
    for (std::string_view r : Strings(raw.resource_any())) {
      if (IsIamType(type) && !LegacyResourceOk(r)) return Malformed(kLegacy);
    }
    if (raw.condition == nullptr) continue;
    for (const auto& [op, block] : raw.condition->members) {
      OperatorInfo info{};
      ParseOperator(op, &info);
      if (!IsDateOp(info.base)) continue;
      for (const auto& [key, values] : block.members) {
        std::vector<const JsonValue*> vs;
        if (values.kind == JsonKind::kArray) {
          for (const auto& v : values.items) vs.push_back(&v);
        } else {
          vs.push_back(&values);
        }
        for (const JsonValue* v : vs) {
          std::string text;
          Instant when;
          v->ScalarText(&text);
          if (!ParseDate(text, &when)) return Malformed(kLegacy);
        }
      }
    }
  }

  // 4. Sid uniqueness and charset (IAM-governed types).
  if (IsIamType(type)) {
    std::set<std::string_view> seen;
    for (const RawStatement& raw : raws) {
      if (raw.sid == nullptr || raw.sid->text.empty()) continue;
      if (!seen.insert(raw.sid->text).second) {
        return Malformed("Statement IDs (SID) in a single policy must be unique.");
      }
    }
    for (const RawStatement& raw : raws) {
      if (raw.sid == nullptr) continue;
      for (char c : raw.sid->text) {
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!ok) {
          return Malformed(
              "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
              "regular expression [0-9A-Za-z]*");
        }
      }
    }
  }

  // 5. Actions present.
  for (const RawStatement& raw : raws) {
    if (Strings(raw.action_any()).empty()) {
      return Malformed("Policy statement must contain actions.");
    }
  }

  // 6. Resources present (absent in trust policies).
  for (const RawStatement& raw : raws) {
    const JsonValue* r = raw.resource_any();
    if (type == PolicyType::kTrust) {
      if (r != nullptr) {
        return Malformed(raw.resource ? "Has prohibited field Resource"
                                      : "Has prohibited field NotResource");
      }
      continue;
    }
    bool required = NeedsResource(type);
    if ((required && r == nullptr) || (r != nullptr && Strings(r).empty())) {
      return Malformed("Policy statement must contain resources.");
    }
  }

  // 7. Resource formats (IAM's rules; resource-based policies belong to their services).
  for (const RawStatement& raw : raws) {
    if (!IsIamType(type)) break;
    for (std::string_view r : Strings(raw.resource_any())) {
      if (auto err = ResourceFormatError(r)) return Malformed(*err);
    }
  }

  // 8. Action prefixes (and condition keys, which share the vendor rule).
  for (const RawStatement& raw : raws) {
    for (std::string_view a : Strings(raw.action_any())) {
      if (auto err = ActionError(a)) return Malformed(*err);
    }
    if (raw.condition == nullptr) continue;
    for (const auto& [op, block] : raw.condition->members) {
      for (const auto& [key, values] : block.members) {
        if (key.find(':') == std::string::npos) {
          return Malformed(
              "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        }
      }
    }
  }

  // 9. Principals per type; trust policies only allow the STS AssumeRole family.
  for (const RawStatement& raw : raws) {
    RAMPART_TRY(CheckPrincipals(type, raw));
    if (type != PolicyType::kTrust) continue;
    bool ok = raw.not_action == nullptr;
    for (std::string_view a : Strings(raw.action)) ok = ok && TrustActionOk(a);
    if (!ok) return Malformed("AssumeRole policy may only specify STS AssumeRole actions.");
  }

  // 10. Size quota (characters without whitespace).
  size_t size = MinifiedLength(json);
  size_t limit = options.max_size != 0 ? options.max_size : DefaultMaxSize(type, managed);
  if (size > limit) {
    std::string quota = type == PolicyType::kTrust ? "ACLSizePerRole" : "PolicySize";
    return AwsError::Sender("LimitExceeded",
                            "Cannot exceed quota for " + quota + ": " + std::to_string(limit), 409);
  }

  PolicyCompiler compiler(type, version_text);
  std::shared_ptr<Policy> policy =
      compiler.Compile(doc, raws, size, Sha256Hex(PolicyTypeName(type), json));
  return std::shared_ptr<const Policy>(std::move(policy));
}

}  // namespace rampart::policy
