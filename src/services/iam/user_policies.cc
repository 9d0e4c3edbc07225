// IAM inline user policies: PutUserPolicy, GetUserPolicy, DeleteUserPolicy, ListUserPolicies.
#include <algorithm>
#include <boost/json.hpp>

#include "policy/policy.h"
#include "services/document.h"
#include "services/iam/errors.h"
#include "services/iam/iam_ops.h"

namespace rampart::services::iam {

namespace json = boost::json;

namespace {

// IAM returns policy documents URL-encoded (RFC 3986 unreserved characters kept).
std::string UrlEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size() * 3 / 2);
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// IAM measures policy sizes without whitespace.
size_t NonWhitespaceSize(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](unsigned char c) { return !std::isspace(c); }));
}

AwsError NoSuchUserPolicy(std::string_view user, std::string_view policy) {
  return AwsError::Sender("NoSuchEntity",
                          "The user policy with name " + std::string(policy) + " cannot be found.",
                          404);
}

Result<UserRecord> ExistingUser(CallContext& ctx, store::ReadTxn& txn, std::string_view name) {
  RAMPART_ASSIGN_OR_RETURN(auto user, LoadUser(txn, ctx.account_id, name));
  if (!user) return NoSuchUser(name);
  return std::move(*user);
}

}  // namespace

Result<Document> PutUserPolicy(CallContext& ctx, const Document& in, store::WriteTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(UserRecord user, ExistingUser(ctx, txn, GetString(in, "UserName")));
  std::string name = GetString(in, "PolicyName");
  std::string document = GetString(in, "PolicyDocument");
  RAMPART_TRY(policy::ParsePolicy(document, policy::PolicyType::kIdentity));
  // The quota is on the aggregate size of a user's inline policies.
  RAMPART_ASSIGN_OR_RETURN(auto existing, LoadUserPolicies(txn, ctx.account_id, user.user_name));
  size_t total = NonWhitespaceSize(document);
  for (const auto& p : existing)
    if (p.name != name) total += NonWhitespaceSize(p.document);
  if (total > 2048)
    return LimitExceeded("Maximum policy size of 2048 bytes exceeded for user " + user.user_name);
  RAMPART_TRY(
      txn.Put(kUserPolicies, UserPolicyKey(ctx.account_id, user.user_name, name),
              json::serialize(json::object{{"PolicyName", name}, {"PolicyDocument", document}})));
  return Document{};
}

Result<Document> GetUserPolicy(CallContext& ctx, const Document& in, store::ReadTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(UserRecord user, ExistingUser(ctx, txn, GetString(in, "UserName")));
  std::string name = GetString(in, "PolicyName");
  RAMPART_ASSIGN_OR_RETURN(auto policies, LoadUserPolicies(txn, ctx.account_id, user.user_name));
  for (const auto& p : policies) {
    if (p.name != name) continue;
    return Document{{"UserName", user.user_name},
                    {"PolicyName", p.name},
                    {"PolicyDocument", UrlEncode(p.document)}};
  }
  return NoSuchUserPolicy(user.user_name, name);
}

Result<Document> DeleteUserPolicy(CallContext& ctx, const Document& in, store::WriteTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(UserRecord user, ExistingUser(ctx, txn, GetString(in, "UserName")));
  std::string name = GetString(in, "PolicyName");
  RAMPART_ASSIGN_OR_RETURN(
      bool erased, txn.Erase(kUserPolicies, UserPolicyKey(ctx.account_id, user.user_name, name)));
  if (!erased) return NoSuchUserPolicy(user.user_name, name);
  return Document{};
}

Result<Document> ListUserPolicies(CallContext& ctx, const Document& in, store::ReadTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(UserRecord user, ExistingUser(ctx, txn, GetString(in, "UserName")));
  RAMPART_ASSIGN_OR_RETURN(auto policies, LoadUserPolicies(txn, ctx.account_id, user.user_name));
  json::array names;
  for (const auto& p : policies) names.push_back(json::string(p.name));
  return Document{{"PolicyNames", std::move(names)}, {"IsTruncated", false}};
}

}  // namespace rampart::services::iam
