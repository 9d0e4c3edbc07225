// App wiring: one store, one custody, one registry, one pipeline, one HTTP server.
#include "server/app.h"

#include <sys/stat.h>

#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "auth/authenticator.h"
#include "authz/enforcer.h"
#include "authz/policy_decider.h"
#include "common/clock.h"
#include "common/ids.h"
#include "common/random.h"
#include "crypto/file_key_custody.h"
#include "http/server.h"
#include "http/tls_cert.h"
#include "server/metrics.h"
#include "server/pipeline.h"
#include "server/request_log.h"
#include "services/iam/credential_cache.h"
#include "services/iam/iam_policy_source.h"
#include "services/iam/iam_records.h"
#include "services/iam/iam_service.h"
#include "services/sts/sts_service.h"
#include "store/store.h"

namespace rampart::server {

namespace {

constexpr std::string_view kDevAccessKey = "test";
constexpr std::string_view kDevSecret = "test";

Status MakeDataDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return AwsError::Sender("InvalidConfiguration", "cannot create data dir " + dir);
  ::chmod(dir.c_str(), 0700);
  return Status::Ok();
}

class AppImpl final : public App {
 public:
  explicit AppImpl(const Config& config, FILE* log)
      : config_(config), log_(config.log_requests ? log : nullptr), ops_log_(log) {}

  Status Init() {
    RAMPART_TRY(MakeDataDir(config_.data_dir));
    RAMPART_ASSIGN_OR_RETURN(custody_, crypto::FileKeyCustody::Open(config_.data_dir, random_));
    store::SqliteOptions so;
    so.path = config_.data_dir + "/rampart.db";
    so.clock = &clock_;
    RAMPART_ASSIGN_OR_RETURN(store_, store::OpenSqliteStore(so));

    resolver_ = std::make_unique<services::iam::IamCredentialResolver>(*store_, *custody_);
    policies_ = std::make_unique<services::iam::IamPolicySource>(*store_);
    decider_ = std::make_unique<authz::PolicyDecider>(*policies_);
    store_->Subscribe(
        [r = resolver_.get(), p = policies_.get()](const std::vector<store::Change>& changes) {
          r->OnChanges(changes);
          p->OnChanges(changes);
        });
    if (config_.dev) {
      RAMPART_TRY(store_->WriteSync([&](store::WriteTxn& txn) {
        return services::iam::EnsureAccount(txn, *custody_, config_.account_id, kDevAccessKey,
                                            kDevSecret, clock_.NowEpochMillis());
      }));
    }

    services::iam::RegisterIam(registry_, services::iam::IamDeps{*custody_});
    services::sts::RegisterSts(registry_);

    auth::AuthenticatorOptions ao;
    ao.accept_any_credentials = config_.dev && config_.dev_accept_any_credentials;
    ao.default_account_id = config_.account_id;
    authenticator_ = std::make_unique<auth::Authenticator>(*resolver_, clock_, ao);
    enforcer_ = std::make_unique<authz::Enforcer>(*decider_);
    PipelineOptions po;
    po.region = config_.region;
    po.version = kVersion;
    pipeline_ = std::make_unique<Pipeline>(po, registry_, *authenticator_, *enforcer_, *store_,
                                           clock_, random_, metrics_, log_);

    http::ServerOptions so_http;
    so_http.address = config_.Address();
    so_http.port = config_.Port();
    so_http.threads = config_.threads;
    so_http.max_connections = config_.max_connections;
    so_http.max_header_bytes = config_.max_header_bytes;
    so_http.header_timeout = std::chrono::milliseconds(config_.header_timeout_ms);
    so_http.body_timeout = std::chrono::milliseconds(config_.body_timeout_ms);
    so_http.idle_timeout = std::chrono::milliseconds(config_.idle_timeout_ms);
    so_http.tls_cert_file = config_.tls_cert_file;
    so_http.tls_key_file = config_.tls_key_file;
    if (config_.dev && config_.tls && so_http.tls_cert_file.empty()) {
      so_http.tls_cert_file = config_.data_dir + "/dev-cert.pem";
      so_http.tls_key_file = config_.data_dir + "/dev-key.pem";
      if (!std::filesystem::exists(so_http.tls_cert_file)) {
        RAMPART_TRY(http::GenerateSelfSignedCert(so_http.tls_cert_file, so_http.tls_key_file,
                                                 {"localhost", "127.0.0.1"}));
      }
    }
    Pipeline* p = pipeline_.get();
    RAMPART_ASSIGN_OR_RETURN(
        server_,
        http::Server::Start(
            so_http,
            [p](http::Request req, std::function<void(http::Response)> respond) {
              p->Handle(std::move(req), std::move(respond));
            },
            [p](const http::Request& r) { return p->BodyLimit(r); },
            [p](const http::Request* r, int status, std::string_view code,
                std::string_view message) { return p->Reject(r, status, code, message); }));
    return Status::Ok();
  }

