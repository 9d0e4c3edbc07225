// SqliteStore: opening + migrating, group commit on the writer thread, the lazily opened
// reader pool, off-commit-path checkpoints, Close.
#include "store/sqlite/sqlite_store.h"

#include <future>
#include <utility>

#include "store/internal/errors.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_txn.h"

namespace rampart::store::sqlite {
namespace {

const Clock& DefaultClock() {
  static const SystemClock clock;
  return clock;
}

Status EnableWal(Connection& conn) {
  RAMPART_ASSIGN_OR_RETURN(auto stmt, conn.Prepare("PRAGMA journal_mode=WAL"));
  int rc = stmt->Step();
  if (rc != SQLITE_ROW) return StorageError(rc, "enabling write-ahead logging");
  if (stmt->ColumnText(0) != "wal") {
    return internal::Unavailable(
        "Storage is unavailable: write-ahead logging is not supported "
        "on the database's filesystem.");
  }
  return Status::Ok();
}

// Writer-only tuning. Checkpoints are taken off the commit path (see Checkpointer): the
// writer never runs one itself. A bigger page cache keeps the hot B-tree pages of
// audit_events / audit_lookup / changes resident.
Status TuneWriter(Connection& conn) {
  int rc = conn.Exec(
      "PRAGMA wal_autocheckpoint=0;"
      "PRAGMA cache_size=-32768;");
  if (rc != SQLITE_OK) return StorageError(rc, "configuring the database");
  return Status::Ok();
}

// Applies pending migrations; an up-to-date database is only read (no write transaction,
// hence no WAL frame and no fsync at open).
Status Migrate(Connection& conn, int64_t now_ms) {
  const std::vector<Migration>& steps = SchemaMigrations();
  auto exists =
      conn.Prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  if (exists.ok() && (*exists)->Step() == SQLITE_ROW) {
    (*exists)->reset();
    auto version = SchemaVersion(conn);
    if (version.ok() && *version == steps.back().version) return Status::Ok();
  }
  RAMPART_TRY(ApplyMigrations(conn, steps, now_ms));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  if (options.path.empty()) return AwsError::Internal("store: empty database path");
  const Clock& clock = options.clock != nullptr ? *options.clock : DefaultClock();
  RAMPART_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.path, /*create=*/true));
  RAMPART_TRY(EnableWal(*writer));
  RAMPART_TRY(TuneWriter(*writer));
  RAMPART_TRY(Migrate(*writer, clock.NowEpochMillis()));
  return std::unique_ptr<SqliteStore>(new SqliteStore(options, std::move(writer)));
}

SqliteStore::SqliteStore(const SqliteOptions& options, std::unique_ptr<Connection> writer)
    : clock_(options.clock != nullptr ? *options.clock : DefaultClock()),
      path_(options.path),
      reader_pool_(options.reader_pool == 0 ? 1 : options.reader_pool),
      writer_conn_(std::move(writer)),
      checkpointer_(std::make_unique<Checkpointer>(options.path, kCheckpointPages)) {
  health_.backend = "sqlite";
  sqlite3_commit_hook(writer_conn_->db(), &SqliteStore::CommitHook, this);
  sqlite3_wal_hook(writer_conn_->db(), &SqliteStore::WalHook, this);
  writer_ = std::make_unique<internal::GroupWriter>(
      options.max_group, [this](std::vector<internal::PendingWrite>& g) { RunGroup(g); },
      [this] { return IndexAuditBatch(); });
}

SqliteStore::~SqliteStore() { Close(); }

int SqliteStore::CommitHook(void* self) {
  return static_cast<SqliteStore*>(self)->fail_commits_.load() ? 1 : 0;
}

int SqliteStore::WalHook(void* self, sqlite3*, const char*, int pages) {
  static_cast<SqliteStore*>(self)->checkpointer_->Notify(pages);
  return SQLITE_OK;
}

