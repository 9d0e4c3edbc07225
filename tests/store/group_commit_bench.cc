// Group-commit micro-benchmark: SQLite store document writes/s and audit appends/s with 1, 64
// and 256 concurrent submitters, plus writer-thread CPU per acknowledged write.
// Not a test (no assertions on timing); run by hand: store_group_commit_bench [dir] [seconds].
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "temp_dir.h"

namespace {

using rampart::Status;
using rampart::store::AuditRecord;
using rampart::store::SqliteOptions;
using rampart::store::WriteTxn;
using rampart::store::sqlite::SqliteStore;

enum class Mode { kPut, kAuditViaWrite, kAppendAudit };

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kPut:
      return "Write(Put 256B)";
    case Mode::kAuditViaWrite:
      return "Write(txn.AppendAudit)";
    case Mode::kAppendAudit:
      return "Store::AppendAudit";
  }
  return "?";
}

// A CloudTrail-sized event (~1.2 KB of JSON) with every lookup attribute set.
AuditRecord MakeEvent(int thread, long i) {
  AuditRecord r;
  char id[64];
  std::snprintf(id, sizeof id, "%08x-%04x-4%03x-8000-%012lx", static_cast<unsigned>(thread * 7919),
                static_cast<unsigned>(i & 0xffff), static_cast<unsigned>(thread & 0xfff),
                static_cast<unsigned long>(i));
  r.event_id = id;
  r.event_time_ms = 1705311000000 + i;
  r.account_id = "123456789012";
  r.event_name = (i % 3 == 0) ? "GetUser" : "ListRoles";
  r.event_source = "iam.amazonaws.com";
  r.username = "user-" + std::to_string(thread % 16);
  r.access_key_id = "AKIAEXAMPLE" + std::to_string(thread % 16);
  r.read_only = true;
  r.resource_type = "AWS::IAM::User";
  r.resource_name = "bob";
  r.json = "{\"eventVersion\":\"1.08\",\"eventID\":\"" + r.event_id + "\"," +
           std::string(1100, 'x') + "}";
  return r;
}

struct Sample {
  double per_second = 0;
  double writer_us_per_op = 0;   // writer thread CPU
  double process_us_per_op = 0;  // whole process (submitters included)
};

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

Status Submit(SqliteStore& store, Mode mode, int thread, long i) {
  switch (mode) {
    case Mode::kPut: {
      std::string key = std::to_string(thread) + "-" + std::to_string(i);
      return store.WriteSync(
          [&](WriteTxn& txn) { return txn.Put("bench", key, std::string(256, 'v')); });
    }
    case Mode::kAuditViaWrite: {
      AuditRecord r = MakeEvent(thread, i);
      return store.WriteSync([&](WriteTxn& txn) { return txn.AppendAudit(r); });
    }
    case Mode::kAppendAudit:
      return store.AppendAuditSync(MakeEvent(thread, i));
  }
  return Status::Ok();
}

// Runs `submitters` threads submitting synchronously for `seconds`.
Sample Measure(const std::string& path, Mode mode, int submitters, double seconds) {
  SqliteOptions options;
  options.path = path;
  auto opened = SqliteStore::Open(options);
  if (!opened.ok()) {
    std::fprintf(stderr, "open failed: %s\n", opened.error().message.c_str());
    return {};
  }
  SqliteStore& store = **opened;
  std::atomic<bool> stop{false};
  std::atomic<long> acked{0};
  std::vector<std::thread> threads;
  int64_t cpu_start = store.WriterCpuNanos();
  double process_start = ProcessCpuSeconds();
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < submitters; ++t) {
    threads.emplace_back([&, t] {
      for (long i = 0; !stop.load(); ++i) {
        if (Submit(store, mode, t, i).ok()) acked.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop.store(true);
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int64_t cpu_ns = store.WriterCpuNanos() - cpu_start;
  double process_s = ProcessCpuSeconds() - process_start;
  store.Close();
  Sample out;
  double n = static_cast<double>(acked.load());
  if (n == 0) return out;
  out.per_second = n / elapsed;
  out.writer_us_per_op = static_cast<double>(cpu_ns) / 1e3 / n;
  out.process_us_per_op = process_s * 1e6 / n;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  rampart::store::testing::TempDir tmp;
  std::string dir = argc > 1 && argv[1][0] != '\0' ? argv[1] : tmp.path();
  double seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
  std::printf("%-24s %11s %12s %16s %17s\n", "mode", "submitters", "acked/s", "writer CPU us/op",
              "process CPU us/op");
  // Optional third argument: only the modes whose name contains it (e.g. "Store::").
  std::string only = argc > 3 ? argv[3] : "";
  for (Mode mode : {Mode::kPut, Mode::kAuditViaWrite, Mode::kAppendAudit}) {
    if (std::string(ModeName(mode)).find(only) == std::string::npos) continue;
    for (int submitters : {1, 64, 256}) {
      std::string path = dir + "/bench-" + std::to_string(submitters) + ".db";
      Sample s = Measure(path, mode, submitters, seconds);
      std::printf("%-24s %11d %12.0f %16.1f %17.1f\n", ModeName(mode), submitters, s.per_second,
                  s.writer_us_per_op, s.process_us_per_op);
      std::fflush(stdout);
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    }
  }
  return 0;
}
