// IAM user operations: CreateUser, GetUser, ListUsers, DeleteUser.
#include "services/document.h"
#include "services/iam/errors.h"
#include "services/iam/iam_ops.h"
#include "services/iam/iam_records.h"

namespace rampart::services::iam {

namespace json = boost::json;

json::object UserDocument(const UserRecord& u) {
  json::object o{{"Path", u.path},
                 {"UserName", u.user_name},
                 {"UserId", u.user_id},
                 {"Arn", u.arn},
                 {"CreateDate", EpochSeconds(u.create_date_ms)}};
  if (!u.tags.empty()) {
    json::array tags;
    for (const auto& [k, v] : u.tags) tags.push_back(json::object{{"Key", k}, {"Value", v}});
    o["Tags"] = std::move(tags);
  }
  return o;
}

Result<Document> CreateUser(CallContext& ctx, const Document& in, store::WriteTxn& txn) {
  UserRecord u;
  u.account_id = std::string(ctx.account_id);
  u.user_name = GetString(in, "UserName");
  u.path = GetString(in, "Path", "/");
  RAMPART_ASSIGN_OR_RETURN(auto existing, LoadUser(txn, u.account_id, u.user_name));
  if (existing) return UserExists(u.user_name);
  if (auto it = in.find("Tags"); it != in.end() && it->value().is_array()) {
    if (it->value().get_array().size() > 50)
      return LimitExceeded("The number of tags has reached the maximum limit.");
    for (const auto& t : it->value().get_array())
      u.tags.emplace_back(GetString(t.get_object(), "Key"), GetString(t.get_object(), "Value"));
  }
  u.user_id = NewUniqueId("AIDA", ctx.random);
  u.arn = "arn:" + std::string(ctx.partition) + ":iam::" + u.account_id + ":user" + u.path +
          u.user_name;
  u.create_date_ms = ctx.clock.NowEpochMillis() / 1000 * 1000;
  RAMPART_TRY(txn.Put(kUsers, UserKey(u.account_id, u.user_name), Serialize(u)));
  return Document{{"User", UserDocument(u)}};
}

Result<Document> GetUser(CallContext& ctx, const Document& in, store::ReadTxn& txn) {
  std::string name = GetString(in, "UserName");
  if (name.empty()) {
    if (ctx.principal.IsRoot()) {
      return Document{{"User", json::object{{"Path", "/"},
                                            {"UserName", ctx.principal.account_id},
                                            {"UserId", ctx.principal.account_id},
                                            {"Arn", ctx.principal.arn},
                                            {"CreateDate", EpochSeconds(0)}}}};
    }
    if (ctx.principal.type != auth::PrincipalType::kIamUser)
      return AwsError::Sender("ValidationError",
                              "Must specify userName when calling with non-User credentials");
    name = ctx.principal.name;
  }
  RAMPART_ASSIGN_OR_RETURN(auto user, LoadUser(txn, ctx.account_id, name));
  if (!user) return NoSuchUser(name);
  return Document{{"User", UserDocument(*user)}};
}

Result<Document> ListUsers(CallContext& ctx, const Document& in, store::ReadTxn& txn) {
  std::string prefix = GetString(in, "PathPrefix", "/");
  int64_t max_items = GetInt(in, "MaxItems").value_or(100);
  std::string marker = GetString(in, "Marker");
  std::string account_prefix = std::string(ctx.account_id) + "/";
  std::string start_after;
  if (!marker.empty()) {
    auto decoded = DecodeMarker(marker);
    if (!decoded) return InvalidInput("Invalid Marker.");
    start_after = account_prefix + *decoded;
  }
  json::array users;
  std::string last_key;
  bool truncated = false;
  while (true) {
    RAMPART_ASSIGN_OR_RETURN(auto rows, txn.Scan(kUsers, account_prefix, start_after, 256));
    for (const auto& [key, value] : rows) {
      RAMPART_ASSIGN_OR_RETURN(UserRecord u, ParseUser(value));
      start_after = key;
      if (u.path.compare(0, prefix.size(), prefix) != 0) continue;
      if (static_cast<int64_t>(users.size()) == max_items) {
        truncated = true;
        break;
      }
      users.push_back(UserDocument(u));
      last_key = key;
    }
    if (truncated || rows.size() < 256) break;
  }
  Document out{{"Users", std::move(users)}, {"IsTruncated", truncated}};
  if (truncated) out["Marker"] = EncodeMarker(last_key.substr(account_prefix.size()));
  return out;
}

Result<Document> DeleteUser(CallContext& ctx, const Document& in, store::WriteTxn& txn) {
  std::string name = GetString(in, "UserName");
  RAMPART_ASSIGN_OR_RETURN(auto user, LoadUser(txn, ctx.account_id, name));
  if (!user) return NoSuchUser(name);
  RAMPART_ASSIGN_OR_RETURN(auto keys, LoadUserKeys(txn, ctx.account_id, name));
  if (!keys.empty()) return DeleteConflict("Cannot delete entity, must delete access keys first.");
  RAMPART_ASSIGN_OR_RETURN(auto policies, LoadUserPolicies(txn, ctx.account_id, name));
  if (!policies.empty()) return DeleteConflict("Cannot delete entity, must delete policies first.");
  RAMPART_TRY(txn.Erase(kUsers, UserKey(ctx.account_id, name)));
  return Document{};
}

}  // namespace rampart::services::iam
