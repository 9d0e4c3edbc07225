// Times rampart::policy::Evaluate over a policy_eval JSONL case file (evaluation only).
//
// Usage: policy_jsonl_bench CASES.jsonl [MIN_SECONDS]
// All cases are loaded and their policies compiled before the clock starts. After one warm-up
// pass, whole passes over the cases are timed until MIN_SECONDS (default 1.0) have elapsed.
// A second measurement times ParsePolicy of every document of the case plus Evaluate, which is
// the work a simulator that takes raw policy JSON does per request. Prints one JSON object.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "policy/policy.h"

namespace rampart::policy::bench {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// One policy document kept both as text (for the parse+evaluate run) and compiled.
struct Doc {
  std::string text;
  PolicyType type = PolicyType::kIdentity;
};

// Where each document of a case goes in the PolicySet.
enum class Slot { kIdentity, kBoundary, kSession, kScp, kRcp, kResource };

struct SlotDoc {
  Slot slot;
  size_t level = 0;
  Doc doc;
};

struct Case {
  RequestContext ctx;
  PolicySet set;              // compiled once, for the evaluation-only run
  std::vector<SlotDoc> docs;  // raw documents, for the parse+evaluate run
  PolicySet shell;            // the set's flags and mode, without policies
};

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool Flag(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

bool PrincipalTypeFrom(const std::string& t, PrincipalType* out) {
  static const std::map<std::string, PrincipalType> kTypes = {
      {"root", PrincipalType::kRoot},
      {"user", PrincipalType::kUser},
      {"assumed-role", PrincipalType::kAssumedRole},
      {"role", PrincipalType::kAssumedRole},
      {"federated-user", PrincipalType::kFederatedUser},
      {"federated", PrincipalType::kFederatedUser},
      {"service", PrincipalType::kService},
      {"anonymous", PrincipalType::kAnonymous}};
  auto it = kTypes.find(t);
  if (it == kTypes.end()) return false;
  *out = it->second;
  return true;
}

std::string DocText(const json::value& v) {
  const json::value* doc = &v;
  if (v.is_object() && v.as_object().contains("document"))
    doc = v.as_object().if_contains("document");
  return doc->is_string() ? std::string(doc->as_string()) : json::serialize(*doc);
}

std::string ScalarString(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
}

void LoadContext(const json::object& in, RequestContext* ctx) {
  const json::value* c = in.if_contains("context");
  if (c == nullptr || !c->is_object()) return;
  for (const auto& kv : c->as_object()) {
    if (!kv.value().is_array()) {
      ctx->keys.Set(kv.key(), ScalarString(kv.value()));
      continue;
    }
    std::vector<std::string> values;
    for (const json::value& v : kv.value().as_array()) values.push_back(ScalarString(v));
    ctx->keys.SetMulti(kv.key(), std::move(values));
  }
}

void CollectDocs(const json::object& po, PolicyType resource_type, std::vector<SlotDoc>* out) {
  auto list = [&](std::string_view key, Slot slot, PolicyType type) {
    const json::value* v = po.if_contains(key);
    if (v == nullptr || !v->is_array()) return;
    for (const json::value& item : v->as_array()) out->push_back({slot, 0, {DocText(item), type}});
  };
  auto levels = [&](std::string_view key, Slot slot, PolicyType type) {
    const json::value* v = po.if_contains(key);
    if (v == nullptr || !v->is_array()) return;
    size_t level = 0;
    for (const json::value& lv : v->as_array()) {
      if (lv.is_array()) {
        for (const json::value& item : lv.as_array()) {
          out->push_back({slot, level, {DocText(item), type}});
        }
      }
      ++level;
    }
  };
  list("identity", Slot::kIdentity, PolicyType::kIdentity);
  if (const json::value* b = po.if_contains("boundary"); b && !b->is_null()) {
    out->push_back({Slot::kBoundary, 0, {DocText(*b), PolicyType::kBoundary}});
  }
  list("session", Slot::kSession, PolicyType::kSession);
  levels("scp", Slot::kScp, PolicyType::kScp);
  levels("rcp", Slot::kRcp, PolicyType::kRcp);
  if (const json::value* r = po.if_contains("resource"); r && !r->is_null()) {
    out->push_back({Slot::kResource, 0, {DocText(*r), resource_type}});
  }
}

// Parses every document and places it in `set` (which already carries flags and mode).
bool Assemble(const std::vector<SlotDoc>& docs, PolicySet* set) {
  ParseOptions options;
  options.max_size = SIZE_MAX;
  for (const SlotDoc& d : docs) {
    auto parsed = ParsePolicy(d.doc.text, d.doc.type, options);
    if (!parsed.ok()) return false;
    PolicyRef ref{*parsed, "p", "p"};
    switch (d.slot) {
      case Slot::kIdentity:
        set->identity.push_back(std::move(ref));
        break;
      case Slot::kBoundary:
        set->boundary = std::move(ref);
        break;
      case Slot::kSession:
        set->session.push_back(std::move(ref));
        break;
      case Slot::kScp:
        if (set->scp_levels.size() <= d.level) set->scp_levels.resize(d.level + 1);
        set->scp_levels[d.level].push_back(std::move(ref));
        break;
      case Slot::kRcp:
        if (set->rcp_levels.size() <= d.level) set->rcp_levels.resize(d.level + 1);
        set->rcp_levels[d.level].push_back(std::move(ref));
        break;
      case Slot::kResource:
        set->resource_policy = std::move(ref);
        break;
    }
  }
  return true;
}

bool LoadCase(std::string_view line, Case* c) {
  json::error_code ec;
  json::value root = json::parse(line, ec);
  if (ec || !root.is_object()) return false;
  const json::object& in = root.as_object();
  if (const json::value* p = in.if_contains("principal"); p && p->is_object()) {
    const json::object& po = p->as_object();
    if (!PrincipalTypeFrom(Str(po, "type"), &c->ctx.principal.type)) return false;
    c->ctx.principal.account = Str(po, "account");
    c->ctx.principal.arn = Str(po, "arn");
    c->ctx.principal.unique_id = Str(po, "unique_id");
    c->ctx.principal.role_arn = Str(po, "role_arn");
    c->ctx.principal.role_id = Str(po, "role_id");
    c->ctx.principal.parent_user_arn = Str(po, "parent_user_arn");
    c->ctx.principal.service = Str(po, "service");
    c->ctx.principal.federated_provider = Str(po, "federated_provider");
    c->ctx.principal.canonical_user = Str(po, "canonical_user");
    c->ctx.principal.service_linked_role = Flag(po, "service_linked_role");
  }
  c->ctx.action = Str(in, "action");
  if (c->ctx.action.empty()) return false;
  if (std::string r = Str(in, "resource"); !r.empty()) c->ctx.resource = r;
  c->ctx.resource_account = Str(in, "resource_account");
  LoadContext(in, &c->ctx);
  if (const json::value* pv = in.if_contains("policies"); pv && pv->is_object()) {
    const json::object& po = pv->as_object();
    std::string mode = Str(po, "mode");
    c->shell.mode = mode == "kms"     ? ResourceMode::kKmsKey
                    : mode == "trust" ? ResourceMode::kRoleTrust
                                      : ResourceMode::kNormal;
    c->shell.session_policies_apply = Flag(po, "session_policies_apply");
    c->shell.principal_is_management_account = Flag(po, "principal_is_management_account");
    c->shell.resource_is_management_account = Flag(po, "resource_is_management_account");
    CollectDocs(
        po, c->shell.mode == ResourceMode::kRoleTrust ? PolicyType::kTrust : PolicyType::kResource,
        &c->docs);
  }
  c->set = c->shell;
  return Assemble(c->docs, &c->set);
}

struct Timing {
  uint64_t decisions = 0;
  double seconds = 0;
  uint64_t allow = 0, explicit_deny = 0, implicit_deny = 0;
};

void Count(const Decision& d, Timing* t) {
  if (d.outcome == Outcome::kAllow) ++t->allow;
  if (d.outcome == Outcome::kExplicitDeny) ++t->explicit_deny;
  if (d.outcome == Outcome::kImplicitDeny) ++t->implicit_deny;
}

// Runs `pass` (one pass over all cases; returns decisions made) until min_seconds elapse.
template <typename Pass>
Timing Measure(double min_seconds, Pass pass) {
  Timing warm;
  pass(&warm);  // warm-up: caches, branch predictors, thread-local scratch buffers
  Timing t;
  auto start = Clock::now();
  do {
    pass(&t);
    t.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  } while (t.seconds < min_seconds);
  return t;
}

json::object Report(const Timing& t, size_t cases) {
  json::object o;
  o["decisions"] = t.decisions;
  o["passes"] = cases ? t.decisions / cases : 0;
  o["seconds"] = t.seconds;
  o["decisions_per_sec"] = t.seconds > 0 ? static_cast<double>(t.decisions) / t.seconds : 0.0;
  uint64_t passes = cases ? t.decisions / cases : 1;
  json::object per_pass;
  per_pass["Allow"] = t.allow / passes;
  per_pass["ExplicitDeny"] = t.explicit_deny / passes;
  per_pass["ImplicitDeny"] = t.implicit_deny / passes;
  o["outcomes_per_pass"] = std::move(per_pass);
  return o;
}

int Run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: policy_jsonl_bench CASES.jsonl [MIN_SECONDS]\n";
    return 2;
  }
  double min_seconds = argc > 2 ? std::atof(argv[2]) : 1.0;
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 2;
  }
  std::vector<Case> cases;
  size_t rejected = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Case c;
    if (LoadCase(line, &c)) {
      cases.push_back(std::move(c));
    } else {
      ++rejected;
    }
  }
  if (cases.empty()) {
    std::cerr << "no usable cases in " << argv[1] << "\n";
    return 2;
  }
  Timing eval = Measure(min_seconds, [&](Timing* t) {
    for (const Case& c : cases) Count(Evaluate(c.set, c.ctx), t);
    t->decisions += cases.size();
  });
  Timing parse_eval = Measure(min_seconds, [&](Timing* t) {
    for (const Case& c : cases) {
      PolicySet set = c.shell;
      if (!Assemble(c.docs, &set)) continue;
      Count(Evaluate(set, c.ctx), t);
    }
    t->decisions += cases.size();
  });
  json::object out;
  out["cases"] = cases.size();
  out["rejected"] = rejected;
  out["evaluate"] = Report(eval, cases.size());
  out["parse_and_evaluate"] = Report(parse_eval, cases.size());
  std::cout << json::serialize(out) << "\n";
  return 0;
}

}  // namespace
}  // namespace rampart::policy::bench

int main(int argc, char** argv) {
  try {
    return rampart::policy::bench::Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "policy_jsonl_bench: " << e.what() << "\n";
    return 2;
  }
}
