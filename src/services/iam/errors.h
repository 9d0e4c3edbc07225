// IAM error constructors with IAM's codes, statuses and message wording.
#pragma once

#include <string>
#include <string_view>

#include "common/aws_error.h"

namespace rampart::services::iam {

inline AwsError NoSuchUser(std::string_view name) {
  return AwsError::Sender("NoSuchEntity",
                          "The user with name " + std::string(name) + " cannot be found.", 404);
}
inline AwsError NoSuchAccessKey(std::string_view id) {
  return AwsError::Sender("NoSuchEntity",
                          "The Access Key with id " + std::string(id) + " cannot be found.", 404);
}
inline AwsError UserExists(std::string_view name) {
  return AwsError::Sender("EntityAlreadyExists",
                          "User with name " + std::string(name) + " already exists.", 409);
}
inline AwsError LimitExceeded(std::string message) {
  return AwsError::Sender("LimitExceeded", std::move(message), 409);
}
inline AwsError DeleteConflict(std::string message) {
  return AwsError::Sender("DeleteConflict", std::move(message), 409);
}
inline AwsError InvalidInput(std::string message) {
  return AwsError::Sender("InvalidInput", std::move(message), 400);
}

}  // namespace rampart::services::iam
