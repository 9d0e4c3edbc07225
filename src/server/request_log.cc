// JSON-lines request log.
#include "server/request_log.h"

#include <boost/json.hpp>

#include "common/time_format.h"

namespace rampart::server {

void RequestLog::Write(const RequestLogEntry& e) {
  if (!out_) return;
  boost::json::object o{{"time", FormatIso8601Millis(e.time_ms)},
                        {"level", "info"},
                        {"msg", "request"},
                        {"request_id", e.request_id},
                        {"service", e.service},
                        {"operation", e.operation},
                        {"status", e.status},
                        {"latency_us", static_cast<int64_t>(e.latency_ms * 1000.0)},
                        {"source_ip", e.source_ip}};
  if (!e.principal_arn.empty()) o["principal"] = e.principal_arn;
  if (!e.access_key_id.empty()) o["access_key_id"] = e.access_key_id;
  if (!e.error_code.empty()) o["error"] = e.error_code;
  if (e.unverified_credentials) o["unverified_credentials"] = true;
  std::string line = boost::json::serialize(o);
  line += '\n';
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

void RequestLog::Message(std::string_view level, std::string_view text) {
  if (!out_) return;
  std::string line =
      boost::json::serialize(boost::json::object{{"level", level}, {"msg", text}}) + "\n";
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace rampart::server
