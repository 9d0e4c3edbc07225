// The request pipeline: every request takes the same stages, each a small interface.
#include "server/pipeline.h"

#include <boost/json.hpp>
#include <chrono>

#include "audit/event_builder.h"
#include "common/ids.h"
#include "protocol/protocol.h"

namespace rampart::server {

namespace json = boost::json;

struct Pipeline::Call {
  http::Request request;
  Respond respond;
  std::string request_id;
  std::chrono::steady_clock::time_point started;
  int64_t time_ms = 0;
  protocol::Route route{};
  bool routed = false;
  std::string service_name;  // signing name, e.g. "iam"
  std::string operation_name;
  std::string region;
  auth::AuthOutcome auth;
  bool authenticated = false;
  json::object input;
  const services::OperationEntry* entry = nullptr;
  std::string error_code;  // for the request log
};

namespace {

auth::Family FamilyOf(protocol::ProtocolKind kind, std::string_view signing_name) {
  switch (kind) {
    case protocol::ProtocolKind::kQuery:
      return auth::Family::kQuery;
    case protocol::ProtocolKind::kEc2:
      return auth::Family::kEc2;
    case protocol::ProtocolKind::kRestXml:
      return signing_name == "s3" ? auth::Family::kS3 : auth::Family::kJson;
    default:
      return auth::Family::kJson;
  }
}

// AccessDenied in the code each protocol family uses.
AwsError AccessDenied(protocol::ProtocolKind kind, std::string_view signing_name,
                      std::string message) {
  if (signing_name == "sns") return AwsError::Sender("AuthorizationError", std::move(message), 403);
  switch (kind) {
    case protocol::ProtocolKind::kEc2:
      return AwsError::Sender("UnauthorizedOperation", std::move(message), 403);
    case protocol::ProtocolKind::kJson:
      return AwsError::Sender("AccessDeniedException", std::move(message), 400);
    case protocol::ProtocolKind::kRestJson:
      return AwsError::Sender("AccessDeniedException", std::move(message), 403);
    default:
      return AwsError::Sender("AccessDenied", std::move(message), 403);
  }
}

AwsError NotImplemented(std::string_view op) {
  return AwsError::Sender("NotImplemented",
                          "The operation " + std::string(op) + " is not implemented by Rampart.",
                          501);
}

AwsError StoreUnavailable() {
  return AwsError::Receiver("ServiceUnavailable",
                            "The service is unavailable: the request could not be stored durably.",
                            503);
}

}  // namespace

Pipeline::Pipeline(PipelineOptions options, const services::Registry& registry,
                   auth::Authenticator& authenticator, authz::Enforcer& enforcer,
                   store::Store& store, const Clock& clock, Random& random, Metrics& metrics,
                   RequestLog& log)
    : options_(std::move(options)),
      registry_(registry),
      authenticator_(authenticator),
      enforcer_(enforcer),
      store_(store),
      clock_(clock),
      random_(random),
      metrics_(metrics),
      log_(log) {}

void Pipeline::Handle(http::Request request, Respond respond) {
  if (request.Path().starts_with("/_rampart/") || request.Path() == "/metrics") {
    HandleOps(request, respond);
    return;
  }
  auto call = std::make_shared<Call>();
  call->request = std::move(request);
  call->respond = std::move(respond);
  call->request_id = NewUuid(random_);
  call->started = std::chrono::steady_clock::now();
  call->time_ms = clock_.NowEpochMillis();

  // 1. Route: which service and operation.
  auth::ScopeHint hint = auth::Authenticator::Peek(call->request);
  call->region = hint.region.empty() ? options_.region : hint.region;
  auto route = protocol::RouteRequest(call->request, hint.service);
  if (!route.ok()) {
    call->error_code = route.error().code;
    Finish(call, protocol::EncodeError(nullptr, protocol::GuessProtocol(call->request),
                                       route.error(), call->request_id, &call->request));
    return;
  }
  call->route = *route;
  call->routed = true;
  call->service_name = std::string(call->route.service->SigningName());
  call->operation_name = std::string(call->route.service->Str(call->route.operation->name));
  call->entry = registry_.Find(call->service_name, call->operation_name);

  // 2. Authenticate.
  protocol::ProtocolKind kind = call->route.service->protocol;
  call->auth =
      authenticator_.Authenticate(call->request, call->service_name,
                                  FamilyOf(kind, call->service_name), call->service_name == "s3");
  if (!call->auth.ok) {
    metrics_.RecordAuthFailure(call->auth.error.code);
    FailBeforeHandler(call, call->auth.error);
    return;
  }
  call->authenticated = true;

  // 3. Decode and validate against the model.
  auto input = protocol::DecodeInput(call->route, call->request);
  if (!input.ok()) {
    FailBeforeHandler(call, input.error());
    return;
  }
  call->input = std::move(input).value();

  // 4. Authorize.
  if (!call->entry) {
    FailBeforeHandler(call, NotImplemented(call->operation_name));
    return;
  }
  const auth::Principal& principal = call->auth.principal;
  authz::ResolveInput resolve{principal, call->input, principal.account_id, call->region,
                              options_.partition};
  authz::RequestFacts facts{call->request.remote_ip, call->request.headers.Get("User-Agent"),
                            call->request.tls, call->region, clock_.Now()};
  authz::AuthzDecision decision = enforcer_.Authorize(call->entry->auth, resolve, facts);
  if (!decision.allowed()) {
    FailBeforeHandler(call, AccessDenied(kind, call->service_name, decision.message));
    return;
  }

  // 5. Handler, audit and durable commit, then encode.
  if (call->entry->auth.read_only) {
    RunRead(call);
  } else {
    RunWrite(call);
  }
}

void Pipeline::RunRead(const std::shared_ptr<Call>& call) {
  const auth::Principal& principal = call->auth.principal;
  services::CallContext ctx{
      principal,          call->request,        call->request_id, call->region,
      options_.partition, principal.account_id, clock_,           random_};
  std::optional<Result<services::Document>> result;
  Status read_status = store_.Read([&](store::ReadTxn& txn) -> Status {
    result.emplace(call->entry->read(ctx, call->input, txn));
    return Status::Ok();
  });
  if (!read_status.ok()) result.emplace(read_status.error());
  http::Response response;
  store::AuditRecord record;
  if (result->ok()) {
    response = protocol::EncodeOutput(call->route, result->value(), call->request_id);
    record = Audit(*call, &result->value(), nullptr);
  } else {
    call->error_code = result->error().code;
    response = EncodeError(*call, result->error());
    record = Audit(*call, nullptr, &result->error());
  }
  auto submitted = std::chrono::steady_clock::now();
  store_.AppendAudit(std::move(record), [this, call, submitted,
                                         response = std::move(response)](Status st) mutable {
    metrics_.RecordCommit(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - submitted).count());
    if (!st.ok()) {
      call->error_code = st.error().code;
      response = EncodeError(*call, st.error());
    }
    Finish(call, std::move(response));
  });
}

