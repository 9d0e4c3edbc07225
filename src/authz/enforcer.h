// Enforcer: builds the request context of an operation and asks the Decider; the only gate
// between authentication and a handler.
#pragma once

#include <string>

#include "authz/decider.h"
#include "authz/operation_auth.h"
#include "common/clock.h"

namespace rampart::authz {

// Facts about the request itself that become aws:* global condition keys.
struct RequestFacts {
  std::string_view source_ip;
  std::string_view user_agent;
  bool secure_transport = false;
  std::string_view region;
  Clock::TimePoint now;
};

class Enforcer {
 public:
  explicit Enforcer(Decider& decider) : decider_(decider) {}

  // The resources the operation touches (templates expanded).
  static std::vector<std::string> Resources(const OperationAuth& op, const ResolveInput& in);
  // The aws:* global keys for this principal and request plus the operation's own keys.
  static ConditionValues BuildContext(const OperationAuth& op, const ResolveInput& in,
                                      const RequestFacts& facts);

  AuthzDecision Authorize(const OperationAuth& op, const ResolveInput& in,
                          const RequestFacts& facts);

  Decider& decider() { return decider_; }

 private:
  Decider& decider_;
};

}  // namespace rampart::authz
