// GroupWriter: the single writer thread and its queue, shared by every Store backend.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.h"

namespace rampart::store::internal {

// One queued unit of work. A write carries fn + done; a control task (tests, maintenance)
// carries only `control` and runs alone, outside any group transaction.
struct PendingWrite {
  std::function<Status(WriteTxn&)> fn;
  std::function<void(Status)> done;
  std::function<void()> control;
};

// True on any store's writer thread (WriteSync uses it to refuse a self-deadlock).
bool OnWriterThread();

class GroupWriter {
 public:
  using GroupRunner = std::function<void(std::vector<PendingWrite>&)>;

  // run_group receives up to max_group queued writes at a time, on the writer thread.
  GroupWriter(size_t max_group, GroupRunner run_group);
  ~GroupWriter();
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  // Queues the item; false (item untouched) once Close has begun.
  bool Enqueue(PendingWrite& item);
  // Stops accepting work, runs everything already queued, joins the thread. Idempotent.
  void Close();
  // True when called on this writer's own thread.
  bool IsWriterThread() const { return std::this_thread::get_id() == writer_id_; }

 private:
  void Loop();

  const size_t max_group_;
  GroupRunner run_group_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<PendingWrite> queue_;
  bool closing_ = false;
  std::thread thread_;
  std::thread::id writer_id_;
};

}  // namespace rampart::store::internal