void Pipeline::RunWrite(const std::shared_ptr<Call>& call) {
  auto outcome = std::make_shared<std::optional<http::Response>>();
  auto submitted = std::chrono::steady_clock::now();
  store_.Write(
      [this, call, outcome](store::WriteTxn& txn) -> Status {
        const auth::Principal& principal = call->auth.principal;
        services::CallContext ctx{
            principal,          call->request,        call->request_id, call->region,
            options_.partition, principal.account_id, clock_,           random_};
        std::optional<Result<services::Document>> result;
        Status nested = txn.Nested([&](store::WriteTxn& inner) -> Status {
          result.emplace(call->entry->write(ctx, call->input, inner));
          if (!result->ok()) return result->error();
          return Status::Ok();
        });
        if (!result) result.emplace(nested.error());
        if (!nested.ok() && result->ok()) result.emplace(nested.error());
        if (result->ok()) {
          outcome->emplace(protocol::EncodeOutput(call->route, result->value(), call->request_id));
          return txn.AppendAudit(Audit(*call, &result->value(), nullptr));
        }
        call->error_code = result->error().code;
        outcome->emplace(EncodeError(*call, result->error()));
        return txn.AppendAudit(Audit(*call, nullptr, &result->error()));
      },
      [this, call, outcome, submitted](Status st) {
        metrics_.RecordCommit(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - submitted).count());
        if (!st.ok() || !outcome->has_value()) {
          call->error_code = st.ok() ? "InternalFailure" : st.error().code;
          Finish(call, EncodeError(*call, st.ok() ? AwsError::Internal() : st.error()));
          return;
        }
        Finish(call, std::move(**outcome));
      });
}

void Pipeline::FailBeforeHandler(const std::shared_ptr<Call>& call, AwsError error) {
  call->error_code = error.code;
  http::Response response = EncodeError(*call, error);
  store::AuditRecord record = Audit(*call, nullptr, &error);
  store_.AppendAudit(std::move(record),
                     [this, call, response = std::move(response)](Status st) mutable {
                       if (!st.ok()) response = EncodeError(*call, StoreUnavailable());
                       Finish(call, std::move(response));
                     });
}

