// Prometheus text rendering of the server's counters and histograms.
#include "server/metrics.h"

#include <cstdio>

namespace rampart::server {

void Histogram::Observe(double seconds) {
  size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Histogram::Render(const std::string& name) const {
  std::string out = "# TYPE " + name + " histogram\n";
  uint64_t cumulative = 0;
  char line[160];
  for (size_t i = 0; i < kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    std::snprintf(line, sizeof line, "%s_bucket{le=\"%g\"} %llu\n", name.c_str(), kBounds[i],
                  static_cast<unsigned long long>(cumulative));
    out += line;
  }
  cumulative += buckets_[kBounds.size()].load(std::memory_order_relaxed);
  std::snprintf(line, sizeof line, "%s_bucket{le=\"+Inf\"} %llu\n%s_sum %.6f\n%s_count %llu\n",
                name.c_str(), static_cast<unsigned long long>(cumulative), name.c_str(),
                static_cast<double>(sum_micros_.load()) / 1e6, name.c_str(),
                static_cast<unsigned long long>(count_.load()));
  out += line;
  return out;
}

void Metrics::RecordRequest(const std::string& service, const std::string& operation, int status,
                            double seconds) {
  request_latency_.Observe(seconds);
  std::lock_guard lock(mu_);
  ++requests_[{service, operation, status}];
}

void Metrics::RecordAuthFailure(const std::string& code) {
  std::lock_guard lock(mu_);
  ++auth_failures_[code];
}

std::string Metrics::Render() const {
  std::string out = "# TYPE rampart_requests_total counter\n";
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, n] : requests_) {
      const auto& [service, operation, status] = key;
      out += "rampart_requests_total{service=\"" + service + "\",operation=\"" + operation +
             "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
    out += "# TYPE rampart_authentication_failures_total counter\n";
    for (const auto& [code, n] : auth_failures_)
      out += "rampart_authentication_failures_total{code=\"" + code + "\"} " + std::to_string(n) +
             "\n";
  }
  out += request_latency_.Render("rampart_request_duration_seconds");
  out += commit_latency_.Render("rampart_store_commit_duration_seconds");
  return out;
}

}  // namespace rampart::server
