// IAM authorization table (actions and resources per the Service Authorization Reference).
#include "services/iam/iam_authz.h"

#include <boost/json.hpp>

#include "services/document.h"

namespace rampart::services::iam {

namespace {

using authz::ConditionValues;
using authz::ResolveInput;

// The user a call addresses: UserName from the input, else the calling user itself.
std::vector<std::string> TargetUserArn(const ResolveInput& in) {
  std::string name = GetString(in.input, "UserName");
  if (name.empty()) {
    if (in.principal.type == auth::PrincipalType::kIamUser) return {in.principal.arn};
    if (in.principal.IsRoot()) return {in.principal.arn};
    name = "*";
  }
  return {"arn:" + std::string(in.partition) + ":iam::" + std::string(in.account_id) + ":user/" +
          name};
}

// aws:RequestTag/<k> and aws:TagKeys from a Tags list in the input.
ConditionValues RequestTags(const ResolveInput& in) {
  ConditionValues out;
  auto it = in.input.find("Tags");
  if (it == in.input.end() || !it->value().is_array()) return out;
  std::vector<std::string> keys;
  for (const auto& t : it->value().get_array()) {
    if (!t.is_object()) continue;
    std::string k = GetString(t.get_object(), "Key");
    out.push_back({"aws:RequestTag/" + k, {GetString(t.get_object(), "Value")}});
    keys.push_back(k);
  }
  if (!keys.empty()) out.push_back({"aws:TagKeys", std::move(keys)});
  return out;
}

constexpr std::string_view kUserArn = "arn:${Partition}:iam::${Account}:user${Path}${UserName}";
// Operations addressing an existing user by name only (its path is not in the request).
constexpr std::string_view kUserArnNoPath = "arn:${Partition}:iam::${Account}:user/${UserName}";

}  // namespace

const std::vector<authz::OperationAuth>& IamAuthTable() {
  static const std::vector<authz::OperationAuth> table = [] {
    std::vector<authz::OperationAuth> t;
    t.push_back(
        {.operation = "CreateUser",
         .action = "iam:CreateUser",
         .resources = {kUserArn},
         .condition_keys = {"aws:RequestTag/${TagKey}", "aws:TagKeys", "iam:PermissionsBoundary"},
         .keys = RequestTags});
    t.push_back({.operation = "GetUser",
                 .action = "iam:GetUser",
                 .resolve_resources = TargetUserArn,
                 .read_only = true});
    t.push_back({.operation = "ListUsers",
                 .action = "iam:ListUsers",
                 .resources = {"*"},
                 .read_only = true});
    t.push_back({.operation = "DeleteUser",
                 .action = "iam:DeleteUser",
                 .resolve_resources = TargetUserArn});
    t.push_back({.operation = "CreateAccessKey",
                 .action = "iam:CreateAccessKey",
                 .resolve_resources = TargetUserArn});
    t.push_back({.operation = "ListAccessKeys",
                 .action = "iam:ListAccessKeys",
                 .resolve_resources = TargetUserArn,
                 .read_only = true});
    t.push_back({.operation = "UpdateAccessKey",
                 .action = "iam:UpdateAccessKey",
                 .resolve_resources = TargetUserArn});
    t.push_back({.operation = "DeleteAccessKey",
                 .action = "iam:DeleteAccessKey",
                 .resolve_resources = TargetUserArn});
    t.push_back({.operation = "PutUserPolicy",
                 .action = "iam:PutUserPolicy",
                 .resources = {kUserArnNoPath}});
    t.push_back({.operation = "GetUserPolicy",
                 .action = "iam:GetUserPolicy",
                 .resources = {kUserArnNoPath},
                 .read_only = true});
    t.push_back({.operation = "DeleteUserPolicy",
                 .action = "iam:DeleteUserPolicy",
                 .resources = {kUserArnNoPath}});
    t.push_back({.operation = "ListUserPolicies",
                 .action = "iam:ListUserPolicies",
                 .resources = {kUserArnNoPath},
                 .read_only = true});
    return t;
  }();
  return table;
}

}  // namespace rampart::services::iam
