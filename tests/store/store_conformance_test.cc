// Conformance suite every Store backend must pass (memory and SQLite, as typed tests).
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "store/store.h"
#include "temp_dir.h"

namespace rampart::store {
namespace {

using testing::TempDir;

struct MemoryBackend {
  static std::unique_ptr<Store> Make(const TempDir&, const Clock& clock) {
    return NewMemoryStore(clock);
  }
};

struct SqliteBackend {
  static std::unique_ptr<Store> Make(const TempDir& dir, const Clock& clock) {
    SqliteOptions options;
    options.path = dir.File("store.db");
    options.clock = &clock;
    auto store = OpenSqliteStore(options);
    if (!store.ok()) return nullptr;
    return std::move(store).value();
  }
};

template <typename Backend>
class StoreConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    store_ = Backend::Make(dir_, clock_);
    ASSERT_NE(store_, nullptr);
  }

  std::optional<std::string> Get(std::string_view collection, std::string_view key) {
    std::optional<std::string> out;
    Status s = store_->Read([&](ReadTxn& txn) -> Status {
      RAMPART_ASSIGN_OR_RETURN(out, txn.Get(collection, key));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return out;
  }

  std::vector<KeyValue> Scan(std::string_view collection, std::string_view prefix,
                             std::string_view start_after, size_t limit) {
    std::vector<KeyValue> out;
    Status s = store_->Read([&](ReadTxn& txn) -> Status {
      RAMPART_ASSIGN_OR_RETURN(out, txn.Scan(collection, prefix, start_after, limit));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return out;
  }

  std::vector<Change> Changes(uint64_t after, size_t limit = 1000) {
    std::vector<Change> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTxn& txn) -> Status {
                      RAMPART_ASSIGN_OR_RETURN(out, txn.ScanChanges(after, limit));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<AuditRecord> Audit(uint64_t after, size_t limit = 1000) {
    std::vector<AuditRecord> out;
    EXPECT_TRUE(store_
                    ->Read([&](ReadTxn& txn) -> Status {
                      RAMPART_ASSIGN_OR_RETURN(out, txn.ScanAudit(after, limit));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  Status Put(std::string collection, std::string key, std::string value) {
    return store_->WriteSync([=](WriteTxn& txn) { return txn.Put(collection, key, value); });
  }

  TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
};

using Backends = ::testing::Types<MemoryBackend, SqliteBackend>;
TYPED_TEST_SUITE(StoreConformanceTest, Backends);

AuditRecord MakeAudit(std::string id, std::string name) {
  AuditRecord r;
  r.event_id = std::move(id);
  r.event_time_ms = 1705311000000;
  r.account_id = "123456789012";
  r.event_name = std::move(name);
  r.event_source = "iam.amazonaws.com";
  r.username = "alice";
  r.access_key_id = "AKIAEXAMPLE";
  r.read_only = true;
  r.resource_type = "AWS::IAM::User";
  r.resource_name = "bob";
  r.json = "{\"eventName\":\"" + r.event_name + "\"}";
  return r;
}

TYPED_TEST(StoreConformanceTest, PutGetOverwriteErase) {
  EXPECT_FALSE(this->Get("users", "alice").has_value());
  ASSERT_TRUE(this->Put("users", "alice", "v1").ok());
  EXPECT_EQ(this->Get("users", "alice"), "v1");
  ASSERT_TRUE(this->Put("users", "alice", "v2").ok());
  EXPECT_EQ(this->Get("users", "alice"), "v2");
  EXPECT_FALSE(this->Get("roles", "alice").has_value());  // collections are separate

  bool erased = false;
  ASSERT_TRUE(this->store_
                  ->WriteSync([&](WriteTxn& txn) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(erased, txn.Erase("users", "alice"));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(erased);
  EXPECT_FALSE(this->Get("users", "alice").has_value());
  ASSERT_TRUE(this->store_
                  ->WriteSync([&](WriteTxn& txn) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(erased, txn.Erase("users", "alice"));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(erased);
}

TYPED_TEST(StoreConformanceTest, BinaryValuesAndEmptyValueRoundTrip) {
  std::string binary("a\0b\xff", 4);
  ASSERT_TRUE(this->Put("blobs", "bin", binary).ok());
  ASSERT_TRUE(this->Put("blobs", "empty", "").ok());
  EXPECT_EQ(this->Get("blobs", "bin"), binary);
  auto empty = this->Get("blobs", "empty");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(*empty, "");
}

TYPED_TEST(StoreConformanceTest, EmptyNamesAreRejected) {
  EXPECT_FALSE(this->Put("", "k", "v").ok());
  EXPECT_FALSE(this->Put("c", "", "v").ok());
  Status s = this->store_->Read([](ReadTxn& txn) -> Status {
    RAMPART_TRY(txn.Get("", "k"));
    return Status::Ok();
  });
  EXPECT_FALSE(s.ok());
}

TYPED_TEST(StoreConformanceTest, ScanPrefixStartAfterLimitOrdering) {
  for (const char* k : {"b/2", "a/1", "a/3", "a/2", "a", "ab", "c", "a/\xff", "a0"}) {
    ASSERT_TRUE(this->Put("docs", k, std::string("v-") + k).ok());
  }
  ASSERT_TRUE(this->Put("other", "a/9", "x").ok());

  auto keys = [](const std::vector<KeyValue>& kvs) {
    std::vector<std::string> out;
    for (const auto& kv : kvs) out.push_back(kv.first);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(keys(this->Scan("docs", "a/", "", 100)), (V{"a/1", "a/2", "a/3", "a/\xff"}));
  EXPECT_EQ(keys(this->Scan("docs", "a/", "a/1", 100)), (V{"a/2", "a/3", "a/\xff"}));
  EXPECT_EQ(keys(this->Scan("docs", "a/", "a/1", 2)), (V{"a/2", "a/3"}));
  EXPECT_EQ(keys(this->Scan("docs", "a/", "a/\xff", 100)), V{});
  EXPECT_EQ(keys(this->Scan("docs", "a/", "0", 100)).size(), 4u);  // start_after before prefix
  EXPECT_EQ(keys(this->Scan("docs", "", "", 100)),
            (V{"a", "a/1", "a/2", "a/3", "a/\xff", "a0", "ab", "b/2", "c"}));
  EXPECT_EQ(keys(this->Scan("docs", "", "a0", 2)), (V{"ab", "b/2"}));
  EXPECT_EQ(keys(this->Scan("docs", "zzz", "", 100)), V{});
  EXPECT_EQ(keys(this->Scan("nothing", "", "", 100)), V{});
  EXPECT_EQ(this->Scan("docs", "a/", "", 0).size(), 0u);
  auto one = this->Scan("docs", "b", "", 10);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].second, "v-b/2");
}

TYPED_TEST(StoreConformanceTest, WriteSeesItsOwnWrites) {
  Status s = this->store_->WriteSync([](WriteTxn& txn) -> Status {
    RAMPART_TRY(txn.Put("c", "k1", "v1"));
    RAMPART_ASSIGN_OR_RETURN(auto v, txn.Get("c", "k1"));
    if (v != "v1") return AwsError::Internal("own write not visible");
    RAMPART_ASSIGN_OR_RETURN(auto kvs, txn.Scan("c", "k", "", 10));
    if (kvs.size() != 1) return AwsError::Internal("own write not scanned");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
}

TYPED_TEST(StoreConformanceTest, NestedRollbackKeepsOuterWrites) {
  Status nested_status;
  Status s = this->store_->WriteSync([&](WriteTxn& txn) -> Status {
    RAMPART_TRY(txn.Put("c", "outer-before", "1"));
    nested_status = txn.Nested([](WriteTxn& inner) -> Status {
      RAMPART_TRY(inner.Put("c", "inner", "x"));
      RAMPART_TRY(inner.Put("c", "outer-before", "clobbered"));
      RAMPART_TRY(inner.AppendAudit(MakeAudit("nested-event", "Nested")));
      return AwsError::Sender("NoSuchEntity", "inner failed", 404);
    });
    // Inside the same write, the nested writes are already gone.
    RAMPART_ASSIGN_OR_RETURN(auto v, txn.Get("c", "inner"));
    if (v.has_value()) return AwsError::Internal("nested write survived rollback");
    RAMPART_TRY(txn.Nested([](WriteTxn& inner) { return inner.Put("c", "inner-ok", "y"); }));
    return txn.Put("c", "outer-after", "2");
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_FALSE(nested_status.ok());
  EXPECT_EQ(nested_status.error().code, "NoSuchEntity");
  EXPECT_EQ(this->Get("c", "outer-before"), "1");
  EXPECT_EQ(this->Get("c", "outer-after"), "2");
  EXPECT_EQ(this->Get("c", "inner-ok"), "y");
  EXPECT_FALSE(this->Get("c", "inner").has_value());
  EXPECT_TRUE(this->Audit(0).empty());
  auto changes = this->Changes(0);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].key, "outer-before");
  EXPECT_EQ(changes[1].key, "inner-ok");
  EXPECT_EQ(changes[2].key, "outer-after");
}

TYPED_TEST(StoreConformanceTest, FailingWriteLeavesNoTraceOthersInGroupCommit) {
  // Hold the writer so the next three writes queue up and share one group.
  std::promise<void> gate;
  std::shared_future<void> gate_open = gate.get_future().share();
  std::promise<Status> blocker_done;
  this->store_->Write(
      [gate_open](WriteTxn&) {
        gate_open.wait();
        return Status::Ok();
      },
      [&](Status s) { blocker_done.set_value(s); });

  std::vector<Change> fed;
  std::mutex fed_mu;
  this->store_->Subscribe([&](const std::vector<Change>& changes) {
    std::lock_guard<std::mutex> lock(fed_mu);
    fed.insert(fed.end(), changes.begin(), changes.end());
  });

  std::promise<Status> a, b, c;
  this->store_->Write([](WriteTxn& txn) { return txn.Put("c", "a", "1"); },
                      [&](Status s) { a.set_value(s); });
  this->store_->Write(
      [](WriteTxn& txn) -> Status {
        RAMPART_TRY(txn.Put("c", "b", "1"));
        RAMPART_TRY(txn.Put("c", "a", "overwritten-by-b"));
        RAMPART_TRY(txn.AppendAudit(MakeAudit("b-event", "B")));
        return AwsError::Sender("LimitExceeded", "too many", 409);
      },
      [&](Status s) { b.set_value(s); });
  this->store_->Write(
      [](WriteTxn& txn) -> Status {
        RAMPART_TRY(txn.Put("c", "c", "1"));
        return txn.AppendAudit(MakeAudit("c-event", "C"));
      },
      [&](Status s) { c.set_value(s); });
  gate.set_value();

  EXPECT_TRUE(blocker_done.get_future().get().ok());
  EXPECT_TRUE(a.get_future().get().ok());
  Status sb = b.get_future().get();
  ASSERT_FALSE(sb.ok());
  EXPECT_EQ(sb.error().code, "LimitExceeded");
  EXPECT_TRUE(c.get_future().get().ok());

  EXPECT_EQ(this->Get("c", "a"), "1");
  EXPECT_FALSE(this->Get("c", "b").has_value());
  EXPECT_EQ(this->Get("c", "c"), "1");
  auto audit = this->Audit(0);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].event_id, "c-event");
  auto changes = this->Changes(0);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].key, "a");
  EXPECT_EQ(changes[1].key, "c");
  std::lock_guard<std::mutex> lock(fed_mu);
  ASSERT_EQ(fed.size(), 2u);
  EXPECT_EQ(fed[0].seq, changes[0].seq);
  EXPECT_EQ(fed[1].seq, changes[1].seq);
}

TYPED_TEST(StoreConformanceTest, ThrowingWriteBecomesInternalErrorWithoutTrace) {
  Status s = this->store_->WriteSync([](WriteTxn& txn) -> Status {
    (void)txn.Put("c", "k", "v");
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "InternalFailure");
  EXPECT_FALSE(this->Get("c", "k").has_value());
  EXPECT_TRUE(this->Put("c", "k2", "v").ok());  // the writer thread survived
}

TYPED_TEST(StoreConformanceTest, AuditAppendAndScan) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(this->store_
                    ->WriteSync([i](WriteTxn& txn) {
                      return txn.AppendAudit(
                          MakeAudit("ev-" + std::to_string(i), "Op" + std::to_string(i)));
                    })
                    .ok());
  }
  auto all = this->Audit(0);
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].event_id, "ev-" + std::to_string(i));
    if (i > 0) {
      EXPECT_GT(all[i].seq, all[i - 1].seq);
    }
  }
  const AuditRecord& r = all[2];
  AuditRecord want = MakeAudit("ev-2", "Op2");
  EXPECT_EQ(r.event_time_ms, want.event_time_ms);
  EXPECT_EQ(r.account_id, want.account_id);
  EXPECT_EQ(r.event_source, want.event_source);
  EXPECT_EQ(r.username, want.username);
  EXPECT_EQ(r.access_key_id, want.access_key_id);
  EXPECT_TRUE(r.read_only);
  EXPECT_EQ(r.resource_type, want.resource_type);
  EXPECT_EQ(r.resource_name, want.resource_name);
  EXPECT_EQ(r.json, want.json);

  auto tail = this->Audit(all[1].seq, 2);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].event_id, "ev-2");
  EXPECT_EQ(tail[1].event_id, "ev-3");
  EXPECT_TRUE(this->Audit(all[4].seq).empty());

  // A duplicate event id is refused and does not disturb the store.
  Status dup = this->store_->WriteSync(
      [](WriteTxn& txn) { return txn.AppendAudit(MakeAudit("ev-1", "Again")); });
  EXPECT_FALSE(dup.ok());
  EXPECT_EQ(this->Audit(0).size(), 5u);
  EXPECT_TRUE(
      this->store_->WriteSync([](WriteTxn& txn) { return txn.AppendAudit(MakeAudit("ev-5", "x")); })
          .ok());
  EXPECT_EQ(this->Audit(0).size(), 6u);
}

TYPED_TEST(StoreConformanceTest, ChangeFeedContentsAndOrdering) {
  std::vector<std::vector<Change>> batches;
  std::mutex mu;
  this->store_->Subscribe([&](const std::vector<Change>& changes) {
    std::lock_guard<std::mutex> lock(mu);
    batches.push_back(changes);
  });
  this->clock_.Set(1000);
  ASSERT_TRUE(this->Put("c", "k", "v1").ok());
  this->clock_.Set(2000);
  ASSERT_TRUE(this->store_
                  ->WriteSync([](WriteTxn& txn) -> Status {
                    RAMPART_TRY(txn.Put("c", "k", "v2"));
                    RAMPART_TRY(txn.Erase("c", "k"));
                    RAMPART_TRY(txn.Erase("c", "never-existed"));  // records nothing
                    return Status::Ok();
                  })
                  .ok());
  // Failed writes publish nothing.
  EXPECT_FALSE(this->store_
                   ->WriteSync([](WriteTxn& txn) -> Status {
                     RAMPART_TRY(txn.Put("c", "ghost", "v"));
                     return AwsError::Internal("no");
                   })
                   .ok());

  std::lock_guard<std::mutex> lock(mu);  // WriteSync returned: the feed already ran
  ASSERT_EQ(batches.size(), 2u);
  ASSERT_EQ(batches[0].size(), 1u);
  ASSERT_EQ(batches[1].size(), 2u);
  const Change& created = batches[0][0];
  EXPECT_EQ(created.collection, "c");
  EXPECT_EQ(created.key, "k");
  EXPECT_FALSE(created.before.has_value());
  EXPECT_EQ(created.after, "v1");
  EXPECT_EQ(created.time_ms, 1000);
  const Change& updated = batches[1][0];
  EXPECT_EQ(updated.before, "v1");
  EXPECT_EQ(updated.after, "v2");
  EXPECT_EQ(updated.time_ms, 2000);
  const Change& erased = batches[1][1];
  EXPECT_EQ(erased.before, "v2");
  EXPECT_FALSE(erased.after.has_value());
  EXPECT_LT(created.seq, updated.seq);
  EXPECT_LT(updated.seq, erased.seq);

  auto stored = this->Changes(0);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[2].seq, erased.seq);
  EXPECT_EQ(stored[2].before, "v2");
  EXPECT_EQ(this->Changes(created.seq, 1).at(0).seq, updated.seq);
}

TYPED_TEST(StoreConformanceTest, ConcurrentWritersAllAcknowledgedWritesReadable) {
  constexpr int kThreads = 16;
  constexpr int kPerThread = 40;
  std::atomic<bool> stop{false};
  std::atomic<int> inconsistent{0};
  std::atomic<int> reads{0};
  // Each write adds one item and bumps a counter atomically; readers check both agree.
  std::thread reader([&] {
    while (!stop.load()) {
      Status s = this->store_->Read([&](ReadTxn& txn) -> Status {
        RAMPART_ASSIGN_OR_RETURN(auto count, txn.Get("meta", "count"));
        RAMPART_ASSIGN_OR_RETURN(auto items, txn.Scan("items", "", "", 100000));
        size_t n = count ? std::stoul(*count) : 0;
        if (n != items.size()) inconsistent.fetch_add(1);
        return Status::Ok();
      });
      if (!s.ok()) inconsistent.fetch_add(1);
      reads.fetch_add(1);
    }
  });
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string key = "t" + std::to_string(t) + "-" + std::to_string(i);
        Status s = this->store_->WriteSync([key](WriteTxn& txn) -> Status {
          RAMPART_ASSIGN_OR_RETURN(auto count, txn.Get("meta", "count"));
          size_t n = count ? std::stoul(*count) : 0;
          RAMPART_TRY(txn.Put("items", key, key));
          return txn.Put("meta", "count", std::to_string(n + 1));
        });
        if (!s.ok()) failures.fetch_add(1);
      }
    });
  }
  for (auto& w : writers) w.join();
  stop.store(true);
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(this->Get("meta", "count"), std::to_string(kThreads * kPerThread));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      std::string key = "t" + std::to_string(t) + "-" + std::to_string(i);
      ASSERT_EQ(this->Get("items", key), key);
    }
  }
  EXPECT_EQ(this->Changes(0, 100000).size(), static_cast<size_t>(2 * kThreads * kPerThread));
}

