// Connection: sqlite3 handle lifetime, pragmas, and the prepared-statement cache.
#include "store/sqlite/connection.h"

#include "store/internal/errors.h"

namespace rampart::store::sqlite {

AwsError StorageError(int rc, std::string_view what) {
  std::string message = "Storage is unavailable: ";
  message += what;
  message += " failed (";
  message += sqlite3_errstr(rc);
  message += ").";
  return internal::Unavailable(std::move(message));
}

Stmt::~Stmt() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Stmt::BindText(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.empty() ? "" : text.data(), text.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
}

void Stmt::BindBlob(int index, std::string_view bytes) {
  // A non-null pointer keeps an empty value a zero-length blob rather than NULL.
  sqlite3_bind_blob64(stmt_, index, bytes.empty() ? "" : bytes.data(), bytes.size(),
                      SQLITE_TRANSIENT);
}

void Stmt::BindOptionalBlob(int index, const std::optional<std::string>& bytes) {
  if (!bytes) {
    sqlite3_bind_null(stmt_, index);
    return;
  }
  BindBlob(index, *bytes);
}

void Stmt::BindInt(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

std::string Stmt::ColumnText(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string() : std::string(p, static_cast<size_t>(n));
}

std::optional<std::string> Stmt::ColumnOptionalBlob(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string() : std::string(p, static_cast<size_t>(n));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<Connection> conn(new Connection(db));  // owns db even when open failed
  if (rc != SQLITE_OK) return StorageError(rc, "opening the database");
  sqlite3_extended_result_codes(db, 1);
  rc = conn->Exec(
      "PRAGMA busy_timeout=5000;"
      "PRAGMA foreign_keys=ON;"
      "PRAGMA synchronous=FULL;"
      "PRAGMA temp_store=MEMORY;");
  if (rc != SQLITE_OK) return StorageError(rc, "configuring the database");
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

int Connection::Exec(const std::string& sql) {
  return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
}

Result<std::unique_ptr<Stmt>> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return StorageError(rc, "preparing a statement");
    }
    it = cache_.emplace(sql, stmt).first;
  }
  return std::make_unique<Stmt>(it->second);
}

}  // namespace rampart::store::sqlite
