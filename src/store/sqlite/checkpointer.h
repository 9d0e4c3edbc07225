// Checkpointer: moves WAL frames into the database file off the commit path, on its own
// thread and connection, once the WAL has grown past a threshold.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/connection.h"

namespace rampart::store::sqlite {

class Checkpointer {
 public:
  // Checkpoints `path` (PASSIVE: never blocks the writer or readers) whenever Notify reports
  // a WAL of at least `threshold_pages`. The connection is opened on first need.
  Checkpointer(std::string path, int threshold_pages);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Called by the writer after each commit with the WAL size in pages; cheap, never blocks.
  void Notify(int wal_pages);
  // Stops the thread (waiting for a checkpoint in progress) and closes its connection.
  void Stop();
  // Checkpoints completed so far (tests, diagnostics).
  uint64_t runs() const { return runs_.load(); }

 private:
  void Loop();

  const std::string path_;
  const int threshold_pages_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::atomic<uint64_t> runs_{0};
  std::unique_ptr<Connection> conn_;  // checkpoint thread only
  std::thread thread_;
};

}  // namespace rampart::store::sqlite
