// Proves the pipeline's gate: every registered operation of every service reaches its handler
// only after the enforcer asked the decider (and never when it denies).
#include "server/pipeline.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <future>

#include "authz/enforcer.h"
#include "common/clock.h"
#include "crypto/file_key_custody.h"
#include "protocol/protocol.h"
#include "services/iam/iam_service.h"
#include "services/sts/sts_service.h"
#include "sigv4/signer.h"

namespace rampart::server {
namespace {

namespace json = boost::json;

constexpr char kKeyId[] = "AKIAPIPELINETEST0001";
constexpr char kSecret[] = "pipeline-test-secret-key-0000000000000000";

class FixedResolver : public auth::CredentialResolver {
 public:
  auth::ResolvedCredential Resolve(std::string_view akid, std::string_view, int64_t) override {
    if (akid != kKeyId) return {};
    auth::ResolvedCredential rc;
    rc.status = auth::CredentialStatus::kOk;
    rc.secret_access_key = kSecret;
    rc.principal.type = auth::PrincipalType::kIamUser;
    rc.principal.account_id = "123456789012";
    rc.principal.arn = "arn:aws:iam::123456789012:user/tester";
    rc.principal.user_id = "AIDATESTER";
    rc.principal.name = "tester";
    rc.principal.access_key_id = kKeyId;
    return rc;
  }
};

class ScriptedDecider : public authz::Decider {
 public:
  authz::AuthzDecision Decide(const authz::AuthzRequest& r) override {
    actions.emplace_back(r.action);
    if (allow) return {authz::Outcome::kAllow, {}};
    return {authz::Outcome::kImplicitDeny, "denied by test"};
  }
  bool allow = false;
  std::vector<std::string> actions;
};

// A value satisfying the model's constraints for a required member.
json::value SampleValue(const protocol::ServiceInfo& svc, const protocol::ShapeDef& shape) {
  using protocol::ShapeType;
  switch (shape.type) {
    case ShapeType::kString: {
      if (shape.count > 0) return json::string(svc.Str(svc.enum_values[shape.first]));
      int64_t n = shape.Has(protocol::shape_flags::kHasMin) ? std::max<int64_t>(shape.min, 1) : 1;
      return json::string(std::string(static_cast<size_t>(std::min<int64_t>(n, 64)), 'a'));
    }
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return shape.Has(protocol::shape_flags::kHasMin) ? shape.min : 1;
    case ShapeType::kBoolean:
      return true;
    default:
      return json::string("a");
  }
}

// The minimal request of an operation, signed by the test principal.
http::Request MinimalRequest(const protocol::ServiceInfo& svc, const protocol::OperationInfo& op) {
  http::Request req;
  req.method = "POST";
  req.target = "/";
  req.remote_ip = "127.0.0.1";
  req.headers.Add("Host", "localhost");
  const protocol::ShapeDef* input = svc.Input(op);
  std::vector<std::pair<std::string, json::value>> members;
  if (input) {
    for (const auto& m : svc.Members(*input)) {
      if (!m.Has(protocol::member_flags::kRequired)) continue;
      members.emplace_back(std::string(svc.Str(m.name)), SampleValue(svc, svc.Target(m)));
    }
  }
  switch (svc.protocol) {
    case protocol::ProtocolKind::kQuery: {
      req.headers.Add("Content-Type", "application/x-www-form-urlencoded");
      req.body =
          "Action=" + std::string(svc.Str(op.name)) + "&Version=" + std::string(svc.ApiVersion());
      for (const auto& [name, v] : members) {
        std::string text = v.is_string() ? std::string(v.get_string()) : json::serialize(v);
        req.body += "&" + name + "=" + text;
      }
      break;
    }
    case protocol::ProtocolKind::kJson: {
      json::object body;
      for (const auto& [name, v] : members) body[name] = v;
      req.headers.Add("Content-Type", "application/x-amz-json-1.1");
      req.headers.Add("X-Amz-Target", std::string(svc.Str(svc.target_prefix)) + "." +
                                          std::string(svc.Str(op.name)));
      req.body = json::serialize(body);
      break;
    }
    default:
      ADD_FAILURE() << "extend MinimalRequest for the protocol of " << svc.Name();
  }
  sigv4::SignOptions so;
  so.region = "us-east-1";
  so.service = std::string(svc.SigningName());
  sigv4::SignRequest(req, {kKeyId, kSecret, ""}, Clock::TimePoint(std::chrono::seconds(1705311000)),
                     so);
  return req;
}

class PipelineGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/pipeline_gate_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
    custody_ = std::move(crypto::FileKeyCustody::Open(dir_, random_).value());
    store_ = store::NewMemoryStore(clock_);
    services::iam::RegisterIam(real_, services::iam::IamDeps{*custody_});
    services::sts::RegisterSts(real_);
    // The same operations with handlers that count their invocations.
    real_.ForEach([&](const std::string& service, const services::OperationEntry& e) {
      services::OperationEntry wrapped = e;
      std::string key = service + ":" + std::string(e.auth.operation);
      if (e.read) {
        wrapped.read = [this, key, h = e.read](services::CallContext& c,
                                               const services::Document& in, store::ReadTxn& t) {
          ++handled_[key];
          return h(c, in, t);
        };
      } else {
        wrapped.write = [this, key, h = e.write](services::CallContext& c,
                                                 const services::Document& in, store::WriteTxn& t) {
          ++handled_[key];
          return h(c, in, t);
        };
      }
      counted_.Add(service, std::move(wrapped));
    });
    authenticator_ =
        std::make_unique<auth::Authenticator>(resolver_, clock_, auth::AuthenticatorOptions{});
    enforcer_ = std::make_unique<authz::Enforcer>(decider_);
    pipeline_ = std::make_unique<Pipeline>(PipelineOptions{}, counted_, *authenticator_, *enforcer_,
                                           *store_, clock_, random_, metrics_, log_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  http::Response Send(http::Request req) {
    std::promise<http::Response> p;
    pipeline_->Handle(std::move(req), [&](http::Response r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  std::string dir_;
  ManualClock clock_{1705311000000};
  SeededRandom random_{7};
  std::unique_ptr<crypto::FileKeyCustody> custody_;
  std::unique_ptr<store::Store> store_;
  services::Registry real_, counted_;
  std::map<std::string, int> handled_;
  FixedResolver resolver_;
  ScriptedDecider decider_;
  Metrics metrics_;
  RequestLog log_{nullptr};
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<authz::Enforcer> enforcer_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineGateTest, EveryRegisteredOperationPassesTheEnforcer) {
  int checked = 0;
  real_.ForEach([&](const std::string& service, const services::OperationEntry& e) {
    SCOPED_TRACE(service + ":" + std::string(e.auth.operation));
    const protocol::ServiceInfo* svc = protocol::FindServiceBySigningName(service);
    ASSERT_NE(svc, nullptr);
    const protocol::OperationInfo* op = svc->FindOperation(e.auth.operation);
    ASSERT_NE(op, nullptr) << "registered operation missing from the model";
    std::string key = service + ":" + std::string(e.auth.operation);

    decider_.allow = false;
    decider_.actions.clear();
    http::Response denied = Send(MinimalRequest(*svc, *op));
    if (e.auth.mode == authz::AuthMode::kAlwaysAllowed) {
      EXPECT_EQ(denied.status, 200) << denied.body;
      EXPECT_TRUE(decider_.actions.empty());
      EXPECT_EQ(handled_[key], 1);
    } else {
      EXPECT_EQ(handled_[key], 0) << "handler reached although the decider denied";
      EXPECT_EQ(denied.status, 403) << denied.body;
      EXPECT_NE(denied.body.find("AccessDenied"), std::string::npos) << denied.body;
      ASSERT_EQ(decider_.actions.size(), 1u);
      EXPECT_EQ(decider_.actions[0], e.auth.action);

      decider_.allow = true;
      http::Response allowed = Send(MinimalRequest(*svc, *op));
      EXPECT_EQ(handled_[key], 1) << allowed.body;
      EXPECT_EQ(allowed.body.find("AccessDenied"), std::string::npos) << allowed.body;
    }
    ++checked;
  });
  EXPECT_GE(checked, 9);
}

TEST_F(PipelineGateTest, EveryRequestLeavesOneAuditRecord) {
  const protocol::ServiceInfo* iam = protocol::FindServiceBySigningName("iam");
  decider_.allow = false;
  Send(MinimalRequest(*iam, *iam->FindOperation("ListUsers")));  // denied
  http::Request bad = MinimalRequest(*iam, *iam->FindOperation("ListUsers"));
  bad.body += "&tampered=1";
  http::Response r = Send(bad);  // signature mismatch
  EXPECT_NE(r.body.find("SignatureDoesNotMatch"), std::string::npos);
  decider_.allow = true;
  Send(MinimalRequest(*iam, *iam->FindOperation("ListUsers")));  // allowed
  std::vector<store::AuditRecord> records;
  ASSERT_TRUE(store_
                  ->Read([&](store::ReadTxn& t) -> Status {
                    RAMPART_ASSIGN_OR_RETURN(records, t.ScanAudit(0, 100));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_NE(records[0].json.find("\"errorCode\":\"AccessDenied\""), std::string::npos);
  EXPECT_NE(records[1].json.find("\"errorCode\":\"SignatureDoesNotMatch\""), std::string::npos);
  EXPECT_EQ(records[2].json.find("errorCode"), std::string::npos);
  for (const auto& rec : records) EXPECT_EQ(rec.json.find(kSecret), std::string::npos);
}

}  // namespace
}  // namespace rampart::server
