// Storage interfaces: collections of documents, the audit log and the change feed, with
// durable group-committed writes. Backends: sqlite/ (default), memory/ (tests).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"

namespace rampart::store {

using KeyValue = std::pair<std::string, std::string>;

// One CloudTrail-format event plus the columns LookupEvents filters on.
struct AuditRecord {
  std::string event_id;  // UUID
  int64_t event_time_ms = 0;
  std::string account_id;  // recipientAccountId
  std::string event_name;
  std::string event_source;  // e.g. "iam.amazonaws.com"
  std::string username;
  std::string access_key_id;
  bool read_only = false;
  std::string resource_type;  // optional, e.g. "AWS::IAM::User"
  std::string resource_name;  // optional
  std::string json;           // the full event document
  uint64_t seq = 0;           // assigned by the store, ascending
};

// A committed change to a document, in commit order; Config and EventBridge consume these.
struct Change {
  uint64_t seq = 0;
  int64_t time_ms = 0;
  std::string collection;
  std::string key;
  std::optional<std::string> before;  // nullopt when created
  std::optional<std::string> after;   // nullopt when erased
};

class ReadTxn {
 public:
  virtual ~ReadTxn() = default;
  virtual Result<std::optional<std::string>> Get(std::string_view collection,
                                                 std::string_view key) = 0;
  // Documents of `collection` whose key starts with `prefix` and is strictly greater than
  // `start_after` (ignored when empty), ascending by key (bytewise), at most `limit`.
  virtual Result<std::vector<KeyValue>> Scan(std::string_view collection, std::string_view prefix,
                                             std::string_view start_after, size_t limit) = 0;
  // Audit records with seq > after_seq, ascending, at most `limit`.
  virtual Result<std::vector<AuditRecord>> ScanAudit(uint64_t after_seq, size_t limit) = 0;
  // Changes with seq > after_seq, ascending, at most `limit`.
  virtual Result<std::vector<Change>> ScanChanges(uint64_t after_seq, size_t limit) = 0;
};

class WriteTxn : public ReadTxn {
 public:
  // Inserts or replaces; records a Change.
  virtual Status Put(std::string_view collection, std::string_view key, std::string_view value) = 0;
  // Removes if present (true) or does nothing (false); records a Change when removed.
  virtual Result<bool> Erase(std::string_view collection, std::string_view key) = 0;
  virtual Status AppendAudit(const AuditRecord& record) = 0;
  // Runs fn in a savepoint: when fn fails, every write it made is undone and its error
  // returned; writes made outside fn are unaffected.
  virtual Status Nested(const std::function<Status(WriteTxn&)>& fn) = 0;
};

struct StoreHealth {
  bool writable = true;
  std::string backend;  // "sqlite" | "memory"
  std::string detail;   // last write failure, if any
};

using ChangeListener = std::function<void(const std::vector<Change>&)>;

class Store {
 public:
  virtual ~Store() = default;

  // Queues fn to run on the single writer thread inside a group transaction shared with
  // other queued writes. fn runs in its own savepoint (its writes undone if it fails). When
  // the group has been committed durably, `done` receives fn's status; if the commit itself
  // fails, every member of the group receives a receiver-fault error and none of their
  // writes persist. `done` runs on the writer thread: keep it short.
  virtual void Write(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) = 0;

  // Blocking form of Write, for tools and tests.
  Status WriteSync(std::function<Status(WriteTxn&)> fn);

  // Fast path for an append-only audit record (read-only or denied requests): queued to the
  // same writer and committed in the same group transactions as Write() items, in submission
  // order relative to them, without a savepoint. `done` receives Ok only once the commit
  // holding the record is durable; a duplicate or id-less record fails alone (500); when the
  // group commit fails, every member receives the same 503 as Write() items. `done` runs on
  // the writer thread: keep it short. The default runs the record through Write().
  virtual void AppendAudit(AuditRecord record, std::function<void(Status)> done);

  // Blocking form of AppendAudit, for tools and tests.
  Status AppendAuditSync(AuditRecord record);

  // Runs fn against a consistent snapshot on the calling thread.
  virtual Status Read(const std::function<Status(ReadTxn&)>& fn) = 0;

  // Called on the writer thread after each commit, with that commit's changes.
  virtual void Subscribe(ChangeListener listener) = 0;

  virtual StoreHealth Health() const = 0;

  // Stops accepting writes, drains the queue, commits, closes. Idempotent.
  virtual void Close() = 0;
};

struct SqliteOptions {
  std::string path;              // database file
  size_t reader_pool = 4;        // read connections
  size_t max_group = 256;        // most writes in one group commit
  const Clock* clock = nullptr;  // Change::time_ms source (outlives the store); null = system
};

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);
std::unique_ptr<Store> NewMemoryStore();
// As above, stamping Change::time_ms from `clock` (which must outlive the store).
std::unique_ptr<Store> NewMemoryStore(const Clock& clock);

}  // namespace rampart::store
