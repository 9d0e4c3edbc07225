// The policy_eval CLI core, used by differential harnesses (see policy_eval_lib.h for format).
//
// Input:
//  {"principal":{"type":"user|root|assumed-role|federated-user|service|anonymous",
//                "account":"...","arn":"...","unique_id":"...","role_arn":"...","role_id":"...",
//                "parent_user_arn":"...","service":"...","federated_provider":"...",
//                "canonical_user":"...","service_linked_role":false},
//   "action":"s3:GetObject","resource":"arn:...","resource_account":"...",
//   "context":{"aws:SourceIp":"203.0.113.1","aws:TagKeys":["a","b"]},   (arrays = multi-valued)
//   "policies":{"identity":[P...],"boundary":P,"session":[P...],"session_policies_apply":false,
//               "scp":[[P...]...],"principal_is_management_account":false,
//               "rcp":[[P...]...],"resource_is_management_account":false,
//               "resource":P,"mode":"normal|kms|trust"}}
//  where P is a policy document (object or JSON string) or {"id":..,"name":..,"document":..}.
// Output: {"decision":"Allow|ExplicitDeny|ImplicitDeny","decided_by":"identity|...|null",
//          "matched":[{"type","policy_id","policy_name","sid","index","effect"}],
//          "missing_keys":[...],"message":"..."}
#include "policy_eval_lib.h"

#include <boost/json.hpp>
#include <exception>
#include <istream>
#include <ostream>

#include "policy/policy.h"