TYPED_TEST(StoreConformanceTest, CloseDrainsQueueThenRefusesWrites) {
  std::vector<std::promise<Status>> acks(20);
  for (int i = 0; i < 20; ++i) {
    this->store_->Write([i](WriteTxn& txn) { return txn.Put("c", "k" + std::to_string(i), "v"); },
                        [&acks, i](Status s) { acks[i].set_value(s); });
  }
  this->store_->Close();
  for (auto& ack : acks) EXPECT_TRUE(ack.get_future().get().ok());  // drained, committed
  Status after = this->store_->WriteSync([](WriteTxn& txn) { return txn.Put("c", "late", "v"); });
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "ServiceUnavailable");
  EXPECT_EQ(after.error().http_status, 503);
  EXPECT_FALSE(this->store_->Health().writable);
  this->store_->Close();  // idempotent
}

TYPED_TEST(StoreConformanceTest, WriteSyncInsideWriteIsRefusedNotDeadlocked) {
  Status inner;
  Status outer = this->store_->WriteSync([&](WriteTxn&) -> Status {
    inner = this->store_->WriteSync([](WriteTxn&) { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok());
  EXPECT_FALSE(inner.ok());
}

TYPED_TEST(StoreConformanceTest, AppendAuditSharesGroupsAndOrderWithWrites) {
  // Hold the writer so everything below queues up and commits in one group.
  std::promise<void> gate;
  std::shared_future<void> gate_open = gate.get_future().share();
  this->store_->Write(
      [gate_open](WriteTxn&) {
        gate_open.wait();
        return Status::Ok();
      },
      nullptr);
  std::vector<std::promise<Status>> acks(6);
  auto ack = [&acks](int i) { return [&acks, i](Status s) { acks[i].set_value(s); }; };
  this->store_->Write(
      [](WriteTxn& txn) -> Status {
        RAMPART_TRY(txn.Put("c", "w1", "1"));
        return txn.AppendAudit(MakeAudit("w1", "PutOne"));
      },
      ack(0));
  this->store_->AppendAudit(MakeAudit("a1", "GetUser"), ack(1));
  this->store_->Write(
      [](WriteTxn& txn) -> Status {
        RAMPART_TRY(txn.AppendAudit(MakeAudit("w2", "Failing")));
        return AwsError::Sender("NoSuchEntity", "gone", 404);
      },
      ack(2));
  this->store_->AppendAudit(MakeAudit("a2", "ListUsers"), ack(3));
  this->store_->AppendAudit(MakeAudit("a1", "Duplicate"), ack(4));
  this->store_->AppendAudit(MakeAudit("", "NoId"), ack(5));
  gate.set_value();

  EXPECT_TRUE(acks[0].get_future().get().ok());
  EXPECT_TRUE(acks[1].get_future().get().ok());
  Status failed = acks[2].get_future().get();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "NoSuchEntity");
  EXPECT_TRUE(acks[3].get_future().get().ok());
  EXPECT_FALSE(acks[4].get_future().get().ok());  // duplicate id refused alone
  EXPECT_FALSE(acks[5].get_future().get().ok());  // id-less record refused alone

  auto audit = this->Audit(0);
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].event_id, "w1");  // submission order, across both paths
  EXPECT_EQ(audit[1].event_id, "a1");
  EXPECT_EQ(audit[1].event_name, "GetUser");
  EXPECT_EQ(audit[2].event_id, "a2");
  EXPECT_LT(audit[0].seq, audit[1].seq);
  EXPECT_LT(audit[1].seq, audit[2].seq);
  EXPECT_EQ(audit[2].json, MakeAudit("a2", "ListUsers").json);
  EXPECT_EQ(this->Get("c", "w1"), "1");
  EXPECT_EQ(this->Changes(0).size(), 1u);  // audit appends record no document change
}

