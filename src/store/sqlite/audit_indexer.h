// AuditIndexer: fills audit_lookup (the LookupEvents attribute index) from audit_events after
// commit, in batches, tracking the last indexed seq durably in audit_lookup_state.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/result.h"
#include "store/sqlite/connection.h"

namespace rampart::store::sqlite {

// LookupEvents attribute codes stored in audit_lookup.attr (never renumber).
enum class AuditAttr : int {
  kEventName = 1,
  kUsername = 2,
  kEventSource = 3,
  kAccessKeyId = 4,
  kReadOnly = 5,  // value "true" | "false"
  kResourceType = 6,
  kResourceName = 7,
};

class AuditIndexer {
 public:
  // Uses the writer connection, between group transactions (never inside one).
  explicit AuditIndexer(Connection& conn) : conn_(conn) {}

  // In its own transaction: indexes up to max_events audit rows past the recorded seq and
  // advances it. Returns how many rows were indexed (0 when caught up).
  Result<size_t> Step(size_t max_events);

 private:
  Connection& conn_;
};

}  // namespace rampart::store::sqlite
