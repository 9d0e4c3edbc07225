// Connection: one sqlite3 handle with its cache of prepared statements (single-threaded use).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"

namespace rampart::store::sqlite {

// Turns an SQLite result code into the client-facing error (no paths, no SQL, no data).
AwsError StorageError(int rc, std::string_view what);

// A prepared statement borrowed from the cache; reset and unbound when the Stmt goes away.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  void BindText(int index, std::string_view text);
  void BindBlob(int index, std::string_view bytes);
  void BindOptionalBlob(int index, const std::optional<std::string>& bytes);
  void BindInt(int index, int64_t value);
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }
  // Makes the statement runnable again (bindings kept).
  void reset() { sqlite3_reset(stmt_); }

  std::string ColumnText(int col) const;
  std::optional<std::string> ColumnOptionalBlob(int col) const;
  int64_t ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens (creating when `create`) the database at path and applies the per-connection pragmas.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  // Runs one or more statements without results; returns the SQLite result code.
  int Exec(const std::string& sql);
  // A cached prepared statement, or the error from preparing it.
  Result<std::unique_ptr<Stmt>> Prepare(const std::string& sql);
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace rampart::store::sqlite
