// Versioned schema migrations for the SQLite store, applied in order at open.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/sqlite/connection.h"

namespace rampart::store::sqlite {

struct Migration {
  int version;       // strictly ascending, starting at 1
  std::string name;  // recorded in schema_migrations
  std::string sql;   // one or more statements
};

// The schema of this build, oldest step first.
const std::vector<Migration>& SchemaMigrations();

// The highest version recorded in schema_migrations (0 for a fresh database).
Result<int> SchemaVersion(Connection& conn);

// In one IMMEDIATE transaction: refuses a database newer than the last step, then applies
// every step above the recorded version. Returns the resulting version.
Result<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& steps, int64_t now_ms);

}  // namespace rampart::store::sqlite
