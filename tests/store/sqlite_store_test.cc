// SQLite-backend tests: reopen, pragmas, commit and disk-full failures, migrations, reader
// pool, snapshots, and crash durability under SIGKILL.
#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "common/clock.h"
#include "store/sqlite/migrations.h"
#include "store/store.h"
#include "temp_dir.h"

namespace rampart::store::sqlite {
namespace {

using testing::TempDir;

std::unique_ptr<SqliteStore> OpenOrDie(const std::string& path, size_t readers = 2) {
  SqliteOptions options;
  options.path = path;
  options.reader_pool = readers;
  auto store = SqliteStore::Open(options);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return nullptr;
  return std::move(store).value();
}

std::optional<std::string> Get(Store& store, std::string_view c, std::string_view k) {
  std::optional<std::string> out;
  EXPECT_TRUE(store
                  .Read([&](ReadTxn& txn) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(out, txn.Get(c, k));
                    return Status::Ok();
                  })
                  .ok());
  return out;
}

// Runs a single-value query on the writer connection.
std::string QueryOnWriter(SqliteStore& store, const std::string& sql) {
  std::string out;
  Status s = store.RunOnWriterConnection([&](Connection& conn) -> Status {
    RAMPART_ASSIGN_OR_RETURN(auto stmt, conn.Prepare(sql));
    if (stmt->Step() != SQLITE_ROW) return AwsError::Internal("no row");
    out = stmt->ColumnText(0);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  return out;
}

Status ExecOnWriter(SqliteStore& store, const std::string& sql) {
  return store.RunOnWriterConnection([&](Connection& conn) -> Status {
    int rc = conn.Exec(sql);
    if (rc != SQLITE_OK) return StorageError(rc, "test statement");
    return Status::Ok();
  });
}

TEST(SqliteStoreTest, PragmasAreApplied) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryOnWriter(*store, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryOnWriter(*store, "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(QueryOnWriter(*store, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(QueryOnWriter(*store, "PRAGMA busy_timeout"), "5000");
  EXPECT_EQ(QueryOnWriter(*store, "PRAGMA temp_store"), "2");          // MEMORY
  EXPECT_EQ(QueryOnWriter(*store, "PRAGMA wal_autocheckpoint"), "0");  // never on commit
  EXPECT_EQ(store->Health().backend, "sqlite");
}

TEST(SqliteStoreTest, ReopenAfterCloseKeepsEverything) {
  TempDir dir;
  std::string path = dir.File("db");
  uint64_t last_change = 0;
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store
                    ->WriteSync([](WriteTxn& txn) -> Status {
                      RAMPART_TRY(txn.Put("users", "alice", "A"));
                      RAMPART_TRY(txn.Put("users", "bob", "B"));
                      RAMPART_TRY(txn.Erase("users", "bob"));
                      AuditRecord r;
                      r.event_id = "e1";
                      r.event_name = "CreateUser";
                      r.json = "{}";
                      return txn.AppendAudit(r);
                    })
                    .ok());
    ASSERT_TRUE(store
                    ->Read([&](ReadTxn& txn) -> Status {
                      RAMPART_ASSIGN_OR_RETURN(auto changes, txn.ScanChanges(0, 10));
                      if (changes.size() != 3) return AwsError::Internal("changes");
                      last_change = changes.back().seq;
                      return Status::Ok();
                    })
                    .ok());
    store->Close();
    std::error_code ec;
    auto wal_size = std::filesystem::file_size(path + "-wal", ec);
    EXPECT_TRUE(ec || wal_size == 0) << "WAL not checkpointed on Close";
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Get(*store, "users", "alice"), "A");
  EXPECT_FALSE(Get(*store, "users", "bob").has_value());
  ASSERT_TRUE(store->WriteSync([](WriteTxn& txn) { return txn.Put("users", "carol", "C"); }).ok());
  ASSERT_TRUE(store
                  ->Read([&](ReadTxn& txn) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(auto audit, txn.ScanAudit(0, 10));
                    EXPECT_EQ(audit.size(), 1u);
                    RAMPART_ASSIGN_OR_RETURN(auto changes, txn.ScanChanges(0, 10));
                    EXPECT_EQ(changes.size(), 4u);
                    EXPECT_GT(changes.back().seq, last_change);
                    return Status::Ok();
                  })
                  .ok());
}

TEST(SqliteStoreTest, FailedCommitFailsWholeGroupAndStoreRecovers) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->WriteSync([](WriteTxn& txn) { return txn.Put("c", "before", "1"); }).ok());
  int feed_calls = 0;
  store->Subscribe([&](const std::vector<Change>&) { ++feed_calls; });

  store->FailCommitsForTest(true);
  std::promise<void> gate;
  std::shared_future<void> open = gate.get_future().share();
  store->Write(
      [open](WriteTxn&) {
        open.wait();
        return Status::Ok();
      },
      nullptr);
  std::vector<std::promise<Status>> acks(3);
  for (int i = 0; i < 3; ++i) {
    store->Write([i](WriteTxn& txn) { return txn.Put("c", "k" + std::to_string(i), "v"); },
                 [&acks, i](Status s) { acks[i].set_value(s); });
  }
  gate.set_value();
  for (auto& ack : acks) {
    Status s = ack.get_future().get();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "ServiceUnavailable");
    EXPECT_EQ(s.error().http_status, 503);
    EXPECT_EQ(s.error().fault, Fault::kReceiver);
    EXPECT_EQ(s.error().message.find(dir.path()), std::string::npos);
  }
  StoreHealth health = store->Health();
  EXPECT_FALSE(health.writable);
  EXPECT_FALSE(health.detail.empty());
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(Get(*store, "c", "k" + std::to_string(i)).has_value());
  EXPECT_EQ(Get(*store, "c", "before"), "1");  // reads still served
  EXPECT_EQ(feed_calls, 0);

  store->FailCommitsForTest(false);
  ASSERT_TRUE(store->WriteSync([](WriteTxn& txn) { return txn.Put("c", "after", "1"); }).ok());
  EXPECT_TRUE(store->Health().writable);
  EXPECT_TRUE(store->Health().detail.empty());
  EXPECT_EQ(feed_calls, 1);
  size_t change_count = 0;
  ASSERT_TRUE(store
                  ->Read([&](ReadTxn& txn) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(auto changes, txn.ScanChanges(0, 100));
                    change_count = changes.size();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(change_count, 2u);  // "before" and "after" only
}

TEST(SqliteStoreTest, FailedCommitFailsAuditAppendsOfTheGroupWith503) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->AppendAuditSync(AuditRecord{.event_id = "kept", .json = "{}"}).ok());
  store->FailCommitsForTest(true);
  std::promise<void> gate;
  std::shared_future<void> open = gate.get_future().share();
  store->Write(
      [open](WriteTxn&) {
        open.wait();
        return Status::Ok();
      },
      nullptr);
  std::vector<std::promise<Status>> acks(4);
  for (int i = 0; i < 3; ++i) {
    store->AppendAudit(AuditRecord{.event_id = "lost-" + std::to_string(i), .json = "{}"},
                       [&acks, i](Status s) { acks[i].set_value(s); });
  }
  store->Write([](WriteTxn& txn) { return txn.Put("c", "lost", "v"); },
               [&acks](Status s) { acks[3].set_value(s); });
  gate.set_value();
  for (auto& ack : acks) {
    Status s = ack.get_future().get();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "ServiceUnavailable");
    EXPECT_EQ(s.error().http_status, 503);
  }
  store->FailCommitsForTest(false);
  ASSERT_TRUE(store->AppendAuditSync(AuditRecord{.event_id = "after", .json = "{}"}).ok());
  std::vector<std::string> ids;
  ASSERT_TRUE(store
                  ->Read([&](ReadTxn& txn) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(auto audit, txn.ScanAudit(0, 100));
                    for (auto& r : audit) ids.push_back(r.event_id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"kept", "after"}));
  EXPECT_FALSE(Get(*store, "c", "lost").has_value());
}

