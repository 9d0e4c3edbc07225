// SqliteStore: opening + migrating, group commit on the writer thread, the reader pool, Close.
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

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  if (options.path.empty()) return AwsError::Internal("store: empty database path");
  const Clock& clock = options.clock != nullptr ? *options.clock : DefaultClock();
  RAMPART_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.path, /*create=*/true));
  RAMPART_TRY(EnableWal(*writer));
  RAMPART_TRY(ApplyMigrations(*writer, SchemaMigrations(), clock.NowEpochMillis()));
  std::vector<std::unique_ptr<Connection>> readers;
  size_t pool = options.reader_pool == 0 ? 1 : options.reader_pool;
  for (size_t i = 0; i < pool; ++i) {
    RAMPART_ASSIGN_OR_RETURN(auto reader, Connection::Open(options.path, /*create=*/false));
    if (reader->Exec("PRAGMA query_only=1") != SQLITE_OK) {
      return AwsError::Internal("store: cannot configure a reader connection");
    }
    readers.push_back(std::move(reader));
  }
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(options, std::move(writer), std::move(readers)));
}

SqliteStore::SqliteStore(const SqliteOptions& options, std::unique_ptr<Connection> writer,
                         std::vector<std::unique_ptr<Connection>> readers)
    : clock_(options.clock != nullptr ? *options.clock : DefaultClock()),
      writer_conn_(std::move(writer)),
      idle_readers_(std::move(readers)) {
  health_.backend = "sqlite";
  sqlite3_commit_hook(writer_conn_->db(), &SqliteStore::CommitHook, this);
  writer_ = std::make_unique<internal::GroupWriter>(
      options.max_group, [this](std::vector<internal::PendingWrite>& g) { RunGroup(g); });
}

SqliteStore::~SqliteStore() { Close(); }

int SqliteStore::CommitHook(void* self) {
  return static_cast<SqliteStore*>(self)->fail_commits_.load() ? 1 : 0;
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
    results.push_back(txn.RunItem(item.fn));
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
  for (size_t i = 0; i < group.size(); ++i) {
    if (!group[i].done) continue;
    try {
      group[i].done(std::move(results[i]));
    } catch (...) {  // a throwing callback must not kill the writer thread
    }
  }
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

std::unique_ptr<Connection> SqliteStore::AcquireReader() {
  std::unique_lock<std::mutex> lock(readers_mu_);
  readers_cv_.wait(lock, [this] { return readers_closed_ || !idle_readers_.empty(); });
  if (readers_closed_) return nullptr;
  std::unique_ptr<Connection> conn = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  ++readers_out_;
  return conn;
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
  std::unique_ptr<Connection> conn = AcquireReader();
  if (!conn) return internal::ClosedError();
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
