// Registry of operations: for each (service, operation) its authorization entry and its
// handler. Dispatch only ever happens through the pipeline, after the enforcer.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "auth/principal.h"
#include "authz/operation_auth.h"
#include "common/clock.h"
#include "common/random.h"
#include "common/result.h"
#include "http/message.h"
#include "store/store.h"

namespace rampart::services {

using Document = boost::json::object;

// What a handler knows about the call it serves.
struct CallContext {
  const auth::Principal& principal;
  const http::Request& request;
  std::string_view request_id;
  std::string_view region;
  std::string_view partition;
  std::string_view account_id;  // the account whose resources the call addresses
  const Clock& clock;
  Random& random;
};

using ReadHandler =
    std::function<Result<Document>(CallContext&, const Document& input, store::ReadTxn&)>;
using WriteHandler =
    std::function<Result<Document>(CallContext&, const Document& input, store::WriteTxn&)>;

struct OperationEntry {
  authz::OperationAuth auth;
  ReadHandler read;    // set for read-only operations (auth.read_only)
  WriteHandler write;  // set for mutating operations
};

class Registry {
 public:
  // Registers an operation; aborts at startup on a duplicate or an entry without a handler
  // matching its read_only flag, so no operation can exist without an authorization entry.
  void Add(std::string_view service, OperationEntry entry);
  const OperationEntry* Find(std::string_view service, std::string_view operation) const;

  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const auto& [key, entry] : entries_) fn(key.first, entry);
  }

 private:
  std::map<std::pair<std::string, std::string>, OperationEntry, std::less<>> entries_;
};

}  // namespace rampart::services
