// Builds the CloudTrail management event of one request, redacting secrets where it is built.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "auth/principal.h"
#include "common/aws_error.h"
#include "store/store.h"

namespace rampart::audit {

struct EventInput {
  const auth::Principal* principal = nullptr;  // null when authentication failed
  std::string_view access_key_id;              // as presented, when authentication failed
  std::string_view event_source;               // "iam.amazonaws.com"
  std::string_view event_name;                 // "CreateUser"
  std::string_view region;
  std::string_view source_ip;
  std::string_view user_agent;
  std::string_view request_id;
  std::string_view event_id;
  std::string_view recipient_account;
  int64_t time_ms = 0;
  bool read_only = false;
  const boost::json::object* request_parameters = nullptr;
  const boost::json::object* response_elements = nullptr;  // ignored for read-only calls
  const AwsError* error = nullptr;
};

store::AuditRecord BuildEvent(const EventInput& in);

// Copy of `doc` with member names turned lowerCamel and secret values replaced.
boost::json::object RedactedParameters(const boost::json::object& doc);

// True for member names whose values are secrets (case-insensitive).
bool IsSecretMember(std::string_view name);

}  // namespace rampart::audit
