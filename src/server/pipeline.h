// Pipeline: the fixed request sequence route → authenticate → decode → authorize → handler →
// audit → encode. No handler is reachable except through Pipeline::Handle.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "auth/authenticator.h"
#include "authz/enforcer.h"
#include "http/message.h"
#include "server/metrics.h"
#include "server/request_log.h"
#include "services/registry.h"
#include "store/store.h"

namespace rampart::server {

struct PipelineOptions {
  std::string region = "us-east-1";
  std::string partition = "aws";
  std::string version;
};

class Pipeline {
 public:
  using Respond = std::function<void(http::Response)>;

  Pipeline(PipelineOptions options, const services::Registry& registry,
           auth::Authenticator& authenticator, authz::Enforcer& enforcer, store::Store& store,
           const Clock& clock, Random& random, Metrics& metrics, RequestLog& log);

  void Handle(http::Request request, Respond respond);

  // Transport-level rejections (limits, timeouts) in the request's protocol.
  http::Response Reject(const http::Request* partial, int status, std::string_view code,
                        std::string_view message);
  // Body limit for a request whose headers were read.
  size_t BodyLimit(const http::Request& headers_only) const;

 private:
  struct Call;
  void HandleOps(const http::Request& request, Respond& respond);
  void Finish(const std::shared_ptr<Call>& call, http::Response response);
  void FailBeforeHandler(const std::shared_ptr<Call>& call, AwsError error);
  void RunRead(const std::shared_ptr<Call>& call);
  void RunWrite(const std::shared_ptr<Call>& call);
  store::AuditRecord Audit(const Call& call, const boost::json::object* output,
                           const AwsError* error) const;
  http::Response EncodeError(const Call& call, const AwsError& error) const;

  PipelineOptions options_;
  const services::Registry& registry_;
  auth::Authenticator& authenticator_;
  authz::Enforcer& enforcer_;
  store::Store& store_;
  const Clock& clock_;
  Random& random_;
  Metrics& metrics_;
  RequestLog& log_;
};

}  // namespace rampart::server
