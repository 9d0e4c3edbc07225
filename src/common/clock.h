// Clock seam: every component reads time through this so tests can inject it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace rampart {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;

  int64_t NowEpochSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
  }
  int64_t NowEpochMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told to; for tests and accelerated runs.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t epoch_millis = 1705311000000)  // 2024-01-15T09:30:00Z
      : millis_(epoch_millis) {}
  TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(millis_.load())); }
  void Set(int64_t epoch_millis) { millis_.store(epoch_millis); }
  void Advance(std::chrono::milliseconds d) { millis_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> millis_;
};

}  // namespace rampart
