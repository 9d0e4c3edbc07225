// Policy-engine decisions for every (action, resource) an operation touches.
#include "authz/policy_decider.h"

namespace rampart::authz {

namespace {

policy::PrincipalType ToPolicyType(auth::PrincipalType t) {
  switch (t) {
    case auth::PrincipalType::kRoot:
      return policy::PrincipalType::kRoot;
    case auth::PrincipalType::kIamUser:
      return policy::PrincipalType::kUser;
    case auth::PrincipalType::kAssumedRole:
    case auth::PrincipalType::kWebIdentityUser:
    case auth::PrincipalType::kSamlUser:
      return policy::PrincipalType::kAssumedRole;
    case auth::PrincipalType::kFederatedUser:
      return policy::PrincipalType::kFederatedUser;
    case auth::PrincipalType::kAwsService:
      return policy::PrincipalType::kService;
    case auth::PrincipalType::kAnonymous:
      return policy::PrincipalType::kAnonymous;
  }
  return policy::PrincipalType::kAnonymous;
}

Outcome ToOutcome(policy::Outcome o) {
  switch (o) {
    case policy::Outcome::kAllow:
      return Outcome::kAllow;
    case policy::Outcome::kExplicitDeny:
      return Outcome::kExplicitDeny;
    case policy::Outcome::kImplicitDeny:
      return Outcome::kImplicitDeny;
  }
  return Outcome::kImplicitDeny;
}

}  // namespace

policy::Principal PolicyDecider::ToPolicyPrincipal(const auth::Principal& p) {
  policy::Principal out;
  out.type = ToPolicyType(p.type);
  out.account = p.account_id;
  out.arn = p.arn;
  out.unique_id = p.user_id;
  out.role_arn = p.role_arn;
  out.service = p.service;
  return out;
}

AuthzDecision PolicyDecider::Decide(const AuthzRequest& request) {
  std::shared_ptr<const policy::PolicySet> set = source_.ForPrincipal(request.principal);
  policy::RequestContext ctx;
  ctx.principal = ToPolicyPrincipal(request.principal);
  ctx.action = std::string(request.action);
  ctx.resource_account = std::string(request.resource_account);
  for (const auto& [key, values] : request.context) {
    if (values.size() == 1 && key != "aws:TagKeys") {
      ctx.keys.Set(key, values.front());
    } else {
      ctx.keys.SetMulti(key, values);
    }
  }
  for (const std::string& resource : request.resources) {
    ctx.resource = resource;
    policy::Decision d = policy::Evaluate(*set, ctx);
    if (!d.allowed()) {
      return {ToOutcome(d.outcome),
              policy::AccessDeniedMessage(d, request.principal.arn, request.action, resource)};
    }
  }
  return {Outcome::kAllow, {}};
}

}  // namespace rampart::authz
