// In-memory Store backend (tests, tools): std::map documents with the same transactional,
// threading and change-feed contract as the SQLite backend.
#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <utility>

#include "store/internal/errors.h"
#include "store/internal/group_writer.h"
#include "store/store.h"

namespace rampart::store {
namespace {

using internal::CheckDocRef;
using internal::CheckName;

using Collection = std::map<std::string, std::string, std::less<>>;

struct State {
  std::map<std::string, Collection, std::less<>> docs;
  std::vector<AuditRecord> audit;
  std::set<std::string, std::less<>> event_ids;
  std::vector<Change> changes;
  uint64_t next_audit_seq = 1;
  uint64_t next_change_seq = 1;
};

// Reads against a State the caller keeps stable (shared lock, or the writer's own view).
class StateReader {
 public:
  explicit StateReader(const State& state) : state_(state) {}

  Result<std::optional<std::string>> Get(std::string_view collection, std::string_view key) {
    RAMPART_TRY(CheckDocRef(collection, key));
    auto c = state_.docs.find(collection);
    if (c == state_.docs.end()) return std::optional<std::string>();
    auto it = c->second.find(key);
    if (it == c->second.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }

  Result<std::vector<KeyValue>> Scan(std::string_view collection, std::string_view prefix,
                                     std::string_view start_after, size_t limit) {
    RAMPART_TRY(CheckName("collection", collection));
    std::vector<KeyValue> out;
    auto c = state_.docs.find(collection);
    if (c == state_.docs.end()) return out;
    const Collection& docs = c->second;
    auto it = (!start_after.empty() && start_after >= prefix) ? docs.upper_bound(start_after)
                                                              : docs.lower_bound(prefix);
    for (; it != docs.end() && out.size() < limit; ++it) {
      if (std::string_view(it->first).substr(0, prefix.size()) != prefix) break;
      out.emplace_back(it->first, it->second);
    }
    return out;
  }

  Result<std::vector<AuditRecord>> ScanAudit(uint64_t after_seq, size_t limit) {
    return After(state_.audit, after_seq, limit);
  }

  Result<std::vector<Change>> ScanChanges(uint64_t after_seq, size_t limit) {
    return After(state_.changes, after_seq, limit);
  }

 private:
  template <typename T>
  static std::vector<T> After(const std::vector<T>& items, uint64_t after_seq, size_t limit) {
    auto it = std::upper_bound(items.begin(), items.end(), after_seq,
                               [](uint64_t seq, const T& item) { return seq < item.seq; });
    std::vector<T> out;
    for (; it != items.end() && out.size() < limit; ++it) out.push_back(*it);
    return out;
  }

  const State& state_;
};

class MemoryReadTxn final : public ReadTxn {
 public:
  explicit MemoryReadTxn(const State& state) : reader_(state) {}
  Result<std::optional<std::string>> Get(std::string_view c, std::string_view k) override {
    return reader_.Get(c, k);
  }
  Result<std::vector<KeyValue>> Scan(std::string_view c, std::string_view p, std::string_view s,
                                     size_t limit) override {
    return reader_.Scan(c, p, s, limit);
  }
  Result<std::vector<AuditRecord>> ScanAudit(uint64_t after, size_t limit) override {
    return reader_.ScanAudit(after, limit);
  }
  Result<std::vector<Change>> ScanChanges(uint64_t after, size_t limit) override {
    return reader_.ScanChanges(after, limit);
  }

 private:
  StateReader reader_;
};

// Mutates State in place, keeping an undo log so savepoints (and failed writes) roll back.
class MemoryWriteTxn final : public WriteTxn {
 public:
  struct Mark {
    size_t undo = 0;
    size_t audit = 0;
    size_t changes = 0;
    uint64_t next_audit_seq = 0;
    uint64_t next_change_seq = 0;
  };

  MemoryWriteTxn(State& state, const Clock& clock) : state_(state), reader_(state), clock_(clock) {}

