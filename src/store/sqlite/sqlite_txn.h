// ReadTxn / WriteTxn over one SQLite connection: the document, audit and change queries.
#pragma once

#include <vector>

#include "common/clock.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace rampart::store::sqlite {

// Queries shared by readers and the writer; the caller owns the transaction.
class SqliteQueries {
 public:
  explicit SqliteQueries(Connection& conn) : conn_(conn) {}
  Result<std::optional<std::string>> Get(std::string_view collection, std::string_view key);
  Result<std::vector<KeyValue>> Scan(std::string_view collection, std::string_view prefix,
                                     std::string_view start_after, size_t limit);
  Result<std::vector<AuditRecord>> ScanAudit(uint64_t after_seq, size_t limit);
  Result<std::vector<Change>> ScanChanges(uint64_t after_seq, size_t limit);

 private:
  Connection& conn_;
};

class SqliteReadTxn final : public ReadTxn {
 public:
  explicit SqliteReadTxn(Connection& conn) : q_(conn) {}
  Result<std::optional<std::string>> Get(std::string_view c, std::string_view k) override {
    return q_.Get(c, k);
  }
  Result<std::vector<KeyValue>> Scan(std::string_view c, std::string_view p, std::string_view s,
                                     size_t limit) override {
    return q_.Scan(c, p, s, limit);
  }
  Result<std::vector<AuditRecord>> ScanAudit(uint64_t after, size_t limit) override {
    return q_.ScanAudit(after, limit);
  }
  Result<std::vector<Change>> ScanChanges(uint64_t after, size_t limit) override {
    return q_.ScanChanges(after, limit);
  }

 private:
  SqliteQueries q_;
};

// The writer's view inside a group transaction. Collects the Changes it records and notes
// storage failures (disk full, I/O error) so the group runner can fail the write with 503.
class SqliteWriteTxn final : public WriteTxn {
 public:
  SqliteWriteTxn(Connection& conn, const Clock& clock) : conn_(conn), q_(conn), clock_(clock) {}

  Result<std::optional<std::string>> Get(std::string_view c, std::string_view k) override;
  Result<std::vector<KeyValue>> Scan(std::string_view c, std::string_view p, std::string_view s,
                                     size_t limit) override;
  Result<std::vector<AuditRecord>> ScanAudit(uint64_t after, size_t limit) override;
  Result<std::vector<Change>> ScanChanges(uint64_t after, size_t limit) override;
  Status Put(std::string_view collection, std::string_view key, std::string_view value) override;
  Result<bool> Erase(std::string_view collection, std::string_view key) override;
  Status AppendAudit(const AuditRecord& record) override;
  Status Nested(const std::function<Status(WriteTxn&)>& fn) override;

  // Runs one queued write in its own savepoint; its status (503 after a storage failure).
  Status RunItem(const std::function<Status(WriteTxn&)>& fn);
  // Appends one queued audit record without a savepoint; its status.
  Status RunAuditItem(const AuditRecord& record);
  // Audit rows inserted so far (a hint for the lookup indexer; counts rolled-back ones too).
  size_t audit_appended() const { return audit_appended_; }

  std::vector<Change>& changes() { return changes_; }
  // The first storage failure of the group, if any (kept for Health).
  const std::optional<AwsError>& storage_failure() const { return group_failure_; }

 private:
  Status RecordChange(std::string_view collection, std::string_view key,
                      std::optional<std::string> before, std::optional<std::string> after);
  // Wraps an SQLite failure: storage failures are remembered, constraint errors are not.
  AwsError Failed(int rc, std::string_view what);
  template <typename T>
  T Watch(T result);
  Status InSavepoint(const std::function<Status(WriteTxn&)>& fn);
  // Runs a statement through the prepared-statement cache; an SQLite result code.
  int ExecCached(const std::string& sql);

  Connection& conn_;
  SqliteQueries q_;
  const Clock& clock_;
  std::vector<Change> changes_;
  int depth_ = 0;
  std::optional<AwsError> item_failure_;
  std::optional<AwsError> group_failure_;
  size_t audit_appended_ = 0;
};

}  // namespace rampart::store::sqlite
