// RootOnlyDecider: the account root may do anything in its account; others are denied.
#include "authz/decider.h"

namespace rampart::authz {

AuthzDecision RootOnlyDecider::Decide(const AuthzRequest& request) {
  if (request.principal.IsRoot() && request.principal.account_id == request.resource_account)
    return {Outcome::kAllow, {}};
  std::string resource = request.resources.empty() ? "*" : request.resources.front();
  std::string who = request.principal.arn.empty() ? "anonymous" : request.principal.arn;
  return {Outcome::kImplicitDeny,
          "User: " + who + " is not authorized to perform: " + std::string(request.action) +
              " on resource: " + resource + " because no identity-based policy allows the " +
              std::string(request.action) + " action"};
}

}  // namespace rampart::authz
