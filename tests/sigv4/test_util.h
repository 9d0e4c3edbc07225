// Shared fixtures for SigV4 tests: the §7.14 credentials, time and request builders.
#pragma once

#include <chrono>
#include <string>

#include "common/clock.h"
#include "http/message.h"

namespace rampart::sigv4::testing {

inline constexpr const char* kAkid = "AKIAIOSFODNN7EXAMPLE";
inline constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline constexpr int64_t kEpoch = 1705311000;  // 20240115T093000Z

inline Clock::TimePoint At(int64_t epoch_seconds) {
  return Clock::TimePoint(std::chrono::seconds(epoch_seconds));
}
inline Clock::TimePoint T0() { return At(kEpoch); }

// Vector 1: STS GetCallerIdentity POST, unsigned.
inline http::Request StsRequest() {
  http::Request r;
  r.method = "POST";
  r.target = "/";
  r.headers.Add("Host", "sts.us-east-1.amazonaws.com");
  r.headers.Add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  r.body = "Action=GetCallerIdentity&Version=2011-06-15";
  return r;
}

inline const char* kVector1Authorization =
    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240115/us-east-1/sts/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date, "
    "Signature=0c2c921245d086367e154d99ad594da155e7f7f493c5e4bb32c0db03cb677369";

}  // namespace rampart::sigv4::testing