  Result<std::optional<std::string>> Get(std::string_view c, std::string_view k) override {
    return reader_.Get(c, k);
  }
  Result<std::vector<KeyValue>> Scan(std::string_view c, std::string_view p, std::string_view s,
                                     size_t limit) override {
    return reader_.Scan(c, p, s, limit);
  }
  Result<std::vector<AuditRecord>> ScanAudit(uint64_t after, size_t limit) override {
    return reader_.ScanAudit(after, limit);
  }
  Result<std::vector<Change>> ScanChanges(uint64_t after, size_t limit) override {
    return reader_.ScanChanges(after, limit);
  }

  Status Put(std::string_view collection, std::string_view key, std::string_view value) override {
    RAMPART_TRY(CheckDocRef(collection, key));
    Collection& docs = state_.docs[std::string(collection)];
    auto it = docs.find(key);
    std::optional<std::string> before;
    if (it == docs.end()) {
      it = docs.emplace(std::string(key), std::string(value)).first;
    } else {
      before = std::exchange(it->second, std::string(value));
    }
    Record(collection, key, std::move(before), std::string(value));
    return Status::Ok();
  }

  Result<bool> Erase(std::string_view collection, std::string_view key) override {
    RAMPART_TRY(CheckDocRef(collection, key));
    auto c = state_.docs.find(collection);
    if (c == state_.docs.end()) return false;
    auto it = c->second.find(key);
    if (it == c->second.end()) return false;
    std::string before = std::move(it->second);
    c->second.erase(it);
    Record(collection, key, std::move(before), std::nullopt);
    return true;
  }

  Status AppendAudit(const AuditRecord& record) override {
    if (record.event_id.empty()) return AwsError::Internal("store: audit event without id");
    if (state_.event_ids.count(record.event_id) != 0) {
      return AwsError::Internal("store: duplicate audit event id");
    }
    AuditRecord copy = record;
    copy.seq = state_.next_audit_seq++;
    state_.event_ids.insert(copy.event_id);
    state_.audit.push_back(std::move(copy));
    return Status::Ok();
  }

  Status Nested(const std::function<Status(WriteTxn&)>& fn) override {
    Mark mark = Save();
    Status status = RunGuarded(fn, *this);
    if (!status.ok()) RollbackTo(mark);
    return status;
  }

  Mark Save() const {
    return {undo_.size(), state_.audit.size(), state_.changes.size(), state_.next_audit_seq,
            state_.next_change_seq};
  }

  void RollbackTo(const Mark& mark) {
    while (undo_.size() > mark.undo) {
      Undo& u = undo_.back();
      Collection& docs = state_.docs[u.collection];
      if (u.before) {
        docs[u.key] = std::move(*u.before);
      } else {
        docs.erase(u.key);
      }
      if (docs.empty()) state_.docs.erase(u.collection);
      undo_.pop_back();
    }
    while (state_.audit.size() > mark.audit) {
      state_.event_ids.erase(state_.audit.back().event_id);
      state_.audit.pop_back();
    }
    state_.changes.resize(mark.changes);
    state_.next_audit_seq = mark.next_audit_seq;
    state_.next_change_seq = mark.next_change_seq;
  }

  void Commit() { undo_.clear(); }

  static Status RunGuarded(const std::function<Status(WriteTxn&)>& fn, WriteTxn& txn) {
    try {
      return fn(txn);
    } catch (const std::exception&) {
      return AwsError::Internal("store: write function threw");
    } catch (...) {
      return AwsError::Internal("store: write function threw");
    }
  }

 private:
  struct Undo {
    std::string collection;
    std::string key;
    std::optional<std::string> before;
  };

  void Record(std::string_view collection, std::string_view key, std::optional<std::string> before,
              std::optional<std::string> after) {
    undo_.push_back({std::string(collection), std::string(key), before});
    Change change;
    change.seq = state_.next_change_seq++;
    change.time_ms = clock_.NowEpochMillis();
    change.collection = std::string(collection);
    change.key = std::string(key);
    change.before = std::move(before);
    change.after = std::move(after);
    state_.changes.push_back(std::move(change));
  }