namespace rampart::policy {

namespace json = boost::json;

namespace {

struct InputError {
  std::string code;
  std::string message;
  std::string where;
};

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool Flag(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

PrincipalType ParsePrincipalType(const std::string& t) {
  if (t == "root") return PrincipalType::kRoot;
  if (t == "user") return PrincipalType::kUser;
  if (t == "assumed-role" || t == "role") return PrincipalType::kAssumedRole;
  if (t == "federated-user" || t == "federated") return PrincipalType::kFederatedUser;
  if (t == "service") return PrincipalType::kService;
  if (t == "anonymous") return PrincipalType::kAnonymous;
  throw InputError{"InvalidInput", "unknown principal type: " + t, "principal.type"};
}

PolicyRef LoadPolicy(const json::value& v, PolicyType type, const std::string& where) {
  PolicyRef ref;
  ref.id = where;
  ref.name = where;
  const json::value* doc = &v;
  if (v.is_object() && v.as_object().contains("document")) {
    const json::object& o = v.as_object();
    doc = o.if_contains("document");
    if (std::string id = Str(o, "id"); !id.empty()) ref.id = id;
    if (std::string name = Str(o, "name"); !name.empty()) ref.name = name;
  }
  std::string text = doc->is_string() ? std::string(doc->as_string()) : json::serialize(*doc);
  ParseOptions options;
  options.max_size = SIZE_MAX;
  auto parsed = ParsePolicy(text, type, options);
  if (!parsed.ok()) throw InputError{parsed.error().code, parsed.error().message, where};
  ref.policy = *parsed;
  return ref;
}

std::vector<PolicyRef> LoadList(const json::object& o, std::string_view key, PolicyType type) {
  std::vector<PolicyRef> out;
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return out;
  if (!v->is_array()) throw InputError{"InvalidInput", "expected an array", std::string(key)};
  size_t i = 0;
  for (const json::value& item : v->as_array()) {
    out.push_back(LoadPolicy(item, type, std::string(key) + "[" + std::to_string(i++) + "]"));
  }
  return out;
}

std::vector<std::vector<PolicyRef>> LoadLevels(const json::object& o, std::string_view key,
                                               PolicyType type) {
  std::vector<std::vector<PolicyRef>> out;
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return out;
  if (!v->is_array()) throw InputError{"InvalidInput", "expected levels", std::string(key)};
  size_t level = 0;
  for (const json::value& lv : v->as_array()) {
    if (!lv.is_array())
      throw InputError{"InvalidInput", "expected a level array", std::string(key)};
    out.emplace_back();
    size_t i = 0;
    for (const json::value& item : lv.as_array()) {
      out.back().push_back(LoadPolicy(
          item, type,
          std::string(key) + "[" + std::to_string(level) + "][" + std::to_string(i++) + "]"));
    }
    ++level;
  }
  return out;
}

std::string ScalarString(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  return json::serialize(v);
}

json::object Answer(const Decision& d, const RequestContext& ctx) {
  json::object out;
  out["decision"] = std::string(OutcomeName(d.outcome));
  out["decided_by"] =
      d.decided_by ? json::value(std::string(PolicyTypeName(*d.decided_by))) : json::value(nullptr);
  json::array matched;
  for (const MatchedStatement& m : d.matched) {
    json::object s;
    s["type"] = std::string(PolicyTypeName(m.type));
    s["policy_id"] = std::string(m.policy_id);
    s["policy_name"] = std::string(m.policy_name);
    s["sid"] = std::string(m.sid);
    s["index"] = m.index;
    s["effect"] = m.allow ? "Allow" : "Deny";
    matched.push_back(std::move(s));
  }
  out["matched"] = std::move(matched);
  json::array missing;
  for (std::string_view k : d.missing_keys) missing.push_back(json::string(k));
  out["missing_keys"] = std::move(missing);
  out["message"] = AccessDeniedMessage(
      d, ctx.principal.arn.empty() ? "anonymous" : ctx.principal.arn, ctx.action, ctx.resource);
  return out;
}

std::string Evaluate(std::string_view input) {
  json::error_code ec;
  json::value root = json::parse(input, ec);
  if (ec || !root.is_object()) throw InputError{"InvalidInput", "input is not a JSON object", ""};
  const json::object& in = root.as_object();
  RequestContext ctx;
  if (const json::value* p = in.if_contains("principal"); p && p->is_object()) {
    const json::object& po = p->as_object();
    ctx.principal.type = ParsePrincipalType(Str(po, "type"));
    ctx.principal.account = Str(po, "account");
    ctx.principal.arn = Str(po, "arn");
    ctx.principal.unique_id = Str(po, "unique_id");
    ctx.principal.role_arn = Str(po, "role_arn");
    ctx.principal.role_id = Str(po, "role_id");
    ctx.principal.parent_user_arn = Str(po, "parent_user_arn");
    ctx.principal.service = Str(po, "service");
    ctx.principal.federated_provider = Str(po, "federated_provider");
    ctx.principal.canonical_user = Str(po, "canonical_user");
    ctx.principal.service_linked_role = Flag(po, "service_linked_role");
  }
  ctx.action = Str(in, "action");
  if (ctx.action.empty()) throw InputError{"InvalidInput", "action is required", "action"};
  if (std::string r = Str(in, "resource"); !r.empty()) ctx.resource = r;
  ctx.resource_account = Str(in, "resource_account");
  if (const json::value* c = in.if_contains("context"); c && c->is_object()) {
    for (const auto& kv : c->as_object()) {
      if (kv.value().is_array()) {
        std::vector<std::string> values;
        for (const json::value& v : kv.value().as_array()) values.push_back(ScalarString(v));
        ctx.keys.SetMulti(kv.key(), std::move(values));
      } else {
        ctx.keys.Set(kv.key(), ScalarString(kv.value()));
      }
    }
  }
  PolicySet set;
  if (const json::value* pv = in.if_contains("policies"); pv && pv->is_object()) {
    const json::object& po = pv->as_object();
    std::string mode = Str(po, "mode");
    set.mode = mode == "kms"     ? ResourceMode::kKmsKey
               : mode == "trust" ? ResourceMode::kRoleTrust
                                 : ResourceMode::kNormal;
    set.identity = LoadList(po, "identity", PolicyType::kIdentity);
    if (const json::value* b = po.if_contains("boundary"); b && !b->is_null()) {
      set.boundary = LoadPolicy(*b, PolicyType::kBoundary, "boundary");
    }
    set.session = LoadList(po, "session", PolicyType::kSession);
    set.session_policies_apply = Flag(po, "session_policies_apply");
    set.scp_levels = LoadLevels(po, "scp", PolicyType::kScp);
    set.principal_is_management_account = Flag(po, "principal_is_management_account");
    set.rcp_levels = LoadLevels(po, "rcp", PolicyType::kRcp);
    set.resource_is_management_account = Flag(po, "resource_is_management_account");
    if (const json::value* r = po.if_contains("resource"); r && !r->is_null()) {
      set.resource_policy = LoadPolicy(
          *r, set.mode == ResourceMode::kRoleTrust ? PolicyType::kTrust : PolicyType::kResource,
          "resource");
    }
  }
  Decision d = policy::Evaluate(set, ctx);
  return json::serialize(Answer(d, ctx));
}

// The request's "id" (any JSON value) as serialized JSON, or "" when absent or unparsable.
std::string RequestId(std::string_view input) {
  json::error_code ec;
  json::value root = json::parse(input, ec);
  if (ec || !root.is_object()) return std::string();
  const json::value* id = root.as_object().if_contains("id");
  return id ? json::serialize(*id) : std::string();
}

// Prepends "id":<id> to a serialized JSON object.
std::string WithId(const std::string& id, std::string answer) {
  if (id.empty() || answer.size() < 2 || answer[0] != '{') return answer;
  std::string prefix = "{\"id\":" + id + (answer == "{}" ? "" : ",");
  return prefix + answer.substr(1);
}

std::string RunOne(std::string_view input, int* exit_code) {
  try {
    std::string out = Evaluate(input);
    *exit_code = 0;
    return out;
  } catch (const InputError& e) {
    *exit_code = 2;
    json::object err;
    err["code"] = e.code;
    err["message"] = e.message;
    err["where"] = e.where;
    json::object out;
    out["error"] = std::move(err);
    return json::serialize(out);
  } catch (const std::exception& e) {
    *exit_code = 2;
    json::object err;
    err["code"] = "InternalError";
    err["message"] = e.what();
    json::object out;
    out["error"] = std::move(err);
    return json::serialize(out);
  }
}

}  // namespace

std::string RunPolicyEval(std::string_view input, int* exit_code) {
  std::string answer = RunOne(input, exit_code);
  try {
    return WithId(RequestId(input), std::move(answer));
  } catch (const std::exception&) {
    return answer;
  }
}

size_t RunPolicyEvalJsonl(std::istream& in, std::ostream& out) {
  size_t errors = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    int code = 0;
    out << RunPolicyEval(line, &code) << "\n";
    if (code != 0) ++errors;
  }
  out.flush();
  return errors;
}

}  // namespace rampart::policy