void SqliteStore::AppendAudit(AuditRecord record, std::function<void(Status)> done) {
  internal::PendingWrite item;
  item.done = std::move(done);
  item.audit_only = true;
  item.audit = std::move(record);
  if (writer_->Enqueue(item)) return;
  if (item.done) item.done(internal::ClosedError());
}

void SqliteStore::Write(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) {
  internal::PendingWrite item{std::move(fn), std::move(done), nullptr};
  if (writer_->Enqueue(item)) return;
  if (item.done) item.done(internal::ClosedError());
}

void SqliteStore::RunGroup(std::vector<internal::PendingWrite>& group) {
  Connection& conn = *writer_conn_;
  int rc = conn.Exec("BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) {
    if (conn.InTransaction()) conn.Exec("ROLLBACK");
    FailGroup(group, StorageError(rc, "starting a write transaction"));
    return;
  }
  SqliteWriteTxn txn(conn, clock_);
  std::vector<Status> results;
  results.reserve(group.size());
  for (auto& item : group) {
    // Audit appends skip the savepoint: a single INSERT, undone alone by SQLite's statement
    // rollback when it fails.
    results.push_back(item.audit_only ? txn.RunAuditItem(item.audit) : txn.RunItem(item.fn));
    if (!conn.InTransaction()) {  // SQLite rolled the whole transaction back (e.g. disk full)
      FailGroup(group, txn.storage_failure().value_or(
                           StorageError(SQLITE_ERROR, "the write transaction")));
      return;
    }
  }
  rc = conn.Exec("COMMIT");
  if (rc != SQLITE_OK) {
    if (conn.InTransaction()) conn.Exec("ROLLBACK");
    FailGroup(group, StorageError(rc, "committing a write transaction"));
    return;
  }
  if (txn.storage_failure()) {
    SetHealth(false, txn.storage_failure()->message);
  } else {
    SetHealth(true, "");
  }
  Publish(txn.changes());
  unindexed_hint_ += txn.audit_appended();
  if (unindexed_hint_ >= kIndexLag) IndexAuditBatch();  // bound the lag while busy
  for (size_t i = 0; i < group.size(); ++i) {
    if (!group[i].done) continue;
    try {
      group[i].done(std::move(results[i]));
    } catch (...) {  // a throwing callback must not kill the writer thread
    }
  }
}

bool SqliteStore::IndexAuditBatch() {
  if (unindexed_hint_ == 0) return false;
  Result<size_t> indexed = indexer_.Step(kIndexBatch);
  if (!indexed.ok()) return false;  // retried after the next group (rows stay pending)
  unindexed_hint_ = *indexed < kIndexBatch ? 0 : unindexed_hint_;
  return unindexed_hint_ != 0;
}

Status SqliteStore::IndexAuditNow() {
  return RunOnWriterConnection([this](Connection&) -> Status {
    for (;;) {
      RAMPART_ASSIGN_OR_RETURN(size_t indexed, indexer_.Step(kIndexBatch));
      if (indexed < kIndexBatch) break;
    }
    unindexed_hint_ = 0;
    return Status::Ok();
  });
}

void SqliteStore::FailGroup(std::vector<internal::PendingWrite>& group, const AwsError& error) {
  SetHealth(false, error.message);
  for (auto& item : group) {
    if (!item.done) continue;
    try {
      item.done(error);
    } catch (...) {
    }
  }
}

void SqliteStore::Publish(const std::vector<Change>& changes) {
  if (changes.empty()) return;
  std::vector<ChangeListener> listeners;
  {
    std::lock_guard<std::mutex> lock(listeners_mu_);
    listeners = listeners_;
  }
  for (auto& listener : listeners) {
    try {
      listener(changes);
    } catch (...) {
    }
  }
}

void SqliteStore::SetHealth(bool writable, std::string detail) {
  std::lock_guard<std::mutex> lock(health_mu_);
  health_.writable = writable;
  health_.detail = std::move(detail);
}

