// Condition operators (spec §4) and policy-variable expansion (spec §3) at evaluation time.
#pragma once

#include <string>
#include <string_view>

#include "policy/compiled.h"
#include "policy/context.h"

namespace rampart::policy {

// Expands a template using the context; false means a variable resolved to NULL (§3.3).
// `*out` views either the template's literal or `*scratch`.
bool ExpandTemplate(const Template& t, const ContextKeys& keys, std::string* scratch,
                    std::string_view* out);

// Matches `text` against a Template with simple_glob set, without expanding it. False when a
// variable resolves to NULL (such an entry matches nothing, spec §3.3).
bool MatchSimpleTemplate(const Template& t, const ContextKeys& keys, std::string_view text);

// Evaluates one (operator, key, values) condition. Sets *missing when the key is absent.
bool EvaluateCondition(const Condition& c, const ContextKeys& keys, bool* missing);

}  // namespace rampart::policy
