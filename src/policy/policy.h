// rampart::policy public API: parse + validate + compile IAM policies, and evaluate requests.
//
// Parsing (spec §1):
//   Result<std::shared_ptr<const Policy>> ParsePolicy(std::string_view json, PolicyType type,
//                                                     const ParseOptions& = {});
//     Validates like IAM in IAM's precedence order (§1.10). Errors are AwsError
//     {"MalformedPolicyDocument", <IAM message>, 400} or {"LimitExceeded", ..., 409} for the
//     per-type size quota (measured without whitespace, §1.9). The compiled Policy holds
//     pre-split ARNs, lower-cased actions, typed condition values and a service index.
//   Status ValidatePolicyCharset(std::string_view json)   -- IAM's ValidationError (§1.9).
//   PolicyCache: ParsePolicy memoised by SHA-256(type, options, content); thread-safe.
//
// Evaluation (spec §5):
//   RequestContext (context.h): Principal facts, action, resource ARN, owner account and a
//     case-insensitive ContextKeys map (multi-valued keys via SetMulti). The caller supplies
//     every aws:* global key (aws:username, aws:PrincipalTag/k, aws:SourceIp, ...).
//   PolicySet: identity policies, boundary, session policies, SCP levels, RCP levels, the
//     resource-based policy, the ResourceMode (normal | KMS key | role trust) and an S3 hook.
//   Decision Evaluate(const PolicySet&, const RequestContext&)
//     -> outcome (Allow / ExplicitDeny / ImplicitDeny), the deciding PolicyType, matched
//        statements (policy id/name, Sid, index), missing context keys. Views in the Decision
//        point into the PolicySet and its policies; keep them alive while using it.
//   Decision EvaluateAll(...)  -- several (resource, policy set) pairs; all must be allowed.
//   std::string AccessDeniedMessage(const Decision&, principal_arn, action, resource)
//     -> "User: ... is not authorized to perform: ... [on resource: ...] <reason>" (§5.14).
//
// Performance: no heap allocation on the evaluation path in the common case (thread-local
// scratch buffers, inline storage for up to 16 matched statements and 8 missing keys).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "policy/compiled.h"
#include "policy/context.h"
#include "policy/small_vector.h"

namespace rampart::policy {

std::string_view PolicyTypeName(PolicyType type);

struct ParseOptions {
  // Customer managed policy (CreatePolicy / CreatePolicyVersion): Version 2012-10-17 required,
  // 6,144-character quota. Boundaries always behave as managed policies.
  bool managed = false;
  // Overrides the per-type size quota (0 = the type's default; SIZE_MAX = unlimited).
  size_t max_size = 0;
};

// Default quota per type (characters without whitespace); SIZE_MAX = none enforced here.
size_t DefaultMaxSize(PolicyType type, bool managed);

Result<std::shared_ptr<const Policy>> ParsePolicy(std::string_view json, PolicyType type,
                                                  const ParseOptions& options = {});

// IAM's character-set / wire-length check (ValidationError), separate from the grammar.
Status ValidatePolicyCharset(std::string_view json);

// Compiles each distinct document once (keyed by SHA-256 of type + options + content).
class PolicyCache {
 public:
  explicit PolicyCache(size_t max_entries = 10000) : max_entries_(max_entries) {}
  Result<std::shared_ptr<const Policy>> Get(std::string_view json, PolicyType type,
                                            const ParseOptions& options = {});
  size_t size() const;
  size_t hits() const;

 private:
  size_t max_entries_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Policy>> map_;
  size_t hits_ = 0;
};

// A policy plus the names used in explanations.
struct PolicyRef {
  std::shared_ptr<const Policy> policy;
  std::string id;    // policy ARN, or "user/NAME/POLICY" style id for inline policies
  std::string name;  // policy name
};

enum class ResourceMode {
  kNormal,
  kKmsKey,     // the key policy must name the account for identity policies to count (§5.9)
  kRoleTrust,  // the resource policy is a role trust policy; sts:AssumeRole* (§5.10)
};

enum class Outcome { kAllow, kExplicitDeny, kImplicitDeny };
std::string_view OutcomeName(Outcome o);

struct MatchedStatement {
  PolicyType type = PolicyType::kIdentity;
  std::string_view policy_id;
  std::string_view policy_name;
  std::string_view sid;
  int index = 0;  // statement index within the policy
  bool allow = true;
};

struct Decision {
  Outcome outcome = Outcome::kImplicitDeny;
  std::optional<PolicyType> decided_by;  // unset for fixed exceptions (GetCallerIdentity)
  SmallVector<MatchedStatement, 16> matched;
  SmallVector<std::string_view, 8> missing_keys;  // condition keys as written in the policy
  bool allowed() const { return outcome == Outcome::kAllow; }
};

// The S3 bucket policy + ACL + Block Public Access combination (§5.11), decided by the S3
// service. Called after the explicit-deny check and before the core grant.
struct S3Verdict {
  bool block = false;                   // BPA rejects the request: explicit deny (resource-based)
  bool acl_grants = false;              // an ACL grant counts like a resource-policy grant
  bool acl_grants_public = false;       // ... and that grant was to AllUsers/AuthenticatedUsers
  bool restrict_public_policy = false;  // RestrictPublicBuckets: ignore public policy grants
};
using S3Hook = std::function<S3Verdict(const RequestContext&, const Policy* bucket_policy)>;

struct PolicySet {
  std::vector<PolicyRef> identity;  // user's + its groups', or the role's
  std::optional<PolicyRef> boundary;
  std::vector<PolicyRef> session;  // inline session policy + managed PolicyArns
  // The session was created with session policies (GetFederationToken: always true), so
  // they gate even when `session` is empty.
  bool session_policies_apply = false;
  std::vector<std::vector<PolicyRef>> scp_levels;  // root -> OUs -> account
  bool principal_is_management_account = false;
  std::vector<std::vector<PolicyRef>> rcp_levels;
  bool resource_is_management_account = false;
  std::optional<PolicyRef> resource_policy;
  ResourceMode mode = ResourceMode::kNormal;
  S3Hook s3_hook;
};

Decision Evaluate(const PolicySet& set, const RequestContext& ctx);

// Several (action, resource) pairs; the first non-allow decision is returned (or the last).
struct Authorization {
  const PolicySet* set;
  const RequestContext* ctx;
};
Decision EvaluateAll(const std::vector<Authorization>& requests);

// The sentence AWS puts in AccessDenied messages (§5.14).
std::string AccessDeniedMessage(const Decision& decision, std::string_view principal_arn,
                                std::string_view action, std::string_view resource);

}  // namespace rampart::policy