TEST(SqliteStoreTest, DiskFullFailsAuditAppendWith503AndRecovers) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(ExecOnWriter(*store, "PRAGMA max_page_count=1").ok());
  Status s =
      store->AppendAuditSync(AuditRecord{.event_id = "big", .json = std::string(256 * 1024, 'j')});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "ServiceUnavailable");
  EXPECT_EQ(s.error().http_status, 503);
  EXPECT_FALSE(store->Health().writable);
  ASSERT_TRUE(ExecOnWriter(*store, "PRAGMA max_page_count=1073741823").ok());
  ASSERT_TRUE(
      store->AppendAuditSync(AuditRecord{.event_id = "big", .json = std::string(256 * 1024, 'j')})
          .ok());
  EXPECT_TRUE(store->Health().writable);
  EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_events"), "1");
}

TEST(SqliteStoreTest, ReadersAreOpenedOnFirstUse) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"), /*readers=*/4);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->ReadersOpened(), 0u);
  EXPECT_FALSE(Get(*store, "c", "k").has_value());
  EXPECT_FALSE(Get(*store, "c", "k").has_value());
  EXPECT_EQ(store->ReadersOpened(), 1u);  // reused, not reopened
}

TEST(SqliteStoreTest, AuditLookupIsFilledAfterCommitAndSurvivesReopen) {
  TempDir dir;
  std::string path = dir.File("db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    AuditRecord full{.event_id = "e1",
                     .event_time_ms = 1000,
                     .account_id = "111122223333",
                     .event_name = "GetUser",
                     .event_source = "iam.amazonaws.com",
                     .username = "alice",
                     .access_key_id = "AKIDALICE",
                     .read_only = true,
                     .resource_type = "AWS::IAM::User",
                     .resource_name = "bob",
                     .json = "{}"};
    AuditRecord sparse{.event_id = "e2",
                       .event_time_ms = 2000,
                       .account_id = "111122223333",
                       .event_name = "CreateUser",
                       .json = "{}"};
    ASSERT_TRUE(store->AppendAuditSync(full).ok());
    ASSERT_TRUE(store->WriteSync([&](WriteTxn& txn) { return txn.AppendAudit(sparse); }).ok());
    ASSERT_TRUE(store->IndexAuditNow().ok());
    EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_lookup"), "9");  // 7 + 2
    EXPECT_EQ(QueryOnWriter(*store,
                            "SELECT group_concat(value, ',') FROM (SELECT value FROM audit_lookup"
                            " WHERE seq=(SELECT seq FROM audit_events WHERE event_id='e2')"
                            " ORDER BY attr)"),
              "CreateUser,false");
    EXPECT_EQ(QueryOnWriter(*store,
                            "SELECT e.event_id FROM audit_lookup l JOIN audit_events e USING(seq)"
                            " WHERE l.account_id='111122223333' AND l.attr=2 AND"
                            " l.value='alice'"),
              "e1");
    EXPECT_EQ(QueryOnWriter(*store, "SELECT last_seq FROM audit_lookup_state"),
              QueryOnWriter(*store, "SELECT MAX(seq) FROM audit_events"));
    // Appended but not yet indexed: Close indexes the rest.
    ASSERT_TRUE(store
                    ->AppendAuditSync(AuditRecord{.event_id = "e3",
                                                  .account_id = "111122223333",
                                                  .event_name = "ListUsers",
                                                  .json = "{}"})
                    .ok());
    store->Close();
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->IndexAuditNow().ok());  // nothing left: no duplicates, no error
  EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_lookup"), "11");
  EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_lookup WHERE value='ListUsers'"),
            "1");
}

