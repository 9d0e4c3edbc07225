// policy_eval: JSON request {principal, action, resource, context, policies} -> JSON decision.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace rampart::policy {

// Evaluates one request document; returns the JSON answer. *exit_code is 0 on a decision,
// 2 on bad input (the answer then holds {"error":{...}}).
// An "id" member of the request, if any, is echoed as the first member of the answer.
std::string RunPolicyEval(std::string_view input, int* exit_code);

// Batch mode: one request per line in, one answer per line out (blank lines skipped).
// Returns the number of lines that were answered with an error.
size_t RunPolicyEvalJsonl(std::istream& in, std::ostream& out);

}  // namespace rampart::policy