StoreHealth SqliteStore::Health() const {
  std::lock_guard<std::mutex> lock(health_mu_);
  return health_;
}

void SqliteStore::Subscribe(ChangeListener listener) {
  std::lock_guard<std::mutex> lock(listeners_mu_);
  listeners_.push_back(std::move(listener));
}

Result<std::unique_ptr<Connection>> SqliteStore::AcquireReader() {
  {
    std::unique_lock<std::mutex> lock(readers_mu_);
    readers_cv_.wait(lock, [this] {
      return readers_closed_ || !idle_readers_.empty() || readers_opened_ < reader_pool_;
    });
    if (readers_closed_) return internal::ClosedError();
    ++readers_out_;
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    ++readers_opened_;  // reserve a slot, open outside the lock
  }
  Result<std::unique_ptr<Connection>> opened = OpenReader(path_);
  if (!opened.ok()) {
    {
      std::lock_guard<std::mutex> lock(readers_mu_);
      --readers_opened_;
      --readers_out_;
    }
    readers_cv_.notify_all();
  }
  return opened;
}

Result<std::unique_ptr<Connection>> SqliteStore::OpenReader(const std::string& path) {
  RAMPART_ASSIGN_OR_RETURN(auto reader, Connection::Open(path, /*create=*/false));
  int rc = reader->Exec("PRAGMA query_only=1");
  if (rc != SQLITE_OK) return StorageError(rc, "configuring a reader connection");
  return reader;
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    idle_readers_.push_back(std::move(conn));
    --readers_out_;
  }
  readers_cv_.notify_all();
}

Status SqliteStore::Read(const std::function<Status(ReadTxn&)>& fn) {
  Result<std::unique_ptr<Connection>> acquired = AcquireReader();
  if (!acquired.ok()) return acquired.error();
  std::unique_ptr<Connection> conn = std::move(acquired).value();
  Status status;
  int rc = conn->Exec("BEGIN DEFERRED");
  if (rc != SQLITE_OK) {
    status = StorageError(rc, "starting a read transaction");
  } else {
    SqliteReadTxn txn(*conn);
    try {
      status = fn(txn);
    } catch (...) {
      status = AwsError::Internal("store: read function threw");
    }
  }
  if (conn->InTransaction()) conn->Exec("ROLLBACK");  // read-only: nothing to keep
  ReleaseReader(std::move(conn));
  return status;
}

Status SqliteStore::RunOnWriterConnection(const std::function<Status(Connection&)>& fn) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  internal::PendingWrite item;
  item.control = [this, promise, &fn] {
    try {
      promise->set_value(fn(*writer_conn_));
    } catch (...) {
      promise->set_value(AwsError::Internal("store: writer task threw"));
    }
  };
  if (!writer_->Enqueue(item)) return internal::ClosedError();
  return future.get();
}

void SqliteStore::Close() {
  std::lock_guard<std::mutex> lock(close_mu_);
  if (closed_) return;
  if (writer_->IsWriterThread()) {  // cannot join ourselves: stop intake, the destructor finishes
    writer_->Close();
    return;
  }
  writer_->Close();  // rejects new writes, drains + commits the queue
  {
    std::unique_lock<std::mutex> readers_lock(readers_mu_);
    readers_closed_ = true;
    readers_cv_.notify_all();
    readers_cv_.wait(readers_lock, [this] { return readers_out_ == 0; });
    idle_readers_.clear();
  }
  checkpointer_->Stop();
  while (IndexAuditBatch()) {  // the writer thread has stopped: its connection is ours
  }
  writer_conn_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  writer_conn_.reset();
  closed_ = true;
  SetHealth(false, "closed");
}

}  // namespace rampart::store::sqlite

namespace rampart::store {

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  RAMPART_ASSIGN_OR_RETURN(auto store, sqlite::SqliteStore::Open(options));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace rampart::store