  State& state_;
  StateReader reader_;
  const Clock& clock_;
  std::vector<Undo> undo_;
};

class MemoryStore final : public Store {
 public:
  explicit MemoryStore(const Clock& clock)
      : clock_(clock),
        writer_(kMaxGroup, [this](std::vector<internal::PendingWrite>& g) { RunGroup(g); }) {}
  ~MemoryStore() override { Close(); }

  void Write(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) override {
    internal::PendingWrite item{std::move(fn), std::move(done), nullptr};
    if (writer_.Enqueue(item)) return;
    if (item.done) item.done(internal::ClosedError());
  }

  void AppendAudit(AuditRecord record, std::function<void(Status)> done) override {
    internal::PendingWrite item;
    item.done = std::move(done);
    item.audit_only = true;
    item.audit = std::move(record);
    if (writer_.Enqueue(item)) return;
    if (item.done) item.done(internal::ClosedError());
  }

  Status Read(const std::function<Status(ReadTxn&)>& fn) override {
    if (closed_.load()) return internal::ClosedError();
    // Inside a write fn the writer already owns the state exclusively.
    std::shared_lock<std::shared_mutex> lock(mu_, std::defer_lock);
    if (!writer_.IsWriterThread()) lock.lock();
    MemoryReadTxn txn(state_);
    try {
      return fn(txn);
    } catch (...) {
      return AwsError::Internal("store: read function threw");
    }
  }

  void Subscribe(ChangeListener listener) override {
    std::lock_guard<std::mutex> lock(listeners_mu_);
    listeners_.push_back(std::move(listener));
  }

  StoreHealth Health() const override {
    StoreHealth health;
    health.backend = "memory";
    health.writable = !closed_.load();
    if (!health.writable) health.detail = "closed";
    return health;
  }

  void Close() override {
    writer_.Close();
    closed_.store(true);
  }

 private:
  static constexpr size_t kMaxGroup = 256;

  void RunGroup(std::vector<internal::PendingWrite>& group) {
    std::vector<Status> results;
    std::vector<Change> changes;
    {
      std::unique_lock<std::shared_mutex> lock(mu_);
      size_t first_change = state_.changes.size();
      MemoryWriteTxn txn(state_, clock_);
      for (auto& item : group) {
        if (item.audit_only) {  // all-or-nothing already: no rollback mark needed
          results.push_back(txn.AppendAudit(item.audit));
          continue;
        }
        MemoryWriteTxn::Mark mark = txn.Save();
        Status status = MemoryWriteTxn::RunGuarded(item.fn, txn);
        if (!status.ok()) txn.RollbackTo(mark);
        results.push_back(std::move(status));
      }
      txn.Commit();
      changes.assign(state_.changes.begin() + static_cast<ptrdiff_t>(first_change),
                     state_.changes.end());
    }
    Publish(changes);
    for (size_t i = 0; i < group.size(); ++i) {
      if (!group[i].done) continue;
      try {
        group[i].done(std::move(results[i]));
      } catch (...) {  // a throwing callback must not kill the writer thread
      }
    }
  }

  void Publish(const std::vector<Change>& changes) {
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

  const Clock& clock_;
  mutable std::shared_mutex mu_;
  State state_;
  std::atomic<bool> closed_{false};
  std::mutex listeners_mu_;
  std::vector<ChangeListener> listeners_;
  internal::GroupWriter writer_;  // last: its thread must stop before the state goes
};

const Clock& DefaultClock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace

std::unique_ptr<Store> NewMemoryStore() { return std::make_unique<MemoryStore>(DefaultClock()); }

std::unique_ptr<Store> NewMemoryStore(const Clock& clock) {
  return std::make_unique<MemoryStore>(clock);
}

}  // namespace rampart::store
