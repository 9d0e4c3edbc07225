// SqliteStore: the default Store backend (WAL, group commit on one writer thread, reader pool).
// Exposed beyond OpenSqliteStore only for tests and tools that need the hooks below.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/internal/group_writer.h"
#include "store/sqlite/connection.h"
#include "store/store.h"

namespace rampart::store::sqlite {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  ~SqliteStore() override;

  void Write(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) override;
  Status Read(const std::function<Status(ReadTxn&)>& fn) override;
  void Subscribe(ChangeListener listener) override;
  StoreHealth Health() const override;
  void Close() override;

  // Runs fn with the write connection on the writer thread, between groups (no transaction
  // open). For tests (e.g. PRAGMA max_page_count) and maintenance.
  Status RunOnWriterConnection(const std::function<Status(Connection&)>& fn);
  // While set, every COMMIT is refused (via the commit hook), as a failing disk would.
  void FailCommitsForTest(bool fail) { fail_commits_.store(fail); }

 private:
  SqliteStore(const SqliteOptions& options, std::unique_ptr<Connection> writer,
              std::vector<std::unique_ptr<Connection>> readers);

  void RunGroup(std::vector<internal::PendingWrite>& group);
  void FailGroup(std::vector<internal::PendingWrite>& group, const AwsError& error);
  void Publish(const std::vector<Change>& changes);
  void SetHealth(bool writable, std::string detail);
  std::unique_ptr<Connection> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> conn);
  static int CommitHook(void* self);

  const Clock& clock_;
  std::unique_ptr<Connection> writer_conn_;  // writer thread only

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  size_t readers_out_ = 0;
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
