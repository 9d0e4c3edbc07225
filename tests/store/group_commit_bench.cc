// Group-commit micro-benchmark: SQLite store writes/s with 1 vs 64 concurrent writers.
// Not a test (no assertions on timing); run by hand: store_group_commit_bench [dir].
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"
#include "temp_dir.h"

namespace {

using rampart::Status;
using rampart::store::OpenSqliteStore;
using rampart::store::SqliteOptions;
using rampart::store::WriteTxn;

// Runs `writers` threads doing WriteSync for `seconds`; returns acknowledged writes per second.
double Measure(const std::string& path, int writers, double seconds) {
  SqliteOptions options;
  options.path = path;
  auto store = OpenSqliteStore(options);
  if (!store.ok()) {
    std::fprintf(stderr, "open failed: %s\n", store.error().message.c_str());
    return 0;
  }
  std::atomic<bool> stop{false};
  std::atomic<long> acked{0};
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([&, t] {
      for (long i = 0; !stop.load(); ++i) {
        std::string key = std::to_string(t) + "-" + std::to_string(i);
        Status s = (*store)->WriteSync(
            [&](WriteTxn& txn) { return txn.Put("bench", key, std::string(256, 'v')); });
        if (s.ok()) acked.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop.store(true);
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  (*store)->Close();
  return static_cast<double>(acked.load()) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  rampart::store::testing::TempDir tmp;
  std::string dir = argc > 1 ? argv[1] : tmp.path();
  for (int writers : {1, 64}) {
    std::string path = dir + "/bench-" + std::to_string(writers) + ".db";
    double rate = Measure(path, writers, 2.0);
    std::printf("writers=%-3d  %10.0f acknowledged writes/s\n", writers, rate);
    std::remove(path.c_str());
  }
  return 0;
}
