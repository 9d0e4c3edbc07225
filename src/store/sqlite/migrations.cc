// The SQLite schema, as an ordered list of migration steps, and the code applying them.
#include "store/sqlite/migrations.h"

#include "store/internal/errors.h"

namespace rampart::store::sqlite {
namespace {

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL)";

AwsError Fail(int rc, std::string_view what) { return StorageError(rc, what); }

Result<int> ApplyInTxn(Connection& conn, const std::vector<Migration>& steps, int64_t now_ms) {
  int rc = conn.Exec(kCreateMigrationsTable);
  if (rc != SQLITE_OK) return Fail(rc, "creating schema_migrations");
  RAMPART_ASSIGN_OR_RETURN(int current, SchemaVersion(conn));
  int latest = steps.empty() ? 0 : steps.back().version;
  if (current > latest) {
    return internal::Unavailable("The database schema version " + std::to_string(current) +
                                 " is newer than this build supports (" + std::to_string(latest) +
                                 "); upgrade Rampart.");
  }
  int last = 0;
  for (const Migration& step : steps) {
    if (step.version <= last) return AwsError::Internal("store: migration steps out of order");
    last = step.version;
    if (step.version <= current) continue;
    rc = conn.Exec(step.sql);
    if (rc != SQLITE_OK) return Fail(rc, "schema migration " + std::to_string(step.version));
    RAMPART_ASSIGN_OR_RETURN(
        auto insert,
        conn.Prepare("INSERT INTO schema_migrations(version, name, applied_ms) VALUES(?,?,?)"));
    insert->BindInt(1, step.version);
    insert->BindText(2, step.name);
    insert->BindInt(3, now_ms);
    rc = insert->Step();
    if (rc != SQLITE_DONE) return Fail(rc, "recording schema migration");
    current = step.version;
  }
  return current;
}

}  // namespace