TEST(SqliteStoreTest, AuditIndexCatchesUpInBatchesWhileBusy) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  constexpr int kEvents = static_cast<int>(SqliteStore::kIndexLag) + 100;
  std::vector<std::promise<Status>> acks(kEvents);
  for (int i = 0; i < kEvents; ++i) {
    store->AppendAudit(AuditRecord{.event_id = "ev" + std::to_string(i),
                                   .account_id = "1",
                                   .event_name = "E",
                                   .json = "{}"},
                       [&acks, i](Status s) { acks[i].set_value(s); });
  }
  for (auto& ack : acks) ASSERT_TRUE(ack.get_future().get().ok());
  ASSERT_TRUE(store->IndexAuditNow().ok());
  // Two rows per event (EventName, ReadOnly), each exactly once.
  EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_lookup"),
            std::to_string(2 * kEvents));
  EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(DISTINCT seq) FROM audit_lookup"),
            std::to_string(kEvents));
}

TEST(SqliteStoreTest, DiskFullGivesClearErrorReadsContinueAndRecovers) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->WriteSync([](WriteTxn& txn) { return txn.Put("c", "keep", "1"); }).ok());
  // Cap the file at its current size: any write needing a new page hits SQLITE_FULL.
  ASSERT_TRUE(ExecOnWriter(*store, "PRAGMA max_page_count=1").ok());
  std::string big(512 * 1024, 'x');
  Status s = store->WriteSync([&](WriteTxn& txn) { return txn.Put("c", "big", big); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "ServiceUnavailable");
  EXPECT_EQ(s.error().http_status, 503);
  EXPECT_NE(s.error().message.find("full"), std::string::npos) << s.error().message;
  EXPECT_EQ(s.error().message.find(dir.path()), std::string::npos);
  // Even a write that swallows the error is failed, not half-committed.
  Status swallowed = store->WriteSync([&](WriteTxn& txn) {
    (void)txn.Put("c", "big2", big);
    return Status::Ok();
  });
  ASSERT_FALSE(swallowed.ok());
  EXPECT_EQ(swallowed.error().code, "ServiceUnavailable");
  EXPECT_FALSE(store->Health().writable);
  EXPECT_NE(store->Health().detail.find("full"), std::string::npos);
  EXPECT_EQ(Get(*store, "c", "keep"), "1");
  EXPECT_FALSE(Get(*store, "c", "big").has_value());
  EXPECT_FALSE(Get(*store, "c", "big2").has_value());

  ASSERT_TRUE(ExecOnWriter(*store, "PRAGMA max_page_count=1073741823").ok());
  ASSERT_TRUE(store->WriteSync([&](WriteTxn& txn) { return txn.Put("c", "big", big); }).ok());
  EXPECT_TRUE(store->Health().writable);
  EXPECT_EQ(Get(*store, "c", "big"), big);
}

