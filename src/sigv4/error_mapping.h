// Maps SigV4 failures to the AWS error each protocol family returns (spec §7.13).
#pragma once

#include "common/aws_error.h"
#include "sigv4/auth_error.h"

namespace rampart::sigv4 {

enum class ProtocolFamily { kQuery, kEc2, kJson, kS3 };

// Code, HTTP status and default message for a failure in a protocol family.
AwsError ToAwsError(AuthFailure failure, ProtocolFamily family);
// Same, with the parameterised message carried by `error` where that family uses it.
AwsError ToAwsError(const AuthError& error, ProtocolFamily family);

}  // namespace rampart::sigv4
