// PolicyDecider: the Decider backed by the policy engine; a PolicySource supplies the
// policies that apply to each principal.
#pragma once

#include <memory>

#include "authz/decider.h"
#include "policy/policy.h"

namespace rampart::authz {

class PolicySource {
 public:
  virtual ~PolicySource() = default;
  // The identity-side policies of a principal (identity, boundary, session, SCPs). Never null.
  virtual std::shared_ptr<const policy::PolicySet> ForPrincipal(
      const auth::Principal& principal) = 0;
};

class PolicyDecider final : public Decider {
 public:
  explicit PolicyDecider(PolicySource& source) : source_(source) {}
  AuthzDecision Decide(const AuthzRequest& request) override;

  // The policy engine's view of a principal.
  static policy::Principal ToPolicyPrincipal(const auth::Principal& p);

 private:
  PolicySource& source_;
};

}  // namespace rampart::authz
