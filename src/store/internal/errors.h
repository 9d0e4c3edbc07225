// Errors and argument checks shared by the store backends.
#pragma once

#include <string>
#include <string_view>

#include "common/aws_error.h"
#include "common/result.h"

namespace rampart::store::internal {

// The receiver-side error every client sees when storage cannot take a write (or read).
inline AwsError Unavailable(std::string message) {
  return AwsError::Receiver("ServiceUnavailable", std::move(message), 503);
}

inline AwsError ClosedError() { return Unavailable("The storage layer is shut down."); }

// Collection and key names must be non-empty; anything else is a caller bug.
inline Status CheckName(std::string_view what, std::string_view name) {
  if (name.empty()) return AwsError::Internal("store: empty " + std::string(what));
  return Status::Ok();
}

inline Status CheckDocRef(std::string_view collection, std::string_view key) {
  RAMPART_TRY(CheckName("collection", collection));
  return CheckName("key", key);
}

// Smallest string greater than every string starting with `prefix`; empty when unbounded.
inline std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty() && static_cast<unsigned char>(s.back()) == 0xFF) s.pop_back();
  if (!s.empty()) s.back() = static_cast<char>(static_cast<unsigned char>(s.back()) + 1);
  return s;
}

}  // namespace rampart::store::internal