TEST(SqliteStoreTest, ReadSeesOneSnapshotWhileWritesCommit) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->WriteSync([](WriteTxn& txn) { return txn.Put("c", "k", "old"); }).ok());
  std::optional<std::string> first, second;
  Status s = store->Read([&](ReadTxn& txn) -> Status {
    RAMPART_ASSIGN_OR_RETURN(first, txn.Get("c", "k"));
    RAMPART_TRY(store->WriteSync([](WriteTxn& w) { return w.Put("c", "k", "new"); }));
    RAMPART_ASSIGN_OR_RETURN(second, txn.Get("c", "k"));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(first, "old");
  EXPECT_EQ(second, "old");
  EXPECT_EQ(Get(*store, "c", "k"), "new");
}

TEST(SqliteStoreTest, ReaderPoolBlocksWhenExhausted) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("db"), /*readers=*/1);
  ASSERT_NE(store, nullptr);
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::thread holder([&] {
    (void)store->Read([&](ReadTxn&) {
      holding.set_value();
      released.wait();
      return Status::Ok();
    });
  });
  holding.get_future().wait();
  std::atomic<bool> second_ran{false};
  std::thread waiter([&] {
    (void)store->Read([&](ReadTxn&) {
      second_ran.store(true);
      return Status::Ok();
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(second_ran.load());
  release.set_value();
  holder.join();
  waiter.join();
  EXPECT_TRUE(second_ran.load());
}

TEST(SqliteStoreTest, OpenFailuresAreErrorsWithoutPaths) {
  TempDir dir;
  SqliteOptions missing_dir;
  missing_dir.path = dir.File("no/such/dir/db");
  auto r = OpenSqliteStore(missing_dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find(dir.path()), std::string::npos);

  std::string junk = dir.File("junk");
  std::ofstream(junk) << std::string(8192, 'j');
  SqliteOptions not_db;
  not_db.path = junk;
  EXPECT_FALSE(OpenSqliteStore(not_db).ok());

  EXPECT_FALSE(OpenSqliteStore(SqliteOptions{}).ok());
}

// --- migrations ---------------------------------------------------------------------------

std::unique_ptr<Connection> RawOpen(const std::string& path) {
  auto conn = Connection::Open(path, true);
  EXPECT_TRUE(conn.ok());
  return conn.ok() ? std::move(conn).value() : nullptr;
}

bool TableExists(Connection& conn, const std::string& name) {
  auto stmt = conn.Prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1");
  if (!stmt.ok()) return false;
  (*stmt)->BindText(1, name);
  return (*stmt)->Step() == SQLITE_ROW;
}

TEST(SqliteMigrationsTest, FreshOpenReachesLatestVersion) {
  TempDir dir;
  std::string path = dir.File("db");
  OpenOrDie(path)->Close();
  auto conn = RawOpen(path);
  ASSERT_NE(conn, nullptr);
  auto version = SchemaVersion(*conn);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, SchemaMigrations().back().version);
  for (const char* t : {"documents", "audit_events", "changes", "schema_migrations", "audit_lookup",
                        "audit_lookup_state"}) {
    EXPECT_TRUE(TableExists(*conn, t)) << t;
  }
}

TEST(SqliteMigrationsTest, UpgradesStepByStepAndIsIdempotent) {
  TempDir dir;
  auto conn = RawOpen(dir.File("db"));
  ASSERT_NE(conn, nullptr);
  std::vector<Migration> first(SchemaMigrations().begin(), SchemaMigrations().begin() + 1);
  auto v1 = ApplyMigrations(*conn, first, 1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(*v1, 1);
  EXPECT_TRUE(TableExists(*conn, "documents"));
  EXPECT_FALSE(TableExists(*conn, "changes"));
  auto all = ApplyMigrations(*conn, SchemaMigrations(), 2);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, SchemaMigrations().back().version);
  EXPECT_TRUE(TableExists(*conn, "changes"));
  auto again = ApplyMigrations(*conn, SchemaMigrations(), 3);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *all);
}

TEST(SqliteMigrationsTest, FailingStepRollsBackEverything) {
  TempDir dir;
  auto conn = RawOpen(dir.File("db"));
  ASSERT_NE(conn, nullptr);
  std::vector<Migration> steps = {SchemaMigrations()[0], {2, "broken", "CREATE TABLE ("}};
  EXPECT_FALSE(ApplyMigrations(*conn, steps, 1).ok());
  EXPECT_FALSE(TableExists(*conn, "documents"));
  EXPECT_FALSE(conn->InTransaction());
  std::vector<Migration> disordered = {{2, "b", "SELECT 1"}, {1, "a", "SELECT 1"}};
  EXPECT_FALSE(ApplyMigrations(*conn, disordered, 1).ok());
}

TEST(SqliteMigrationsTest, Version3AuditTableUpgradesKeepingRowsAndSeq) {
  TempDir dir;
  std::string path = dir.File("db");
  {
    auto conn = RawOpen(path);
    ASSERT_NE(conn, nullptr);
    ASSERT_EQ(conn->Exec("PRAGMA journal_mode=WAL"), SQLITE_OK);
    std::vector<Migration> v3(SchemaMigrations().begin(), SchemaMigrations().begin() + 3);
    ASSERT_EQ(v3.back().version, 3);
    ASSERT_TRUE(ApplyMigrations(*conn, v3, 1).ok());
    ASSERT_EQ(conn->Exec("INSERT INTO audit_events(event_id, event_time_ms, account_id,"
                         " event_name, event_source, username, access_key_id, read_only,"
                         " resource_type, resource_name, json) VALUES"
                         " ('old1', 10, 'acct', 'GetUser', 'iam.amazonaws.com', 'alice', '',"
                         "  1, '', '', '{\"a\":1}'),"
                         " ('old2', 20, 'acct', 'CreateUser', 'iam.amazonaws.com', '', '', 0,"
                         "  'AWS::IAM::User', 'bob', '{}'),"
                         " ('old3', 30, 'acct', 'X', '', '', '', 0, '', '', '{}');"
                         "DELETE FROM audit_events WHERE event_id='old3';"),
              SQLITE_OK);
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryOnWriter(*store, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(SchemaMigrations().back().version));
  // Old rows intact; the LookupEvents indexes are gone (only event_id's remains).
  EXPECT_EQ(QueryOnWriter(*store,
                          "SELECT group_concat(event_id || ':' || seq || ':' || json)"
                          " FROM audit_events"),
            "old1:1:{\"a\":1},old2:2:{}");
  EXPECT_EQ(QueryOnWriter(*store,
                          "SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND"
                          " tbl_name='audit_events'"),
            "1");
  // Existing rows were indexed by the migration: old1 4 rows, old2 5 rows.
  EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_lookup"), "9");
  // seq never reuses the deleted row's 3; duplicates of migrated ids are still refused.
  ASSERT_TRUE(store->AppendAuditSync(AuditRecord{.event_id = "new", .json = "{}"}).ok());
  EXPECT_EQ(QueryOnWriter(*store, "SELECT seq FROM audit_events WHERE event_id='new'"), "4");
  EXPECT_FALSE(store->AppendAuditSync(AuditRecord{.event_id = "old1", .json = "{}"}).ok());
}

TEST(SqliteMigrationsTest, NewerDatabaseIsRefusedClearly) {
  TempDir dir;
  std::string path = dir.File("db");
  OpenOrDie(path)->Close();
  {
    auto conn = RawOpen(path);
    ASSERT_NE(conn, nullptr);
    ASSERT_EQ(conn->Exec("INSERT INTO schema_migrations VALUES(999, 'future', 0)"), SQLITE_OK);
  }
  SqliteOptions options;
  options.path = path;
  auto r = OpenSqliteStore(options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("999"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("newer"), std::string::npos) << r.error().message;
}

// --- crash durability -----------------------------------------------------------------------

// Child: writes keys from several threads, printing each one once acknowledged. Never returns.
[[noreturn]] void CrashChild(const std::string& path, int fd) {
  SqliteOptions options;
  options.path = path;
  options.reader_pool = 1;
  auto store = OpenSqliteStore(options);
  if (!store.ok()) _exit(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {  // audit-only appends, acknowledged lines start with "a"
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        std::string id = "a" + std::to_string(t) + "-" + std::to_string(i);
        if (!(*store)->AppendAuditSync(AuditRecord{.event_id = id, .json = "{}"}).ok()) continue;
        std::string line = id + "\n";
        if (write(fd, line.data(), line.size()) < 0) _exit(3);
      }
    });
  }
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0;; ++i) {
        std::string key = "t" + std::to_string(t) + "-" + std::to_string(i);
        Status s = (*store)->WriteSync([&](WriteTxn& txn) -> Status {
          RAMPART_TRY(txn.Put("crash", key, std::string(200, 'v')));
          AuditRecord r;
          r.event_id = key;
          r.json = "{}";
          return txn.AppendAudit(r);
        });
        if (!s.ok()) continue;
        std::string line = key + "\n";
        if (write(fd, line.data(), line.size()) < 0) _exit(3);
      }
    });
  }
  for (auto& t : threads) t.join();
  _exit(0);
}

