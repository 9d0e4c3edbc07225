// The request context: who is calling, what action on which resource, and condition keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "policy/glob.h"
#include "policy/values.h"

namespace rampart::policy {

enum class PrincipalType { kRoot, kUser, kAssumedRole, kFederatedUser, kService, kAnonymous };

// The authenticated caller (spec §2.4). Empty strings mean "not applicable".
struct Principal {
  PrincipalType type = PrincipalType::kAnonymous;
  std::string account;             // 12-digit account id of the caller
  std::string arn;                 // principalArn: user ARN, session ARN, federated ARN, root ARN
  std::string unique_id;           // AIDA... for users
  std::string role_arn;            // role sessions: the role ARN (incl. path)
  std::string role_id;             // role sessions: AROA... id of the role
  std::string parent_user_arn;     // GetFederationToken sessions: the calling IAM user
  std::string service;             // service principals: e.g. cloudtrail.amazonaws.com
  std::string federated_provider;  // AssumeRoleWith*: the IdP (provider ARN or host)
  std::string canonical_user;      // S3 canonical id
  bool service_linked_role = false;
};

// A request value parsed once, when it is set, under each typed operator family (spec §4.2),
// so that conditions never re-parse it.
struct TypedValue {
  bool is_number = false;
  bool is_date = false;
  bool is_bool = false;
  bool is_ip = false;
  bool has_reserved = false;  // contains a reserved wildcard byte (never a variable value)
  bool boolean = false;
  long double number = 0;
  Instant date;
  IpNet ip;
};
TypedValue ParseTyped(std::string_view value);

// One condition key's values. `multi` is the declared type (ArrayOf...), not the count.
struct ContextValue {
  std::vector<std::string> values;
  std::vector<TypedValue> typed;  // ParseTyped of each element of `values`
  bool multi = false;
};

// FNV-1a hash of an already lower-cased key; compiled policies precompute it.
constexpr uint64_t KeyHash(std::string_view lower_key) {
  uint64_t h = 1469598103934665603ull;
  for (char c : lower_key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Case-insensitive map of condition keys (stored lower-cased). Requests carry a few dozen keys
// at most, so a flat vector scanned by precomputed hash beats a hash table here.
class ContextKeys {
 public:
  void Set(std::string_view key, std::string value);
  void SetMulti(std::string_view key, std::vector<std::string> values);
  void Remove(std::string_view key);
  // Any-case lookup (may allocate for mixed-case input).
  const ContextValue* Find(std::string_view key) const;
  // Lookup with an already lower-cased key (no allocation).
  const ContextValue* FindLower(std::string_view lower_key) const {
    return FindHashed(lower_key, KeyHash(lower_key));
  }
  // Lookup with a lower-cased key and its KeyHash.
  const ContextValue* FindHashed(std::string_view lower_key, uint64_t hash) const {
    for (const Entry& e : entries_) {
      if (e.hash == hash && FastEqual(e.key, lower_key)) return &e.value;
    }
    return nullptr;
  }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint64_t hash;
    std::string key;
    ContextValue value;
  };
  void Put(std::string_view key, ContextValue value);
  std::vector<Entry> entries_;
};

// Everything the evaluator needs about one (action, resource) authorization.
struct RequestContext {
  Principal principal;
  std::string action;            // "service:Action"
  std::string resource = "*";    // the resource ARN or "*"
  std::string resource_account;  // owner of the resource; empty = the caller's account
  ContextKeys keys;              // aws:* and service keys, supplied by the caller
};

}  // namespace rampart::policy
