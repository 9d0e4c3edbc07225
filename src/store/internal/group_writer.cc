// GroupWriter: drains the write queue in groups on one dedicated thread.
#include "store/internal/group_writer.h"

#include <pthread.h>
#include <time.h>

#include <utility>

namespace rampart::store::internal {
namespace {
thread_local bool t_on_writer_thread = false;
}  // namespace

bool OnWriterThread() { return t_on_writer_thread; }

GroupWriter::GroupWriter(size_t max_group, GroupRunner run_group, IdleRunner on_idle)
    : max_group_(max_group == 0 ? 1 : max_group),
      run_group_(std::move(run_group)),
      on_idle_(std::move(on_idle)) {
  thread_ = std::thread([this] { Loop(); });
  writer_id_ = thread_.get_id();
}

GroupWriter::~GroupWriter() { Close(); }

bool GroupWriter::Enqueue(PendingWrite& item) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closing_) return false;
    queue_.push_back(std::move(item));
  }
  cv_.notify_one();
  return true;
}

void GroupWriter::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

int64_t GroupWriter::WriterCpuNanos() {
  std::lock_guard<std::mutex> lock(mu_);
  if (closing_ || !thread_.joinable()) return 0;
  clockid_t clock;
  if (pthread_getcpuclockid(thread_.native_handle(), &clock) != 0) return 0;
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) return 0;
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void GroupWriter::Loop() {
  t_on_writer_thread = true;
  pthread_setname_np(pthread_self(), "store-writer");  // for top/perf; best effort
  for (;;) {
    std::vector<PendingWrite> batch;
    PendingWrite control;
    {
      std::unique_lock<std::mutex> lock(mu_);
      while (idle_work_ && queue_.empty() && !closing_) {
        lock.unlock();
        idle_work_ = on_idle_();
        lock.lock();
      }
      cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      if (queue_.front().control) {
        control = std::move(queue_.front());
        queue_.pop_front();
      } else {
        while (!queue_.empty() && !queue_.front().control && batch.size() < max_group_) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
    }
    if (control.control) {
      control.control();
    } else {
      run_group_(batch);
      idle_work_ = on_idle_ != nullptr;
    }
  }
}

}  // namespace rampart::store::internal
