// AccessDenied sentence construction (spec §5.14).
#include "policy/policy.h"

namespace rampart::policy {

namespace {

std::string_view ExplicitReason(PolicyType t) {
  switch (t) {
    case PolicyType::kIdentity:
      return "with an explicit deny in an identity-based policy";
    case PolicyType::kResource:
      return "with an explicit deny in a resource-based policy";
    case PolicyType::kTrust:
      return "with an explicit deny in the role trust policy";
    case PolicyType::kBoundary:
      return "with an explicit deny in a permissions boundary";
    case PolicyType::kSession:
      return "with an explicit deny in a session policy";
    case PolicyType::kScp:
      return "with an explicit deny in a service control policy";
    case PolicyType::kRcp:
      return "with an explicit deny in a resource control policy";
  }
  return "";
}

std::string_view ImplicitSubject(PolicyType t) {
  switch (t) {
    case PolicyType::kIdentity:
      return "identity-based policy";
    case PolicyType::kResource:
      return "resource-based policy";
    case PolicyType::kTrust:
      return "role trust policy";
    case PolicyType::kBoundary:
      return "permissions boundary";
    case PolicyType::kSession:
      return "session policy";
    default:
      return "identity-based policy";
  }
}

}  // namespace

std::string AccessDeniedMessage(const Decision& decision, std::string_view principal_arn,
                                std::string_view action, std::string_view resource) {
  if (decision.allowed()) return std::string();
  std::string out = "User: ";
  out.append(principal_arn).append(" is not authorized to perform: ").append(action);
  if (!resource.empty() && resource != "*") out.append(" on resource: ").append(resource);
  out.push_back(' ');
  PolicyType t = decision.decided_by.value_or(PolicyType::kIdentity);
  if (decision.outcome == Outcome::kExplicitDeny || t == PolicyType::kScp ||
      t == PolicyType::kRcp) {
    out.append(ExplicitReason(t));
  } else {
    out.append("because no ").append(ImplicitSubject(t)).append(" allows the ");
    out.append(action).append(" action");
  }
  return out;
}

}  // namespace rampart::policy
