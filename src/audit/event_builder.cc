// CloudTrail event construction: userIdentity per principal type, parameters, errors.
#include "audit/event_builder.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "common/time_format.h"

namespace rampart::audit {

namespace json = boost::json;

namespace {

constexpr std::string_view kHidden = "HIDDEN_DUE_TO_SECURITY_REASONS";

std::string LowerCamel(std::string_view name) {
  std::string out(name);
  // "SSEKMSKeyId" → "sSEKMSKeyId" would be wrong; lower the leading run of capitals except
  // the last one when it starts a word, the way CloudTrail does for acronyms.
  size_t run = 0;
  while (run < out.size() && out[run] >= 'A' && out[run] <= 'Z') ++run;
  if (run == 0) return out;
  size_t lower_to = (run > 1 && run < out.size()) ? run - 1 : run;
  for (size_t i = 0; i < lower_to; ++i) out[i] = static_cast<char>(out[i] + 32);
  return out;
}

json::value RedactValue(std::string_view name, const json::value& v);

json::object RedactObject(const json::object& o) {
  json::object out;
  for (const auto& kv : o) out[LowerCamel(kv.key())] = RedactValue(kv.key(), kv.value());
  return out;
}

json::value RedactValue(std::string_view name, const json::value& v) {
  if (IsSecretMember(name)) return json::string(kHidden);
  if (v.is_object()) return RedactObject(v.get_object());
  if (v.is_array()) {
    json::array a;
    for (const auto& e : v.get_array()) a.push_back(RedactValue("", e));
    return a;
  }
  return v;
}

json::object UserIdentity(const EventInput& in) {
  const auth::Principal* p = in.principal;
  if (!p) {
    json::object o{{"type", "Unknown"}};
    if (!in.access_key_id.empty()) o["accessKeyId"] = in.access_key_id;
    return o;
  }
  json::object o{{"type", auth::PrincipalTypeName(p->type)}};
  if (p->type == auth::PrincipalType::kAnonymous) {
    o["principalId"] = "";
    o["accountId"] = "ANONYMOUS_PRINCIPAL";
    return o;
  }
  o["principalId"] = p->user_id;
  o["arn"] = p->arn;
  o["accountId"] = p->account_id;
  if (!p->access_key_id.empty()) o["accessKeyId"] = p->access_key_id;
  if (p->type == auth::PrincipalType::kIamUser) o["userName"] = p->name;
  if (p->temporary) {
    json::object ctx{{"attributes",
                      json::object{{"creationDate", FormatIso8601(p->session_issued_ms / 1000)},
                                   {"mfaAuthenticated", p->mfa_authenticated ? "true" : "false"}}}};
    if (p->type == auth::PrincipalType::kAssumedRole) {
      ctx["sessionIssuer"] =
          json::object{{"type", "Role"},
                       {"principalId", p->user_id.substr(0, p->user_id.find(':'))},
                       {"arn", p->role_arn},
                       {"accountId", p->account_id},
                       {"userName", p->role_name}};
    }
    if (!p->source_identity.empty()) ctx["sourceIdentity"] = p->source_identity;
    o["sessionContext"] = std::move(ctx);
  }
  return o;
}

std::string LookupUsername(const EventInput& in) {
  const auth::Principal* p = in.principal;
  if (!p) return {};
  switch (p->type) {
    case auth::PrincipalType::kRoot:
      return "root";
    case auth::PrincipalType::kIamUser:
    case auth::PrincipalType::kFederatedUser:
      return p->name;
    case auth::PrincipalType::kAssumedRole:
    case auth::PrincipalType::kWebIdentityUser:
    case auth::PrincipalType::kSamlUser:
      return p->session_name;
    default:
      return {};
  }
}

}  // namespace

bool IsSecretMember(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kSecrets = {
      "password",      "newpassword",         "oldpassword",         "secretaccesskey",
      "sessiontoken",  "plaintext",           "privatekeyplaintext", "base32stringseed",
      "qrcodepng",     "authenticationcode1", "authenticationcode2", "tokencode",
      "samlassertion", "webidentitytoken"};
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kSecrets.begin(), kSecrets.end(), lower) != kSecrets.end();
}

json::object RedactedParameters(const json::object& doc) { return RedactObject(doc); }

store::AuditRecord BuildEvent(const EventInput& in) {
  json::object e;
  e["eventVersion"] = "1.09";
  e["userIdentity"] = UserIdentity(in);
  e["eventTime"] = FormatIso8601(in.time_ms / 1000);
  e["eventSource"] = in.event_source;
  e["eventName"] = in.event_name;
  e["awsRegion"] = in.region;
  e["sourceIPAddress"] = in.source_ip;
  e["userAgent"] = in.user_agent;
  if (in.error) {
    e["errorCode"] = in.error->code;
    e["errorMessage"] = in.error->message;
  }
  if (in.request_parameters && !in.request_parameters->empty()) {
    e["requestParameters"] = RedactedParameters(*in.request_parameters);
  } else {
    e["requestParameters"] = nullptr;
  }
  if (!in.read_only && !in.error && in.response_elements && !in.response_elements->empty()) {
    e["responseElements"] = RedactedParameters(*in.response_elements);
  } else {
    e["responseElements"] = nullptr;
  }
  e["requestID"] = in.request_id;
  e["eventID"] = in.event_id;
  e["readOnly"] = in.read_only;
  e["eventType"] = "AwsApiCall";
  e["managementEvent"] = true;
  e["recipientAccountId"] = in.recipient_account;
  e["eventCategory"] = "Management";
  store::AuditRecord r;
  r.event_id = std::string(in.event_id);
  r.event_time_ms = in.time_ms;
  r.account_id = std::string(in.recipient_account);
  r.event_name = std::string(in.event_name);
  r.event_source = std::string(in.event_source);
  r.username = LookupUsername(in);
  r.access_key_id = in.principal ? in.principal->access_key_id : std::string(in.access_key_id);
  r.read_only = in.read_only;
  r.json = json::serialize(e);
  return r;
}

}  // namespace rampart::audit
