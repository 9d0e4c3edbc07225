// Decider: the policy-evaluator seam the enforcer asks for allow/deny.
#pragma once

#include <string>
#include <vector>

#include "auth/principal.h"
#include "authz/operation_auth.h"

namespace rampart::authz {

struct AuthzRequest {
  const auth::Principal& principal;
  std::string_view action;  // "iam:CreateUser"
  const std::vector<std::string>& resources;
  const ConditionValues& context;     // every condition key with its values
  std::string_view resource_account;  // account owning the resources
};

enum class Outcome { kAllow, kExplicitDeny, kImplicitDeny };

struct AuthzDecision {
  Outcome outcome = Outcome::kImplicitDeny;
  std::string message;  // AWS's AccessDenied sentence when denied
  bool allowed() const { return outcome == Outcome::kAllow; }
};

class Decider {
 public:
  virtual ~Decider() = default;
  virtual AuthzDecision Decide(const AuthzRequest& request) = 0;
};

}  // namespace rampart::authz
