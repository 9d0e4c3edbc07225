// Declarative authorization entry of one operation: IAM action, resource ARN templates and
// the request condition keys it sets. One table of these per service.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"

namespace rampart::authz {

using ConditionValues = std::vector<std::pair<std::string, std::vector<std::string>>>;

// Facts available when resolving an operation's resources and keys.
struct ResolveInput {
  const auth::Principal& principal;
  const boost::json::object& input;  // the decoded request document
  std::string_view account_id;       // the account that owns the resources
  std::string_view region;
  std::string_view partition;
};

enum class AuthMode {
  kEnforced,       // evaluated by the policy engine
  kAlwaysAllowed,  // e.g. sts:GetCallerIdentity: AWS never denies it
};

struct OperationAuth {
  std::string_view operation;  // model operation name, e.g. "CreateUser"
  std::string_view action;     // IAM action, e.g. "iam:CreateUser"
  // ARN templates; ${Partition} ${Region} ${Account} expand from context, ${Member} from the
  // input document (a missing member expands to "*"), ${Path} defaults to "/".
  std::vector<std::string_view> resources;
  // Names of request condition keys this operation sets (documented; values come from
  // `keys` below or from the enforcer's global keys).
  std::vector<std::string_view> condition_keys;
  // Optional computed keys, e.g. aws:RequestTag/* from the input's Tags.
  std::function<ConditionValues(const ResolveInput&)> keys;
  // Optional override for resources that cannot be expressed as a template.
  std::function<std::vector<std::string>(const ResolveInput&)> resolve_resources;
  AuthMode mode = AuthMode::kEnforced;
  bool read_only = false;  // CloudTrail readOnly; also selects the read path
};

// Expands an ARN template against a resolve input.
std::string ExpandTemplate(std::string_view tmpl, const ResolveInput& in);

}  // namespace rampart::authz