const std::vector<Migration>& SchemaMigrations() {
  static const std::vector<Migration> steps = {
      {1, "documents",
       "CREATE TABLE documents ("
       " collection TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL,"
       " PRIMARY KEY (collection, key)) WITHOUT ROWID;"},
      {2, "audit_events",
       "CREATE TABLE audit_events ("
       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
       " event_id TEXT NOT NULL UNIQUE,"
       " event_time_ms INTEGER NOT NULL,"
       " account_id TEXT NOT NULL,"
       " event_name TEXT NOT NULL,"
       " event_source TEXT NOT NULL,"
       " username TEXT NOT NULL,"
       " access_key_id TEXT NOT NULL,"
       " read_only INTEGER NOT NULL,"
       " resource_type TEXT NOT NULL,"
       " resource_name TEXT NOT NULL,"
       " json TEXT NOT NULL);"
       // LookupEvents: newest first within an account, optionally by one attribute.
       "CREATE INDEX audit_by_time ON audit_events(account_id, event_time_ms DESC, seq DESC);"
       "CREATE INDEX audit_by_name ON audit_events(account_id, event_name, event_time_ms DESC);"
       "CREATE INDEX audit_by_source ON audit_events(account_id, event_source, event_time_ms "
       "DESC);"
       "CREATE INDEX audit_by_user ON audit_events(account_id, username, event_time_ms DESC);"
       "CREATE INDEX audit_by_key ON audit_events(account_id, access_key_id, event_time_ms "
       "DESC);"
       "CREATE INDEX audit_by_read_only ON audit_events(account_id, read_only, event_time_ms "
       "DESC);"
       "CREATE INDEX audit_by_resource_type ON audit_events(account_id, resource_type, "
       "event_time_ms DESC);"
       "CREATE INDEX audit_by_resource_name ON audit_events(account_id, resource_name, "
       "event_time_ms DESC);"
       // Time-window pruning and cross-account scans.
       "CREATE INDEX audit_by_global_time ON audit_events(event_time_ms);"},
      {3, "changes",
       "CREATE TABLE changes ("
       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
       " time_ms INTEGER NOT NULL,"
       " collection TEXT NOT NULL,"
       " key TEXT NOT NULL,"
       " before BLOB,"
       " after BLOB);"},
      // Slim audit rows: the hot insert touched 10 B-trees (table, UNIQUE event_id and 8
      // LookupEvents indexes). Now it touches the table and the event_id index (duplicate
      // refusal, EventId lookups). LookupEvents attributes live in audit_lookup, one row per
      // non-empty attribute (codes: AuditAttr in audit_indexer.h), filled after commit by
      // AuditIndexer up to audit_lookup_state.last_seq. Unfiltered listings and time-window
      // pruning walk audit_events by seq, whose order is arrival order (~ time order).
      {4, "audit_slim",
       "CREATE TABLE audit_events_v4 ("
       " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
       " event_id TEXT NOT NULL UNIQUE,"
       " event_time_ms INTEGER NOT NULL,"
       " account_id TEXT NOT NULL,"
       " event_name TEXT NOT NULL,"
       " event_source TEXT NOT NULL,"
       " username TEXT NOT NULL,"
       " access_key_id TEXT NOT NULL,"
       " read_only INTEGER NOT NULL,"
       " resource_type TEXT NOT NULL,"
       " resource_name TEXT NOT NULL,"
       " json TEXT NOT NULL);"
       "INSERT INTO audit_events_v4 SELECT seq, event_id, event_time_ms, account_id, event_name,"
       " event_source, username, access_key_id, read_only, resource_type, resource_name, json"
       " FROM audit_events ORDER BY seq;"
       // Keep the AUTOINCREMENT high-water mark: seq values are never reused.
       "DELETE FROM sqlite_sequence WHERE name='audit_events_v4';"
       "INSERT INTO sqlite_sequence(name, seq)"
       " SELECT 'audit_events_v4', seq FROM sqlite_sequence WHERE name='audit_events';"
       "DROP TABLE audit_events;"
       "ALTER TABLE audit_events_v4 RENAME TO audit_events;"
       "CREATE TABLE audit_lookup ("
       " account_id TEXT NOT NULL,"
       " attr INTEGER NOT NULL,"
       " value TEXT NOT NULL,"
       " event_time_ms INTEGER NOT NULL,"
       " seq INTEGER NOT NULL,"
       " PRIMARY KEY (account_id, attr, value, event_time_ms, seq)) WITHOUT ROWID;"
       "INSERT INTO audit_lookup"
       " SELECT account_id, 1, event_name, event_time_ms, seq FROM audit_events"
       "  WHERE event_name <> ''"
       " UNION ALL SELECT account_id, 2, username, event_time_ms, seq FROM audit_events"
       "  WHERE username <> ''"
       " UNION ALL SELECT account_id, 3, event_source, event_time_ms, seq FROM audit_events"
       "  WHERE event_source <> ''"
       " UNION ALL SELECT account_id, 4, access_key_id, event_time_ms, seq FROM audit_events"
       "  WHERE access_key_id <> ''"
       " UNION ALL SELECT account_id, 5, CASE read_only WHEN 0 THEN 'false' ELSE 'true' END,"
       "  event_time_ms, seq FROM audit_events"
       " UNION ALL SELECT account_id, 6, resource_type, event_time_ms, seq FROM audit_events"
       "  WHERE resource_type <> ''"
       " UNION ALL SELECT account_id, 7, resource_name, event_time_ms, seq FROM audit_events"
       "  WHERE resource_name <> '';"
       "CREATE TABLE audit_lookup_state ("
       " id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL);"
       "INSERT INTO audit_lookup_state(id, last_seq)"
       " SELECT 1, COALESCE(MAX(seq), 0) FROM audit_events;"},
  };
  return steps;
}

Result<int> SchemaVersion(Connection& conn) {
  RAMPART_ASSIGN_OR_RETURN(auto stmt,
                           conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  int rc = stmt->Step();
  if (rc != SQLITE_ROW) return Fail(rc, "reading the schema version");
  return static_cast<int>(stmt->ColumnInt(0));
}

Result<int> ApplyMigrations(Connection& conn, const std::vector<Migration>& steps, int64_t now_ms) {
  int rc = conn.Exec("BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) return Fail(rc, "starting the schema migration");
  Result<int> result = ApplyInTxn(conn, steps, now_ms);
  if (!result.ok()) {
    conn.Exec("ROLLBACK");
    return result;
  }
  rc = conn.Exec("COMMIT");
  if (rc != SQLITE_OK) {
    conn.Exec("ROLLBACK");
    return Fail(rc, "committing the schema migration");
  }
  return result;
}

}  // namespace rampart::store::sqlite
