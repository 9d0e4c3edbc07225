// IAM service registration: binds each authorization-table entry to its handler.
#include "services/iam/iam_service.h"

#include <map>

#include "crypto/base64.h"
#include "services/iam/iam_authz.h"
#include "services/iam/iam_ops.h"

namespace rampart::services::iam {

std::string EncodeMarker(std::string_view position) { return crypto::Base64Encode(position); }

std::optional<std::string> DecodeMarker(std::string_view marker) {
  auto decoded = crypto::Base64Decode(marker);
  if (!decoded.ok()) return std::nullopt;
  return std::move(decoded).value();
}

void RegisterIam(Registry& registry, IamDeps deps) {
  std::map<std::string_view, ReadHandler> reads{{"GetUser", GetUser},
                                                {"ListUsers", ListUsers},
                                                {"ListAccessKeys", ListAccessKeys},
                                                {"GetUserPolicy", GetUserPolicy},
                                                {"ListUserPolicies", ListUserPolicies}};
  crypto::KeyCustody* custody = &deps.custody;
  std::map<std::string_view, WriteHandler> writes{
      {"CreateUser", CreateUser},
      {"DeleteUser", DeleteUser},
      {"CreateAccessKey",
       [custody](CallContext& ctx, const Document& in, store::WriteTxn& txn) {
         return CreateAccessKey(*custody, ctx, in, txn);
       }},
      {"UpdateAccessKey", UpdateAccessKey},
      {"DeleteAccessKey", DeleteAccessKey},
      {"PutUserPolicy", PutUserPolicy},
      {"DeleteUserPolicy", DeleteUserPolicy}};
  for (const auto& auth : IamAuthTable()) {
    OperationEntry entry{auth, {}, {}};
    if (auth.read_only) {
      entry.read = reads.at(auth.operation);
    } else {
      entry.write = writes.at(auth.operation);
    }
    registry.Add("iam", std::move(entry));
  }
}

Status EnsureAccount(store::WriteTxn& txn, crypto::KeyCustody& custody, std::string_view account_id,
                     std::string_view root_access_key_id, std::string_view root_secret,
                     int64_t now_ms) {
  RAMPART_ASSIGN_OR_RETURN(auto account, LoadAccount(txn, account_id));
  if (!account) {
    RAMPART_TRY(txn.Put(kAccounts, account_id,
                        Serialize(AccountRecord{std::string(account_id), now_ms / 1000 * 1000})));
  }
  if (root_access_key_id.empty()) return Status::Ok();
  RAMPART_ASSIGN_OR_RETURN(auto key, LoadAccessKey(txn, root_access_key_id));
  if (key) return Status::Ok();
  AccessKeyRecord record;
  record.access_key_id = std::string(root_access_key_id);
  record.account_id = std::string(account_id);
  record.create_date_ms = now_ms / 1000 * 1000;
  return PutAccessKey(txn, custody, record, root_secret);
}

}  // namespace rampart::services::iam