std::string ReadUntil(int fd, std::chrono::steady_clock::time_point deadline, bool to_eof) {
  std::string out;
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (!to_eof && left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    int ready = poll(&p, 1, to_eof ? 1000 : static_cast<int>(left));
    if (ready <= 0) {
      if (to_eof) break;
      continue;
    }
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

TEST(SqliteCrashTest, AcknowledgedWritesSurviveSigkill) {
  std::random_device rd;
  unsigned seed = rd();
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  size_t total_acked = 0;
  for (int round = 0; round < 5; ++round) {
    TempDir dir;
    std::string path = dir.File("crash.db");
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      CrashChild(path, fds[1]);
    }
    close(fds[1]);
    auto kill_at = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(std::uniform_int_distribution<int>(40, 300)(rng));
    std::string acked_text = ReadUntil(fds[0], kill_at, false);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    acked_text += ReadUntil(fds[0], kill_at, true);
    close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early, status " << status;

    std::set<std::string> acked;
    std::istringstream lines(acked_text);
    for (std::string line; std::getline(lines, line);) acked.insert(line);
    total_acked += acked.size();

    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(QueryOnWriter(*store, "PRAGMA integrity_check"), "ok");
    std::set<std::string> present;
    size_t audit_only = 0;
    ASSERT_TRUE(store
                    ->Read([&](ReadTxn& txn) -> Status {
                      RAMPART_ASSIGN_OR_RETURN(auto kvs, txn.Scan("crash", "", "", 1000000));
                      for (auto& kv : kvs) present.insert(kv.first);
                      RAMPART_ASSIGN_OR_RETURN(auto audit, txn.ScanAudit(0, 1000000));
                      for (auto& r : audit) {
                        if (r.event_id[0] != 'a') continue;
                        present.insert(r.event_id);
                        ++audit_only;
                      }
                      // doc and audit commit together
                      EXPECT_EQ(audit.size() - audit_only, kvs.size());
                      return Status::Ok();
                    })
                    .ok());
    // The lookup index catches up after a crash, each event exactly once.
    ASSERT_TRUE(store->IndexAuditNow().ok());
    EXPECT_EQ(QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_lookup"),
              QueryOnWriter(*store, "SELECT COUNT(*) FROM audit_events"));  // ReadOnly only
    size_t missing = 0;
    for (const auto& key : acked) missing += present.count(key) == 0 ? 1 : 0;
    EXPECT_EQ(missing, 0u) << "round " << round << ": " << acked.size() << " acked";
  }
  EXPECT_GT(total_acked, 0u);
}

}  // namespace
}  // namespace rampart::store::sqlite
