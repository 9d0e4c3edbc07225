// SqliteStore: the default Store backend (WAL, group commit on one writer thread, reader pool).
// Exposed beyond OpenSqliteStore only for tests and tools that need the hooks below.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/internal/group_writer.h"
#include "store/sqlite/audit_indexer.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace rampart::store::sqlite {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  // WAL size (pages, 4 KiB each) past which the background checkpointer runs.
  static constexpr int kCheckpointPages = 4096;
  // Unindexed audit rows past which the writer indexes a batch even while busy, and the
  // most events one indexing transaction takes.
  static constexpr size_t kIndexLag = 4096;
  static constexpr size_t kIndexBatch = 8192;

  ~SqliteStore() override;

  void Write(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) override;
  void AppendAudit(AuditRecord record, std::function<void(Status)> done) override;
  Status Read(const std::function<Status(ReadTxn&)>& fn) override;
  void Subscribe(ChangeListener listener) override;
  StoreHealth Health() const override;
  void Close() override;

  // Runs fn with the write connection on the writer thread, between groups (no transaction
  // open). For tests (e.g. PRAGMA max_page_count) and maintenance.
  Status RunOnWriterConnection(const std::function<Status(Connection&)>& fn);
  // CPU time used so far by the writer thread, in nanoseconds (benchmarks, diagnostics).
  int64_t WriterCpuNanos() { return writer_->WriterCpuNanos(); }
  // Indexes every committed audit row into audit_lookup now (normally done after commit,
  // in batches, when the writer is idle or lagging). For tests and tools.
  Status IndexAuditNow();
  // Background checkpoints completed so far (tests, diagnostics).
  uint64_t CheckpointRuns() const { return checkpointer_->runs(); }
  // Reader connections opened so far (they are opened on first use).
  size_t ReadersOpened() {
    std::lock_guard<std::mutex> lock(readers_mu_);
    return readers_opened_;
  }
  // While set, every COMMIT is refused (via the commit hook), as a failing disk would.
  void FailCommitsForTest(bool fail) { fail_commits_.store(fail); }

 private:
  SqliteStore(const SqliteOptions& options, std::unique_ptr<Connection> writer);

  void RunGroup(std::vector<internal::PendingWrite>& group);
  // One indexing batch on the writer connection; true when more rows may be pending.
  bool IndexAuditBatch();
  void FailGroup(std::vector<internal::PendingWrite>& group, const AwsError& error);
  void Publish(const std::vector<Change>& changes);
  void SetHealth(bool writable, std::string detail);
  // An idle reader, a newly opened one while fewer than reader_pool exist, or waits.
  Result<std::unique_ptr<Connection>> AcquireReader();
  static Result<std::unique_ptr<Connection>> OpenReader(const std::string& path);
  void ReleaseReader(std::unique_ptr<Connection> conn);
  static int CommitHook(void* self);
  static int WalHook(void* self, sqlite3* db, const char* name, int pages);

  const Clock& clock_;
  const std::string path_;
  const size_t reader_pool_;
  std::unique_ptr<Connection> writer_conn_;  // writer thread only
  std::unique_ptr<Checkpointer> checkpointer_;
  AuditIndexer indexer_{*writer_conn_};
  size_t unindexed_hint_ = 1;  // writer thread only; unknown at open, so check once

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  size_t readers_out_ = 0;
  size_t readers_opened_ = 0;
  bool readers_closed_ = false;

  mutable std::mutex health_mu_;
  StoreHealth health_;

  std::mutex listeners_mu_;
  std::vector<ChangeListener> listeners_;

  std::atomic<bool> fail_commits_{false};
  std::mutex close_mu_;
  bool closed_ = false;
  std::unique_ptr<internal::GroupWriter> writer_;  // last: its thread uses everything above
};

}  // namespace rampart::store::sqlite
