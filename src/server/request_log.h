// RequestLog: one structured JSON line per request on a stream; never carries a secret.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace rampart::server {

struct RequestLogEntry {
  int64_t time_ms = 0;
  std::string_view request_id;
  std::string_view service;
  std::string_view operation;
  int status = 0;
  double latency_ms = 0;
  std::string_view principal_arn;
  std::string_view access_key_id;
  std::string_view source_ip;
  std::string_view error_code;
  bool unverified_credentials = false;  // dev --dev-accept-any-credentials
};

class RequestLog {
 public:
  explicit RequestLog(FILE* out) : out_(out) {}
  void Write(const RequestLogEntry& entry);
  void Message(std::string_view level, std::string_view text);  // operational messages

 private:
  std::mutex mu_;
  FILE* out_;
};

}  // namespace rampart::server
