// GroupWriter: drains the write queue in groups on one dedicated thread.
#include "store/internal/group_writer.h"

#include <utility>

namespace rampart::store::internal {
namespace {
thread_local bool t_on_writer_thread = false;
}  // namespace

bool OnWriterThread() { return t_on_writer_thread; }

GroupWriter::GroupWriter(size_t max_group, GroupRunner run_group)
    : max_group_(max_group == 0 ? 1 : max_group), run_group_(std::move(run_group)) {
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

void GroupWriter::Loop() {
  t_on_writer_thread = true;
  for (;;) {
    std::vector<PendingWrite> batch;
    PendingWrite control;
    {
      std::unique_lock<std::mutex> lock(mu_);
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
    }
  }
}

}  // namespace rampart::store::internal
