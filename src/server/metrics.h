// Metrics: request counters, latency histogram, auth failures and store commit latency,
// rendered in the Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace rampart::server {

class Histogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  void Observe(double seconds);
  std::string Render(const std::string& name) const;

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micros_{0};
};

class Metrics {
 public:
  void RecordRequest(const std::string& service, const std::string& operation, int status,
                     double seconds);
  void RecordAuthFailure(const std::string& code);
  void RecordCommit(double seconds) { commit_latency_.Observe(seconds); }
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, uint64_t> auth_failures_;
  Histogram request_latency_;
  Histogram commit_latency_;
};

}  // namespace rampart::server
