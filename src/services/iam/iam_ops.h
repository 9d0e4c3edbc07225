// Declarations of IAM operation handlers and shared helpers (implemented per resource file).
#pragma once

#include <optional>
#include <string>

#include "common/ids.h"
#include "crypto/key_custody.h"
#include "services/iam/iam_records.h"
#include "services/registry.h"

namespace rampart::services::iam {

// Opaque pagination markers.
std::string EncodeMarker(std::string_view position);
std::optional<std::string> DecodeMarker(std::string_view marker);

boost::json::object UserDocument(const UserRecord& u);

Result<Document> CreateUser(CallContext& ctx, const Document& in, store::WriteTxn& txn);
Result<Document> GetUser(CallContext& ctx, const Document& in, store::ReadTxn& txn);
Result<Document> ListUsers(CallContext& ctx, const Document& in, store::ReadTxn& txn);
Result<Document> DeleteUser(CallContext& ctx, const Document& in, store::WriteTxn& txn);

Result<Document> CreateAccessKey(crypto::KeyCustody& custody, CallContext& ctx, const Document& in,
                                 store::WriteTxn& txn);
Result<Document> ListAccessKeys(CallContext& ctx, const Document& in, store::ReadTxn& txn);
Result<Document> UpdateAccessKey(CallContext& ctx, const Document& in, store::WriteTxn& txn);
Result<Document> DeleteAccessKey(CallContext& ctx, const Document& in, store::WriteTxn& txn);

Result<Document> PutUserPolicy(CallContext& ctx, const Document& in, store::WriteTxn& txn);
Result<Document> GetUserPolicy(CallContext& ctx, const Document& in, store::ReadTxn& txn);
Result<Document> DeleteUserPolicy(CallContext& ctx, const Document& in, store::WriteTxn& txn);
Result<Document> ListUserPolicies(CallContext& ctx, const Document& in, store::ReadTxn& txn);

// Writes a new access key for `user_name` ("" = the account root) with a given secret.
Status PutAccessKey(store::WriteTxn& txn, crypto::KeyCustody& custody,
                    const AccessKeyRecord& record, std::string_view secret);

}  // namespace rampart::services::iam