  uint16_t port() const override { return server_->port(); }

  void RunUntilSignal() override {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    int sig = 0;
    sigwait(&set, &sig);
    ops_log_.Message("info", sig == SIGTERM ? "SIGTERM: draining" : "SIGINT: draining");
    Stop();
  }

  void Stop() override {
    if (server_) server_->Stop(std::chrono::seconds(10));
    if (store_) store_->Close();
    ops_log_.Message("info", "stopped");
  }

  ~AppImpl() override { Stop(); }

 private:
  Config config_;
  SystemClock clock_;
  SecureRandom random_;
  RequestLog log_;
  RequestLog ops_log_;
  Metrics metrics_;
  std::unique_ptr<crypto::FileKeyCustody> custody_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<services::iam::IamCredentialResolver> resolver_;
  services::Registry registry_;
  std::unique_ptr<services::iam::IamPolicySource> policies_;
  std::unique_ptr<authz::PolicyDecider> decider_;
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<authz::Enforcer> enforcer_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace

Result<std::unique_ptr<App>> App::Create(const Config& config, FILE* log) {
  RAMPART_TRY(Validate(config));
  auto app = std::make_unique<AppImpl>(config, log);
  RAMPART_TRY(app->Init());
  return std::unique_ptr<App>(std::move(app));
}

Status InitDataDir(const Config& config, std::string* credentials_path) {
  RAMPART_TRY(MakeDataDir(config.data_dir));
  SecureRandom random;
  SystemClock clock;
  RAMPART_ASSIGN_OR_RETURN(auto custody, crypto::FileKeyCustody::Open(config.data_dir, random));
  store::SqliteOptions so;
  so.path = config.data_dir + "/rampart.db";
  RAMPART_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(so));
  std::string account_id = config.account_id;
  std::string access_key = NewAccessKeyId("AKIA", random);
  std::string secret = NewSecretAccessKey(random);
  RAMPART_TRY(store->WriteSync([&](store::WriteTxn& txn) -> Status {
    RAMPART_ASSIGN_OR_RETURN(auto existing, txn.Scan(services::iam::kAccounts, "", "", 1));
    if (!existing.empty())
      return AwsError::Sender("AlreadyInitialized", "the data dir already holds an account");
    return services::iam::EnsureAccount(txn, *custody, account_id, access_key, secret,
                                        clock.NowEpochMillis());
  }));
  store->Close();
  std::string path = config.data_dir + "/root-credentials";
  std::string tmp = path + ".tmp";
  {
    int old = ::umask(0077);
    std::ofstream out(tmp, std::ios::trunc);
    ::umask(old);
    out << "# Root credentials of account " << account_id << "\n[default]\n"
        << "aws_access_key_id = " << access_key << "\naws_secret_access_key = " << secret << "\n";
    out.flush();
    if (!out) return AwsError::Internal("cannot write " + path);
  }
  ::chmod(tmp.c_str(), 0600);
  std::filesystem::rename(tmp, path);
  *credentials_path = path;
  return Status::Ok();
}

}  // namespace rampart::server
