// AwsError: the service error a client sees (code, message, HTTP status, fault side).
#pragma once

#include <string>
#include <utility>

namespace rampart {

enum class Fault { kSender, kReceiver };

struct AwsError {
  std::string code;     // e.g. "NoSuchEntity", "AccessDenied"
  std::string message;  // human-readable; never contains a secret
  int http_status = 400;
  Fault fault = Fault::kSender;

  static AwsError Sender(std::string code, std::string message, int status = 400) {
    return {std::move(code), std::move(message), status, Fault::kSender};
  }
  static AwsError Receiver(std::string code, std::string message, int status = 500) {
    return {std::move(code), std::move(message), status, Fault::kReceiver};
  }
  static AwsError Internal(std::string message = "An internal error occurred.") {
    return {"InternalFailure", std::move(message), 500, Fault::kReceiver};
  }
};

}  // namespace rampart
