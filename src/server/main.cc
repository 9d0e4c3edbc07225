// rampart: `server`, `init` and `version` commands.
#include <openssl/crypto.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "common/random.h"
#include "server/app.h"
#include "server/config.h"

extern char** environ;

namespace {

using rampart::server::Config;

void Usage() {
  std::fprintf(stderr,
               "usage: rampart server [--dev] [--tls] [--listen ADDR:PORT] [--data-dir DIR]\n"
               "                      [--config FILE] [--account-id ID]\n"
               "                      [--dev-accept-any-credentials] [--region REGION]\n"
               "       rampart init [--data-dir DIR] [--account-id ID]\n"
               "       rampart version\n"
               "Every option can also come from the TOML file or a RAMPART_<OPTION> variable.\n");
}

// Config from defaults, file, environment, then flags. Sets *account_given.
rampart::Status LoadConfig(int argc, char** argv, Config& config, bool* account_given) {
  std::string config_file;
  if (const char* env = std::getenv("RAMPART_CONFIG")) config_file = env;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) config_file = argv[i + 1];
  }
  if (!config_file.empty()) RAMPART_TRY(rampart::server::ApplyToml(config, config_file));
  RAMPART_TRY(rampart::server::ApplyEnvironment(config, environ));
  *account_given = std::getenv("RAMPART_ACCOUNT_ID") != nullptr;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (!arg.starts_with("--"))
      return rampart::AwsError::Sender("InvalidConfiguration", "unexpected argument " + arg);
    std::string key = arg.substr(2);
    std::string value;
    if (auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key = key.substr(0, eq);
    } else if (key == "dev" || key == "tls" || key == "dev-accept-any-credentials") {
      value = "true";
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return rampart::AwsError::Sender("InvalidConfiguration", "option " + arg + " needs a value");
    }
    if (key == "config") continue;
    if (key == "account-id") *account_given = true;
    RAMPART_TRY(rampart::server::ApplyOption(config, key, value));
  }
  return rampart::Status::Ok();
}

std::string RandomAccountId() {
  rampart::SecureRandom random;
  std::string id;
  while (id.size() < 12) {
    uint8_t b = 0;
    random.Fill(&b, 1);
    if (b < 250) id += static_cast<char>('0' + b % 10);
  }
  if (id[0] == '0') id[0] = '1';
  return id;
}

int RunServer(Config& config) {
  // Signals are taken synchronously by RunUntilSignal; block them before threads start.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto app = rampart::server::App::Create(config, stderr);
  if (!app.ok()) {
    std::fprintf(stderr, "rampart: %s\n", app.error().message.c_str());
    return 1;
  }
  std::fprintf(stderr, "rampart %s listening on %s://%s:%u (data dir %s)\n",
               rampart::server::kVersion,
               (config.tls || !config.tls_cert_file.empty()) ? "https" : "http",
               config.Address().c_str(), app.value()->port(), config.data_dir.c_str());
  if (config.dev) {
    std::fprintf(stderr,
                 "dev mode: account %s, root access key id 'test', secret access key 'test'\n",
                 config.account_id.c_str());
    if (config.dev_accept_any_credentials)
      std::fprintf(stderr,
                   "WARNING: --dev-accept-any-credentials: unknown access keys act as the root of "
                   "account %s WITHOUT signature verification\n",
                   config.account_id.c_str());
  }
  std::fflush(stderr);
  app.value()->RunUntilSignal();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Rampart configures OpenSSL in code; skipping openssl.cnf saves milliseconds at start.
  OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
  if (argc < 2) {
    Usage();
    return 2;
  }
  std::string command = argv[1];
  if (command == "version" || command == "--version") {
    std::printf("rampart %s\n", rampart::server::kVersion);
    return 0;
  }
  if (command != "server" && command != "init") {
    Usage();
    return 2;
  }
  Config config;
  bool account_given = false;
  if (auto st = LoadConfig(argc, argv, config, &account_given); !st.ok()) {
    std::fprintf(stderr, "rampart: %s\n", st.error().message.c_str());
    return 2;
  }
  if (command == "init") {
    if (!account_given) config.account_id = RandomAccountId();
    std::string path;
    if (auto st = rampart::server::InitDataDir(config, &path); !st.ok()) {
      std::fprintf(stderr, "rampart init: %s\n", st.error().message.c_str());
      return 1;
    }
    std::printf("created account %s; root credentials written to %s (mode 0600)\n",
                config.account_id.c_str(), path.c_str());
    return 0;
  }
  return RunServer(config);
}
