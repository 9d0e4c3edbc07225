// The compiled form of a policy document: pre-split ARNs, lower-cased actions, typed values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "policy/glob.h"
#include "policy/values.h"

namespace rampart::policy {

enum class PolicyType { kIdentity, kResource, kTrust, kScp, kRcp, kSession, kBoundary };

// A string that may contain policy variables. Literal pieces are compiled globs when the
// template was built for a wildcard operator (policy '*'/'?' become kStar/kQmark).
struct Template {
  struct Part {
    bool is_var = false;
    std::string text;       // literal text, or the lower-cased variable key
    uint64_t key_hash = 0;  // KeyHash(text) for variables
    bool has_default = false;
    std::string default_value;
  };
  std::string literal;      // the whole value when there are no variables
  std::vector<Part> parts;  // non-empty only when the value has variables
  // Wildcard templates only: the sole wildcard is one trailing kStar in the last (literal)
  // part and no default contains a reserved byte, so matching needs no expansion.
  bool simple_glob = false;
  bool has_vars() const { return !parts.empty(); }
};

struct ActionPattern {
  uint32_t memo_id = 0;
  bool any = false;     // "*"
  std::string service;  // lower-cased prefix
  Glob action;          // lower-cased compiled glob of the action part
};

// Identical patterns and conditions get the same memo id in every policy compiled by this
// process (0 = none), so one evaluation can reuse a result across policies (see evaluator.cc).
uint32_t InternMemoId(const std::string& canonical);

struct ResourcePattern {
  uint32_t memo_id = 0;
  bool any = false;          // exactly "*"
  std::array<Glob, 5> head;  // arn, partition, service, region, account
  // All five head fields are literal: "arn:partition:service:region:account:" for one compare.
  bool head_exact = false;
  std::string head_joined;
  Template resource;      // the resource field (variables allowed)
  Glob resource_literal;  // the resource field when it has no variables
};

enum class PrincipalKind { kAws, kService, kFederated, kCanonicalUser };

struct PrincipalEntry {
  PrincipalKind kind = PrincipalKind::kAws;
  bool wildcard = false;
  std::string value;
  std::string account;  // set when the entry is an account id or an account root ARN
};

enum class BaseOp : uint8_t {
  kStringEquals,
  kStringNotEquals,
  kStringEqualsIgnoreCase,
  kStringNotEqualsIgnoreCase,
  kStringLike,
  kStringNotLike,
  kNumericEquals,
  kNumericNotEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kDateEquals,
  kDateNotEquals,
  kDateLessThan,
  kDateLessThanEquals,
  kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool,
  kBinaryEquals,
  kIpAddress,
  kNotIpAddress,
  kArnEquals,
  kArnLike,
  kArnNotEquals,
  kArnNotLike,
  kNull,
};

enum class SetOp : uint8_t { kNone, kForAllValues, kForAnyValue };

struct CondValue {
  std::string source;  // the value as written (scalar text)
  bool ok = true;      // parsed under the operator's type
  Template text;       // String*/Arn*/Bool: the (possibly variable) value
  long double number = 0;
  Instant date;
  bool boolean = false;
  IpNet net;
  std::string bytes;
};

struct Condition {
  uint32_t memo_id = 0;
  std::string op_name;
  BaseOp base = BaseOp::kStringEquals;
  SetOp set = SetOp::kNone;
  bool if_exists = false;
  std::string key;        // as written
  std::string key_lower;  // for lookup
  uint64_t key_hash = 0;  // KeyHash(key_lower)
  std::vector<CondValue> values;
};

struct Statement {
  int index = 0;
  std::string sid;
  bool allow = true;
  bool has_principal = false;  // Principal or NotPrincipal present
  bool not_principal = false;
  std::vector<PrincipalEntry> principals;
  bool not_action = false;
  std::vector<ActionPattern> actions;
  bool has_resource = false;
  bool not_resource = false;
  std::vector<ResourcePattern> resources;
  std::vector<Condition> conditions;
};

// An immutable compiled policy. Build with ParsePolicy.
class Policy {
 public:
  PolicyType type() const { return type_; }
  const std::string& version() const { return version_; }  // "" when absent
  bool expands_variables() const { return version_ == "2012-10-17"; }
  const std::string& id() const { return id_; }
  const std::vector<Statement>& statements() const { return statements_; }
  size_t minified_size() const { return minified_size_; }
  const std::string& content_hash() const { return hash_; }  // hex SHA-256 of the source

  // Statements that may apply to a lower-cased service prefix, in two lists.
  const std::vector<uint32_t>& any_service() const { return any_service_; }
  const std::vector<uint32_t>* ForService(std::string_view service_lower) const;
  // Same, with KeyHash(service_lower) precomputed by the caller.
  const std::vector<uint32_t>* ForServiceHashed(std::string_view service_lower,
                                                uint64_t hash) const;

 private:
  friend class PolicyCompiler;
  PolicyType type_ = PolicyType::kIdentity;
  std::string version_;
  std::string id_;
  std::vector<Statement> statements_;
  std::vector<uint32_t> any_service_;
  std::vector<std::pair<std::string, std::vector<uint32_t>>> by_service_;
  std::vector<uint64_t> by_service_hash_;  // KeyHash of each by_service_ name
  // Open-addressing table over by_service_ (index + 1, 0 = empty); size is a power of two.
  std::vector<uint32_t> service_slots_;
  size_t minified_size_ = 0;
  std::string hash_;
};

}  // namespace rampart::policy
