// GroupWriter: the single writer thread and its queue, shared by every Store backend.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.h"

namespace rampart::store::internal {

// One queued unit of work. A write carries fn + done; an audit append (audit_only) carries
// the record + done and runs without fn or savepoint; a control task (tests, maintenance)
// carries only `control` and runs alone, outside any group transaction.
struct PendingWrite {
  std::function<Status(WriteTxn&)> fn;
  std::function<void(Status)> done;
  std::function<void()> control;
  bool audit_only = false;
  AuditRecord audit;
};

// True on any store's writer thread (WriteSync uses it to refuse a self-deadlock).
bool OnWriterThread();

class GroupWriter {
 public:
  using GroupRunner = std::function<void(std::vector<PendingWrite>&)>;
  // Background work run on the writer thread while the queue is empty; true = more to do.
  using IdleRunner = std::function<bool()>;

  // run_group receives up to max_group queued writes at a time, on the writer thread;
  // on_idle (optional) runs after work whenever the queue drains, until it returns false.
  GroupWriter(size_t max_group, GroupRunner run_group, IdleRunner on_idle = nullptr);
  ~GroupWriter();
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  // Queues the item; false (item untouched) once Close has begun.
  bool Enqueue(PendingWrite& item);
  // Stops accepting work, runs everything already queued, joins the thread. Idempotent.
  void Close();
  // True when called on this writer's own thread.
  bool IsWriterThread() const { return std::this_thread::get_id() == writer_id_; }
  // CPU time the writer thread has used so far, in nanoseconds (benchmarks, diagnostics);
  // 0 once the thread has been joined or when the clock is unavailable.
  int64_t WriterCpuNanos();

 private:
  void Loop();

  const size_t max_group_;
  GroupRunner run_group_;
  IdleRunner on_idle_;
  bool idle_work_ = false;  // writer thread only
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<PendingWrite> queue_;
  bool closing_ = false;
  std::thread thread_;
  std::thread::id writer_id_;
};

}  // namespace rampart::store::internal
