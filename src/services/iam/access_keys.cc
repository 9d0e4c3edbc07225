// IAM access key operations: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey.
#include "crypto/base64.h"
#include "services/document.h"
#include "services/iam/credential_cache.h"
#include "services/iam/errors.h"
#include "services/iam/iam_ops.h"

namespace rampart::services::iam {

namespace json = boost::json;

namespace {

constexpr size_t kMaxKeysPerUser = 2;

// The user an access-key call addresses: the named one, else the caller (root → "").
Result<std::string> TargetUser(CallContext& ctx, const Document& in, store::ReadTxn& txn) {
  std::string name = GetString(in, "UserName");
  if (name.empty()) {
    if (ctx.principal.IsRoot()) return std::string();
    if (ctx.principal.type != auth::PrincipalType::kIamUser)
      return AwsError::Sender("ValidationError",
                              "Must specify userName when calling with non-User credentials");
    return ctx.principal.name;
  }
  RAMPART_ASSIGN_OR_RETURN(auto user, LoadUser(txn, ctx.account_id, name));
  if (!user) return NoSuchUser(name);
  return user->user_name;
}

std::string IndexKey(std::string_view account, std::string_view user, std::string_view akid) {
  return UserKeyIndexPrefix(account, user) + std::string(akid);
}

json::object Metadata(const AccessKeyRecord& k) {
  json::object o{{"AccessKeyId", k.access_key_id},
                 {"Status", k.status},
                 {"CreateDate", EpochSeconds(k.create_date_ms)}};
  if (!k.user_name.empty()) o["UserName"] = k.user_name;
  return o;
}

Result<AccessKeyRecord> OwnedKey(CallContext& ctx, store::ReadTxn& txn, std::string_view user,
                                 std::string_view akid) {
  RAMPART_ASSIGN_OR_RETURN(auto key, LoadAccessKey(txn, akid));
  if (!key || key->account_id != ctx.account_id || key->user_name != user)
    return NoSuchAccessKey(akid);
  return std::move(*key);
}

}  // namespace

Status PutAccessKey(store::WriteTxn& txn, crypto::KeyCustody& custody,
                    const AccessKeyRecord& record, std::string_view secret) {
  AccessKeyRecord stored = record;
  RAMPART_ASSIGN_OR_RETURN(
      std::string sealed,
      custody.Seal(secret, IamCredentialResolver::SecretAad(record.access_key_id)));
  stored.sealed_secret = crypto::Base64Encode(sealed);
  RAMPART_TRY(txn.Put(kAccessKeys, stored.access_key_id, Serialize(stored)));
  return txn.Put(kUserKeys, IndexKey(stored.account_id, stored.user_name, stored.access_key_id),
                 "");
}

Result<Document> CreateAccessKey(crypto::KeyCustody& custody, CallContext& ctx, const Document& in,
                                 store::WriteTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(std::string user, TargetUser(ctx, in, txn));
  RAMPART_ASSIGN_OR_RETURN(auto existing, LoadUserKeys(txn, ctx.account_id, user));
  if (existing.size() >= kMaxKeysPerUser)
    return LimitExceeded("Cannot exceed quota for AccessKeysPerUser: 2");
  AccessKeyRecord key;
  key.access_key_id = NewAccessKeyId("AKIA", ctx.random);
  key.account_id = std::string(ctx.account_id);
  key.user_name = user;
  key.create_date_ms = ctx.clock.NowEpochMillis() / 1000 * 1000;
  std::string secret = NewSecretAccessKey(ctx.random);
  RAMPART_TRY(PutAccessKey(txn, custody, key, secret));
  json::object out = Metadata(key);
  if (user.empty()) out["UserName"] = ctx.account_id;
  out["SecretAccessKey"] = secret;
  return Document{{"AccessKey", std::move(out)}};
}

Result<Document> ListAccessKeys(CallContext& ctx, const Document& in, store::ReadTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(std::string user, TargetUser(ctx, in, txn));
  RAMPART_ASSIGN_OR_RETURN(auto keys, LoadUserKeys(txn, ctx.account_id, user));
  json::array list;
  for (const auto& k : keys) list.push_back(Metadata(k));
  return Document{{"AccessKeyMetadata", std::move(list)}, {"IsTruncated", false}};
}

Result<Document> UpdateAccessKey(CallContext& ctx, const Document& in, store::WriteTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(std::string user, TargetUser(ctx, in, txn));
  RAMPART_ASSIGN_OR_RETURN(AccessKeyRecord key,
                           OwnedKey(ctx, txn, user, GetString(in, "AccessKeyId")));
  key.status = GetString(in, "Status");
  RAMPART_TRY(txn.Put(kAccessKeys, key.access_key_id, Serialize(key)));
  return Document{};
}

Result<Document> DeleteAccessKey(CallContext& ctx, const Document& in, store::WriteTxn& txn) {
  RAMPART_ASSIGN_OR_RETURN(std::string user, TargetUser(ctx, in, txn));
  RAMPART_ASSIGN_OR_RETURN(AccessKeyRecord key,
                           OwnedKey(ctx, txn, user, GetString(in, "AccessKeyId")));
  RAMPART_TRY(txn.Erase(kAccessKeys, key.access_key_id));
  RAMPART_TRY(txn.Erase(kUserKeys, IndexKey(ctx.account_id, user, key.access_key_id)));
  return Document{};
}

}  // namespace rampart::services::iam
