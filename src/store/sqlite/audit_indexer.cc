// AuditIndexer: batch, sorted inserts into audit_lookup, off the commit path of audit writes.
//
// Why asynchronous: measured with store_group_commit_bench (1.2 KB events, 7 attributes set),
// writing audit_lookup rows in the same transaction as each audit row cost ~20-35 us of writer
// CPU per event, as much as the rest of the append. Indexed here in sorted batches of
// thousands of events, each touched leaf page is written once per batch rather than once per
// group. LookupEvents is eventually consistent in CloudTrail (minutes), so a lag of a few
// thousand events (or until the writer is next idle) is within contract.
#include "store/sqlite/audit_indexer.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "store/internal/errors.h"

namespace rampart::store::sqlite {
namespace {

struct LookupRow {
  std::string account_id;
  int attr;
  std::string value;
  int64_t event_time_ms;
  int64_t seq;

  bool operator<(const LookupRow& o) const {
    return std::tie(account_id, attr, value, event_time_ms, seq) <
           std::tie(o.account_id, o.attr, o.value, o.event_time_ms, o.seq);
  }
};

// audit_events columns read per event, in AuditAttr order after the first three.
constexpr char kSelectPending[] =
    "SELECT seq, account_id, event_time_ms, event_name, username, event_source, access_key_id,"
    " read_only, resource_type, resource_name FROM audit_events WHERE seq > ?1"
    " ORDER BY seq LIMIT ?2";

Result<int64_t> LastIndexed(Connection& conn) {
  RAMPART_ASSIGN_OR_RETURN(auto stmt,
                           conn.Prepare("SELECT last_seq FROM audit_lookup_state WHERE id=1"));
  int rc = stmt->Step();
  if (rc == SQLITE_DONE) return int64_t{0};
  if (rc != SQLITE_ROW) return StorageError(rc, "reading the audit index position");
  return stmt->ColumnInt(0);
}

// Reads up to `limit` events past `after`; appends their lookup rows; returns the last seq.
Result<int64_t> Collect(Connection& conn, int64_t after, size_t limit,
                        std::vector<LookupRow>& rows) {
  RAMPART_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(kSelectPending));
  stmt->BindInt(1, after);
  stmt->BindInt(2, static_cast<int64_t>(limit));
  int64_t last = after;
  int rc;
  while ((rc = stmt->Step()) == SQLITE_ROW) {
    last = stmt->ColumnInt(0);
    std::string account = stmt->ColumnText(1);
    int64_t time_ms = stmt->ColumnInt(2);
    auto add = [&](AuditAttr attr, std::string value) {
      if (value.empty()) return;  // only attributes the event actually has
      rows.push_back({account, static_cast<int>(attr), std::move(value), time_ms, last});
    };
    add(AuditAttr::kEventName, stmt->ColumnText(3));
    add(AuditAttr::kUsername, stmt->ColumnText(4));
    add(AuditAttr::kEventSource, stmt->ColumnText(5));
    add(AuditAttr::kAccessKeyId, stmt->ColumnText(6));
    add(AuditAttr::kReadOnly, stmt->ColumnInt(7) != 0 ? "true" : "false");
    add(AuditAttr::kResourceType, stmt->ColumnText(8));
    add(AuditAttr::kResourceName, stmt->ColumnText(9));
  }
  if (rc != SQLITE_DONE) return StorageError(rc, "reading audit events to index");
  return last;
}

Status Insert(Connection& conn, const std::vector<LookupRow>& rows, int64_t last) {
  RAMPART_ASSIGN_OR_RETURN(
      auto insert, conn.Prepare("INSERT OR IGNORE INTO audit_lookup(account_id, attr, value, "
                                "event_time_ms, seq) VALUES(?1,?2,?3,?4,?5)"));
  for (const LookupRow& row : rows) {
    insert->BindText(1, row.account_id);
    insert->BindInt(2, row.attr);
    insert->BindText(3, row.value);
    insert->BindInt(4, row.event_time_ms);
    insert->BindInt(5, row.seq);
    int rc = insert->Step();
    insert->reset();
    if (rc != SQLITE_DONE) return StorageError(rc, "indexing audit events");
  }
  RAMPART_ASSIGN_OR_RETURN(
      auto state, conn.Prepare("INSERT INTO audit_lookup_state(id, last_seq) VALUES(1, ?1)"
                               " ON CONFLICT(id) DO UPDATE SET last_seq=excluded.last_seq"));
  state->BindInt(1, last);
  int rc = state->Step();
  if (rc != SQLITE_DONE) return StorageError(rc, "recording the audit index position");
  return Status::Ok();
}

}  // namespace

Result<size_t> AuditIndexer::Step(size_t max_events) {
  if (conn_.InTransaction()) return AwsError::Internal("store: audit indexing inside a txn");
  int rc = conn_.Exec("BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) return StorageError(rc, "starting audit indexing");
  std::vector<LookupRow> rows;
  Result<int64_t> last = LastIndexed(conn_);
  int64_t first = last.ok() ? *last : 0;
  if (last.ok()) last = Collect(conn_, first, max_events, rows);
  Status status = last.ok() ? Status::Ok() : Status(last.error());
  if (status.ok() && *last == first) {  // caught up: nothing to write
    conn_.Exec("ROLLBACK");
    return size_t{0};
  }
  std::sort(rows.begin(), rows.end());  // neighbouring keys: each leaf page touched once
  if (status.ok()) status = Insert(conn_, rows, *last);
  if (status.ok()) {
    rc = conn_.Exec("COMMIT");
    if (rc != SQLITE_OK) status = StorageError(rc, "committing audit indexing");
  }
  if (!status.ok()) {
    if (conn_.InTransaction()) conn_.Exec("ROLLBACK");
    return status.error();
  }
  return static_cast<size_t>(*last - first);  // seq gaps only overstate, never understate
}

}  // namespace rampart::store::sqlite
