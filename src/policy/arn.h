// ARN field splitting (first five colons) used by resource and Arn* condition matching.
#pragma once

#include <array>
#include <string_view>

namespace rampart::policy {

// The six ARN fields: arn, partition, service, region, account, resource.
using ArnFields = std::array<std::string_view, 6>;

// Splits on the first five colons. Returns the number of fields found (1..6); unfound
// trailing fields are left empty.
int SplitArn(std::string_view arn, ArnFields* out);

}  // namespace rampart::policy
