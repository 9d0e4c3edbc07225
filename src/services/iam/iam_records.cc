// JSON (de)serialization and loading of IAM records.
#include "services/iam/iam_records.h"

#include <boost/json.hpp>

#include "services/document.h"

namespace rampart::services::iam {

namespace json = boost::json;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

AwsError Corrupt() { return AwsError::Internal("Stored IAM record is unreadable."); }

Result<json::object> ParseObject(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Corrupt();
  return std::move(v.as_object());
}

json::array TagsToJson(const Tags& tags) {
  json::array a;
  for (const auto& [k, v] : tags) a.push_back(json::object{{"Key", k}, {"Value", v}});
  return a;
}

Tags TagsFromJson(const json::object& o) {
  Tags tags;
  auto it = o.find("Tags");
  if (it == o.end() || !it->value().is_array()) return tags;
  for (const auto& t : it->value().get_array()) {
    if (!t.is_object()) continue;
    tags.emplace_back(GetString(t.get_object(), "Key"), GetString(t.get_object(), "Value"));
  }
  return tags;
}

}  // namespace

std::string UserKey(std::string_view account_id, std::string_view user_name) {
  return std::string(account_id) + "/" + Lower(user_name);
}

std::string UserKeyIndexPrefix(std::string_view account_id, std::string_view user_name) {
  return UserKey(account_id, user_name) + "/";
}

std::string Serialize(const UserRecord& r) {
  return json::serialize(json::object{{"AccountId", r.account_id},
                                      {"UserName", r.user_name},
                                      {"UserId", r.user_id},
                                      {"Path", r.path},
                                      {"Arn", r.arn},
                                      {"CreateDate", r.create_date_ms},
                                      {"Tags", TagsToJson(r.tags)}});
}

std::string Serialize(const AccessKeyRecord& r) {
  return json::serialize(json::object{{"AccessKeyId", r.access_key_id},
                                      {"AccountId", r.account_id},
                                      {"UserName", r.user_name},
                                      {"Status", r.status},
                                      {"CreateDate", r.create_date_ms},
                                      {"SealedSecret", r.sealed_secret},
                                      {"LastUsedDate", r.last_used_ms},
                                      {"LastUsedService", r.last_used_service},
                                      {"LastUsedRegion", r.last_used_region}});
}

std::string Serialize(const AccountRecord& r) {
  return json::serialize(
      json::object{{"AccountId", r.account_id}, {"CreateDate", r.create_date_ms}});
}

Result<UserRecord> ParseUser(std::string_view text) {
  RAMPART_ASSIGN_OR_RETURN(json::object o, ParseObject(text));
  UserRecord r;
  r.account_id = GetString(o, "AccountId");
  r.user_name = GetString(o, "UserName");
  r.user_id = GetString(o, "UserId");
  r.path = GetString(o, "Path");
  r.arn = GetString(o, "Arn");
  r.create_date_ms = GetInt(o, "CreateDate").value_or(0);
  r.tags = TagsFromJson(o);
  return r;
}

Result<AccessKeyRecord> ParseAccessKey(std::string_view text) {
  RAMPART_ASSIGN_OR_RETURN(json::object o, ParseObject(text));
  AccessKeyRecord r;
  r.access_key_id = GetString(o, "AccessKeyId");
  r.account_id = GetString(o, "AccountId");
  r.user_name = GetString(o, "UserName");
  r.status = GetString(o, "Status");
  r.create_date_ms = GetInt(o, "CreateDate").value_or(0);
  r.sealed_secret = GetString(o, "SealedSecret");
  r.last_used_ms = GetInt(o, "LastUsedDate").value_or(0);
  r.last_used_service = GetString(o, "LastUsedService");
  r.last_used_region = GetString(o, "LastUsedRegion");
  return r;
}

Result<AccountRecord> ParseAccount(std::string_view text) {
  RAMPART_ASSIGN_OR_RETURN(json::object o, ParseObject(text));
  return AccountRecord{GetString(o, "AccountId"), GetInt(o, "CreateDate").value_or(0)};
}

Result<std::optional<UserRecord>> LoadUser(store::ReadTxn& txn, std::string_view account_id,
                                           std::string_view user_name) {
  RAMPART_ASSIGN_OR_RETURN(auto doc, txn.Get(kUsers, UserKey(account_id, user_name)));
  if (!doc) return std::optional<UserRecord>();
  RAMPART_ASSIGN_OR_RETURN(UserRecord r, ParseUser(*doc));
  return std::optional<UserRecord>(std::move(r));
}

Result<std::optional<AccessKeyRecord>> LoadAccessKey(store::ReadTxn& txn,
                                                     std::string_view access_key_id) {
  RAMPART_ASSIGN_OR_RETURN(auto doc, txn.Get(kAccessKeys, access_key_id));
  if (!doc) return std::optional<AccessKeyRecord>();
  RAMPART_ASSIGN_OR_RETURN(AccessKeyRecord r, ParseAccessKey(*doc));
  return std::optional<AccessKeyRecord>(std::move(r));
}

Result<std::vector<AccessKeyRecord>> LoadUserKeys(store::ReadTxn& txn, std::string_view account_id,
                                                  std::string_view user_name) {
  RAMPART_ASSIGN_OR_RETURN(auto rows,
                           txn.Scan(kUserKeys, UserKeyIndexPrefix(account_id, user_name), "", 100));
  std::vector<AccessKeyRecord> keys;
  for (const auto& [index_key, unused] : rows) {
    std::string_view akid = std::string_view(index_key).substr(index_key.rfind('/') + 1);
    RAMPART_ASSIGN_OR_RETURN(auto key, LoadAccessKey(txn, akid));
    if (key) keys.push_back(std::move(*key));
  }
  return keys;
}

std::string UserPolicyKey(std::string_view account_id, std::string_view user_name,
                          std::string_view policy_name) {
  return UserKeyIndexPrefix(account_id, user_name) + std::string(policy_name);
}

Result<std::vector<InlinePolicy>> LoadUserPolicies(store::ReadTxn& txn, std::string_view account_id,
                                                   std::string_view user_name) {
  std::vector<InlinePolicy> out;
  std::string start_after;
  while (true) {
    RAMPART_ASSIGN_OR_RETURN(
        auto rows,
        txn.Scan(kUserPolicies, UserKeyIndexPrefix(account_id, user_name), start_after, 256));
    for (const auto& [key, value] : rows) {
      RAMPART_ASSIGN_OR_RETURN(json::object o, ParseObject(value));
      out.push_back({GetString(o, "PolicyName"), GetString(o, "PolicyDocument")});
      start_after = key;
    }
    if (rows.size() < 256) return out;
  }
}

Result<std::optional<AccountRecord>> LoadAccount(store::ReadTxn& txn, std::string_view account_id) {
  RAMPART_ASSIGN_OR_RETURN(auto doc, txn.Get(kAccounts, account_id));
  if (!doc) return std::optional<AccountRecord>();
  RAMPART_ASSIGN_OR_RETURN(AccountRecord r, ParseAccount(*doc));
  return std::optional<AccountRecord>(std::move(r));
}

}  // namespace rampart::services::iam
