// STS operations: GetCallerIdentity (never denied by policy, as in AWS).
#include "services/sts/sts_service.h"

namespace rampart::services::sts {

namespace {

Result<Document> GetCallerIdentity(CallContext& ctx, const Document&, store::ReadTxn&) {
  return Document{{"UserId", ctx.principal.user_id},
                  {"Account", ctx.principal.account_id},
                  {"Arn", ctx.principal.arn}};
}

}  // namespace

void RegisterSts(Registry& registry) {
  registry.Add("sts", OperationEntry{{.operation = "GetCallerIdentity",
                                      .action = "sts:GetCallerIdentity",
                                      .resources = {"*"},
                                      .mode = authz::AuthMode::kAlwaysAllowed,
                                      .read_only = true},
                                     GetCallerIdentity,
                                     {}});
}

}  // namespace rampart::services::sts
