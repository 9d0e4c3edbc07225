// Checkpointer: background PASSIVE WAL checkpoints so COMMIT never runs one.
#include "store/sqlite/checkpointer.h"

#include <pthread.h>

#include <utility>

namespace rampart::store::sqlite {

Checkpointer::Checkpointer(std::string path, int threshold_pages)
    : path_(std::move(path)), threshold_pages_(threshold_pages < 1 ? 1 : threshold_pages) {
  thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() { Stop(); }

void Checkpointer::Notify(int wal_pages) {
  if (wal_pages < threshold_pages_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (wanted_ || stopping_) return;
    wanted_ = true;
  }
  cv_.notify_one();
}

void Checkpointer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Checkpointer::Loop() {
  pthread_setname_np(pthread_self(), "store-ckpt");  // for top/perf; best effort
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || wanted_; });
      if (stopping_) break;
    }
    if (!conn_) {
      auto opened = Connection::Open(path_, /*create=*/false);
      if (opened.ok()) conn_ = std::move(opened).value();
    }
    if (conn_) {
      int log = 0;
      int done = 0;
      // A failure (busy, I/O) is retried at the next notification; the WAL keeps the data.
      if (sqlite3_wal_checkpoint_v2(conn_->db(), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done) ==
          SQLITE_OK) {
        runs_.fetch_add(1);
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    wanted_ = false;
  }
  conn_.reset();
}

}  // namespace rampart::store::sqlite