store::AuditRecord Pipeline::Audit(const Call& call, const json::object* output,
                                   const AwsError* error) const {
  std::string event_id = NewUuid(random_);
  std::string source = call.service_name + ".amazonaws.com";
  audit::EventInput in;
  in.principal = call.authenticated ? &call.auth.principal : nullptr;
  in.access_key_id = call.auth.access_key_id;
  in.event_source = source;
  in.event_name = call.operation_name;
  in.region = call.region;
  in.source_ip = call.request.remote_ip;
  in.user_agent = call.request.headers.Get("User-Agent");
  in.request_id = call.request_id;
  in.event_id = event_id;
  in.recipient_account =
      call.authenticated ? std::string_view(call.auth.principal.account_id) : std::string_view();
  in.time_ms = call.time_ms;
  in.read_only = call.entry ? call.entry->auth.read_only : false;
  in.request_parameters = call.input.empty() ? nullptr : &call.input;
  in.response_elements = output;
  in.error = error;
  return audit::BuildEvent(in);
}

http::Response Pipeline::EncodeError(const Call& call, const AwsError& error) const {
  return protocol::EncodeError(
      call.routed ? call.route.service : nullptr,
      call.routed ? call.route.service->protocol : protocol::GuessProtocol(call.request), error,
      call.request_id, &call.request);
}

void Pipeline::Finish(const std::shared_ptr<Call>& call, http::Response response) {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - call->started).count();
  int status = response.status;
  // Metrics and the log line come first, so a client that saw its answer also finds them.
  metrics_.RecordRequest(call->service_name.empty() ? "unknown" : call->service_name,
                         call->operation_name.empty() ? "unknown" : call->operation_name, status,
                         seconds);
  RequestLogEntry entry;
  entry.time_ms = call->time_ms;
  entry.request_id = call->request_id;
  entry.service = call->service_name;
  entry.operation = call->operation_name;
  entry.status = status;
  entry.latency_ms = seconds * 1000.0;
  entry.principal_arn = call->authenticated ? call->auth.principal.arn : std::string_view();
  entry.access_key_id = call->auth.access_key_id;
  entry.source_ip = call->request.remote_ip;
  entry.error_code = call->error_code;
  entry.unverified_credentials = call->auth.ok && call->auth.unverified;
  log_.Write(entry);
  call->respond(std::move(response));
}

http::Response Pipeline::Reject(const http::Request* partial, int status, std::string_view code,
                                std::string_view message) {
  std::string request_id = NewUuid(random_);
  AwsError error{std::string(code), std::string(message), status,
                 status >= 500 ? Fault::kReceiver : Fault::kSender};
  const protocol::ServiceInfo* service = nullptr;
  protocol::ProtocolKind kind = protocol::ProtocolKind::kQuery;
  if (partial) {
    auth::ScopeHint hint = auth::Authenticator::Peek(*partial);
    service = protocol::FindServiceBySigningName(hint.service);
    kind = service ? service->protocol : protocol::GuessProtocol(*partial);
  }
  return protocol::EncodeError(service, kind, error, request_id, partial);
}

size_t Pipeline::BodyLimit(const http::Request& headers_only) const {
  auth::ScopeHint hint = auth::Authenticator::Peek(headers_only);
  // Bodies are buffered until S3 streaming lands; S3 gets a larger buffer than the RPC APIs.
  if (hint.service == "s3") return size_t{64} * 1024 * 1024;
  return size_t{16} * 1024 * 1024;
}

void Pipeline::HandleOps(const http::Request& request, Respond& respond) {
  http::Response r;
  if (request.Path() == "/_rampart/health") {
    store::StoreHealth health = store_.Health();
    json::array services;
    std::string last;
    registry_.ForEach([&](const std::string& service, const services::OperationEntry&) {
      if (service != last) services.push_back(json::string(service));
      last = service;
    });
    json::object body{{"status", health.writable ? "ok" : "degraded"},
                      {"version", options_.version},
                      {"store", json::object{{"backend", health.backend},
                                             {"writable", health.writable},
                                             {"detail", health.detail}}},
                      {"services", std::move(services)}};
    r.status = health.writable ? 200 : 503;
    r.headers.Add("Content-Type", "application/json");
    r.body = json::serialize(body);
  } else if (request.Path() == "/metrics") {
    r.headers.Add("Content-Type", "text/plain; version=0.0.4");
    r.body = metrics_.Render();
  } else {
    r.status = 404;
    r.headers.Add("Content-Type", "application/json");
    r.body = R"({"message":"Not Found"})";
  }
  respond(std::move(r));
}

}  // namespace rampart::server
