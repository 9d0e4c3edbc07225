// Server configuration: defaults, then a TOML file, then RAMPART_* environment variables,
// then command-line flags (later sources win).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace rampart::server {

struct Config {
  std::string listen = "127.0.0.1:4566";
  std::string data_dir = "./data";
  bool dev = false;
  bool tls = false;  // with dev: generate a self-signed certificate into the data dir
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string account_id = "000000000000";
  bool dev_accept_any_credentials = false;
  std::string region = "us-east-1";
  size_t threads = 0;
  size_t max_connections = 10000;
  size_t max_header_bytes = 16 * 1024;
  int64_t header_timeout_ms = 10000;
  int64_t body_timeout_ms = 60000;
  int64_t idle_timeout_ms = 60000;
  bool log_requests = true;

  std::string Address() const;
  uint16_t Port() const;
};

// Keys accepted in the TOML file and as RAMPART_<UPPER_KEY> variables.
const std::vector<std::string>& ConfigKeys();

Status ApplyToml(Config& config, const std::string& path);
Status ApplyEnvironment(Config& config, char** envp);
// Sets one option by name ("listen", "data-dir"/"data_dir", ...) from its text.
Status ApplyOption(Config& config, std::string_view key, std::string_view value);
// Checks values that cannot work together (e.g. accepting any credentials outside dev).
Status Validate(const Config& config);

}  // namespace rampart::server
