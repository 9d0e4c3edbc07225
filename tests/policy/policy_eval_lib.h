// policy_eval: JSON request {principal, action, resource, context, policies} -> JSON decision.
#pragma once

#include <string>
#include <string_view>

namespace rampart::policy {

// Evaluates one request document; returns the JSON answer. *exit_code is 0 on a decision,
// 2 on bad input (the answer then holds {"error":{...}}).
std::string RunPolicyEval(std::string_view input, int* exit_code);

}  // namespace rampart::policy
