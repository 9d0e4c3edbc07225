// SQLite queries and the writer transaction (savepoints, change capture, failure tracking).
#include "store/sqlite/sqlite_txn.h"

#include <exception>
#include <limits>

#include "store/internal/errors.h"

namespace rampart::store::sqlite {
namespace {

using internal::CheckDocRef;
using internal::CheckName;

int64_t Clamp(uint64_t v) {
  constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  return static_cast<int64_t>(v > kMax ? kMax : v);
}

bool IsStorageFailure(int rc) { return (rc & 0xFF) != SQLITE_CONSTRAINT; }

constexpr char kAuditColumns[] =
    "seq, event_id, event_time_ms, account_id, event_name, event_source, username, "
    "access_key_id, read_only, resource_type, resource_name, json";

}  // namespace

Result<std::optional<std::string>> SqliteQueries::Get(std::string_view collection,
                                                      std::string_view key) {
  RAMPART_TRY(CheckDocRef(collection, key));
  RAMPART_ASSIGN_OR_RETURN(
      auto stmt, conn_.Prepare("SELECT value FROM documents WHERE collection=?1 AND key=?2"));
  stmt->BindText(1, collection);
  stmt->BindText(2, key);
  int rc = stmt->Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return StorageError(rc, "reading a document");
  return stmt->ColumnOptionalBlob(0);
}

Result<std::vector<KeyValue>> SqliteQueries::Scan(std::string_view collection,
                                                  std::string_view prefix,
                                                  std::string_view start_after, size_t limit) {
  RAMPART_TRY(CheckName("collection", collection));
  std::vector<KeyValue> out;
  if (limit == 0) return out;
  bool after = !start_after.empty() && start_after >= prefix;
  std::string upper = internal::PrefixSuccessor(prefix);
  std::string sql = "SELECT key, value FROM documents WHERE collection=?1 AND key ";
  sql += after ? ">" : ">=";
  sql += " ?2";
  if (!upper.empty()) sql += " AND key < ?4";
  sql += " ORDER BY key LIMIT ?3";
  RAMPART_ASSIGN_OR_RETURN(auto stmt, conn_.Prepare(sql));
  stmt->BindText(1, collection);
  stmt->BindText(2, after ? start_after : prefix);
  stmt->BindInt(3, Clamp(limit));
  if (!upper.empty()) stmt->BindText(4, upper);
  int rc;
  while ((rc = stmt->Step()) == SQLITE_ROW) {
    out.emplace_back(stmt->ColumnText(0), stmt->ColumnOptionalBlob(1).value_or(""));
  }
  if (rc != SQLITE_DONE) return StorageError(rc, "scanning documents");
  return out;
}

Result<std::vector<AuditRecord>> SqliteQueries::ScanAudit(uint64_t after_seq, size_t limit) {
  std::vector<AuditRecord> out;
  if (limit == 0) return out;
  RAMPART_ASSIGN_OR_RETURN(
      auto stmt, conn_.Prepare(std::string("SELECT ") + kAuditColumns +
                               " FROM audit_events WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  stmt->BindInt(1, Clamp(after_seq));
  stmt->BindInt(2, Clamp(limit));
  int rc;
  while ((rc = stmt->Step()) == SQLITE_ROW) {
    AuditRecord r;
    r.seq = static_cast<uint64_t>(stmt->ColumnInt(0));
    r.event_id = stmt->ColumnText(1);
    r.event_time_ms = stmt->ColumnInt(2);
    r.account_id = stmt->ColumnText(3);
    r.event_name = stmt->ColumnText(4);
    r.event_source = stmt->ColumnText(5);
    r.username = stmt->ColumnText(6);
    r.access_key_id = stmt->ColumnText(7);
    r.read_only = stmt->ColumnInt(8) != 0;
    r.resource_type = stmt->ColumnText(9);
    r.resource_name = stmt->ColumnText(10);
    r.json = stmt->ColumnText(11);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return StorageError(rc, "reading audit events");
  return out;
}

Result<std::vector<Change>> SqliteQueries::ScanChanges(uint64_t after_seq, size_t limit) {
  std::vector<Change> out;
  if (limit == 0) return out;
  RAMPART_ASSIGN_OR_RETURN(
      auto stmt, conn_.Prepare("SELECT seq, time_ms, collection, key, before, after FROM changes "
                               "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  stmt->BindInt(1, Clamp(after_seq));
  stmt->BindInt(2, Clamp(limit));
  int rc;
  while ((rc = stmt->Step()) == SQLITE_ROW) {
    Change c;
    c.seq = static_cast<uint64_t>(stmt->ColumnInt(0));
    c.time_ms = stmt->ColumnInt(1);
    c.collection = stmt->ColumnText(2);
    c.key = stmt->ColumnText(3);
    c.before = stmt->ColumnOptionalBlob(4);
    c.after = stmt->ColumnOptionalBlob(5);
    out.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return StorageError(rc, "reading changes");
  return out;
}

AwsError SqliteWriteTxn::Failed(int rc, std::string_view what) {
  if (!IsStorageFailure(rc)) {
    return AwsError::Internal("store: " + std::string(what) + " violated a constraint");
  }
  AwsError error = StorageError(rc, what);
  if (!item_failure_) item_failure_ = error;
  if (!group_failure_) group_failure_ = error;
  return error;
}

template <typename T>
T SqliteWriteTxn::Watch(T result) {
  if (!result.ok() && result.error().code == "ServiceUnavailable") {
    if (!item_failure_) item_failure_ = result.error();
    if (!group_failure_) group_failure_ = result.error();
  }
  return result;
}

Result<std::optional<std::string>> SqliteWriteTxn::Get(std::string_view c, std::string_view k) {
  return Watch(q_.Get(c, k));
}

Result<std::vector<KeyValue>> SqliteWriteTxn::Scan(std::string_view c, std::string_view p,
                                                   std::string_view s, size_t limit) {
  return Watch(q_.Scan(c, p, s, limit));
}

Result<std::vector<AuditRecord>> SqliteWriteTxn::ScanAudit(uint64_t after, size_t limit) {
  return Watch(q_.ScanAudit(after, limit));
}

Result<std::vector<Change>> SqliteWriteTxn::ScanChanges(uint64_t after, size_t limit) {
  return Watch(q_.ScanChanges(after, limit));
}

Status SqliteWriteTxn::Put(std::string_view collection, std::string_view key,
                           std::string_view value) {
  RAMPART_ASSIGN_OR_RETURN(std::optional<std::string> before, Get(collection, key));
  RAMPART_ASSIGN_OR_RETURN(auto stmt,
                           conn_.Prepare("INSERT INTO documents(collection, key, value) "
                                         "VALUES(?1, ?2, ?3) ON CONFLICT(collection, key) "
                                         "DO UPDATE SET value=excluded.value"));
  stmt->BindText(1, collection);
  stmt->BindText(2, key);
  stmt->BindBlob(3, value);
  int rc = stmt->Step();
  if (rc != SQLITE_DONE) return Failed(rc, "writing a document");
  return RecordChange(collection, key, std::move(before), std::string(value));
}

Result<bool> SqliteWriteTxn::Erase(std::string_view collection, std::string_view key) {
  RAMPART_ASSIGN_OR_RETURN(std::optional<std::string> before, Get(collection, key));
  if (!before) return false;
  RAMPART_ASSIGN_OR_RETURN(auto stmt,
                           conn_.Prepare("DELETE FROM documents WHERE collection=?1 AND key=?2"));
  stmt->BindText(1, collection);
  stmt->BindText(2, key);
  int rc = stmt->Step();
  if (rc != SQLITE_DONE) return Failed(rc, "erasing a document");
  RAMPART_TRY(RecordChange(collection, key, std::move(before), std::nullopt));
  return true;
}

Status SqliteWriteTxn::AppendAudit(const AuditRecord& r) {
  if (r.event_id.empty()) return AwsError::Internal("store: audit event without id");
  RAMPART_ASSIGN_OR_RETURN(
      auto stmt,
      conn_.Prepare("INSERT INTO audit_events(event_id, event_time_ms, account_id, event_name, "
                    "event_source, username, access_key_id, read_only, resource_type, "
                    "resource_name, json) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"));
  stmt->BindText(1, r.event_id);
  stmt->BindInt(2, r.event_time_ms);
  stmt->BindText(3, r.account_id);
  stmt->BindText(4, r.event_name);
  stmt->BindText(5, r.event_source);
  stmt->BindText(6, r.username);
  stmt->BindText(7, r.access_key_id);
  stmt->BindInt(8, r.read_only ? 1 : 0);
  stmt->BindText(9, r.resource_type);
  stmt->BindText(10, r.resource_name);
  stmt->BindText(11, r.json);
  int rc = stmt->Step();
  if ((rc & 0xFF) == SQLITE_CONSTRAINT)
    return AwsError::Internal("store: duplicate audit event id");
  if (rc != SQLITE_DONE) return Failed(rc, "appending an audit event");
  ++audit_appended_;
  return Status::Ok();
}

Status SqliteWriteTxn::RunAuditItem(const AuditRecord& record) {
  item_failure_.reset();
  // One INSERT: SQLite's statement rollback undoes it alone, so no savepoint is needed.
  Status status = AppendAudit(record);
  if (status.ok() && item_failure_) status = *item_failure_;
  return status;
}

Status SqliteWriteTxn::RecordChange(std::string_view collection, std::string_view key,
                                    std::optional<std::string> before,
                                    std::optional<std::string> after) {
  Change change;
  change.time_ms = clock_.NowEpochMillis();
  change.collection = std::string(collection);
  change.key = std::string(key);
  change.before = std::move(before);
  change.after = std::move(after);
  RAMPART_ASSIGN_OR_RETURN(
      auto stmt, conn_.Prepare("INSERT INTO changes(time_ms, collection, key, before, after) "
                               "VALUES(?1, ?2, ?3, ?4, ?5)"));
  stmt->BindInt(1, change.time_ms);
  stmt->BindText(2, change.collection);
  stmt->BindText(3, change.key);
  stmt->BindOptionalBlob(4, change.before);
  stmt->BindOptionalBlob(5, change.after);
  int rc = stmt->Step();
  if (rc != SQLITE_DONE) return Failed(rc, "recording a change");
  change.seq = static_cast<uint64_t>(sqlite3_last_insert_rowid(conn_.db()));
  changes_.push_back(std::move(change));
  return Status::Ok();
}

Status SqliteWriteTxn::InSavepoint(const std::function<Status(WriteTxn&)>& fn) {
  std::string name = "w" + std::to_string(depth_);
  int rc = ExecCached("SAVEPOINT " + name);
  if (rc != SQLITE_OK) return Failed(rc, "opening a savepoint");
  size_t mark = changes_.size();
  ++depth_;
  Status status;
  try {
    status = fn ? fn(*this) : Status(AwsError::Internal("store: empty write function"));
  } catch (...) {
    status = AwsError::Internal("store: write function threw");
  }
  --depth_;
  // A storage failure inside fn fails the write even if fn swallowed the error.
  if (status.ok() && item_failure_) status = *item_failure_;
  if (!status.ok()) {
    changes_.resize(mark);
    if (conn_.InTransaction()) {
      rc = ExecCached("ROLLBACK TO " + name);
      if (rc == SQLITE_OK) rc = ExecCached("RELEASE " + name);
      if (rc != SQLITE_OK) Failed(rc, "rolling back a savepoint");
    }
    return status;
  }
  rc = ExecCached("RELEASE " + name);
  if (rc != SQLITE_OK) return Failed(rc, "releasing a savepoint");
  return status;
}

int SqliteWriteTxn::ExecCached(const std::string& sql) {
  auto stmt = conn_.Prepare(sql);
  if (!stmt.ok()) return SQLITE_ERROR;
  int rc = (*stmt)->Step();
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

Status SqliteWriteTxn::Nested(const std::function<Status(WriteTxn&)>& fn) {
  return InSavepoint(fn);
}

Status SqliteWriteTxn::RunItem(const std::function<Status(WriteTxn&)>& fn) {
  item_failure_.reset();
  depth_ = 0;
  Status status = InSavepoint(fn);
  if (status.ok() && item_failure_) status = *item_failure_;
  return status;
}

}  // namespace rampart::store::sqlite