TYPED_TEST(StoreConformanceTest, AppendAuditSyncRoundTripsEveryField) {
  AuditRecord want = MakeAudit("sync-1", "CreateRole");
  want.read_only = false;
  want.resource_name = "";
  ASSERT_TRUE(this->store_->AppendAuditSync(want).ok());
  auto audit = this->Audit(0);
  ASSERT_EQ(audit.size(), 1u);
  const AuditRecord& got = audit[0];
  EXPECT_EQ(got.event_id, want.event_id);
  EXPECT_EQ(got.event_time_ms, want.event_time_ms);
  EXPECT_EQ(got.account_id, want.account_id);
  EXPECT_EQ(got.event_name, want.event_name);
  EXPECT_EQ(got.event_source, want.event_source);
  EXPECT_EQ(got.username, want.username);
  EXPECT_EQ(got.access_key_id, want.access_key_id);
  EXPECT_FALSE(got.read_only);
  EXPECT_EQ(got.resource_type, want.resource_type);
  EXPECT_EQ(got.resource_name, "");
  EXPECT_EQ(got.json, want.json);
  EXPECT_GT(got.seq, 0u);
}

TYPED_TEST(StoreConformanceTest, AppendAuditAfterCloseIsRefusedWith503) {
  std::promise<Status> queued;
  this->store_->AppendAudit(MakeAudit("before-close", "X"), [&](Status s) { queued.set_value(s); });
  this->store_->Close();
  EXPECT_TRUE(queued.get_future().get().ok());  // drained and committed by Close
  Status late = this->store_->AppendAuditSync(MakeAudit("after-close", "X"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "ServiceUnavailable");
  EXPECT_EQ(late.error().http_status, 503);
}

TYPED_TEST(StoreConformanceTest, AppendAuditSyncOnWriterThreadIsRefused) {
  Status inner;
  ASSERT_TRUE(this->store_
                  ->WriteSync([&](WriteTxn&) -> Status {
                    inner = this->store_->AppendAuditSync(MakeAudit("inner", "X"));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(inner.ok());
  EXPECT_TRUE(this->Audit(0).empty());
}

TYPED_TEST(StoreConformanceTest, HealthReportsBackend) {
  StoreHealth h = this->store_->Health();
  EXPECT_TRUE(h.writable);
  EXPECT_TRUE(h.backend == "memory" || h.backend == "sqlite");
}

}  // namespace
}  // namespace rampart::store
