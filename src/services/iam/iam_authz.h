// IAM's authorization table: action, resource ARNs and condition keys of each operation.
#pragma once

#include <vector>

#include "authz/operation_auth.h"

namespace rampart::services::iam {

// One entry per implemented IAM operation (handlers are attached in iam_service.cc).
const std::vector<authz::OperationAuth>& IamAuthTable();

}  // namespace rampart::services::iam
