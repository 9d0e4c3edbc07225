// Configuration parsing from TOML, environment and flags, all through one setter.
#include "server/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace rampart::server {

namespace {

AwsError ConfigError(std::string message) {
  return AwsError::Sender("InvalidConfiguration", std::move(message));
}

std::string Normalize(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '-') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    out += c;
  }
  return out;
}

Result<bool> ParseBool(std::string_view key, std::string_view v) {
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return ConfigError("option " + std::string(key) + " expects true or false");
}

template <typename T>
Result<T> ParseNumber(std::string_view key, std::string_view v) {
  T out{};
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size())
    return ConfigError("option " + std::string(key) + " expects a number");
  return out;
}

}  // namespace

std::string Config::Address() const {
  auto colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host;
}

uint16_t Config::Port() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return 4566;
  unsigned port = 0;
  std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port);
  return static_cast<uint16_t>(port);
}

const std::vector<std::string>& ConfigKeys() {
  static const std::vector<std::string> keys = {"listen",
                                                "data_dir",
                                                "dev",
                                                "tls",
                                                "tls_cert_file",
                                                "tls_key_file",
                                                "account_id",
                                                "dev_accept_any_credentials",
                                                "region",
                                                "threads",
                                                "max_connections",
                                                "max_header_bytes",
                                                "header_timeout_ms",
                                                "body_timeout_ms",
                                                "idle_timeout_ms",
                                                "log_requests"};
  return keys;
}

Status ApplyOption(Config& c, std::string_view raw_key, std::string_view v) {
  std::string key = Normalize(raw_key);
  auto set_bool = [&](bool& field) -> Status {
    RAMPART_ASSIGN_OR_RETURN(field, ParseBool(key, v));
    return Status::Ok();
  };
  auto set_size = [&](size_t& field) -> Status {
    RAMPART_ASSIGN_OR_RETURN(field, ParseNumber<size_t>(key, v));
    return Status::Ok();
  };
  auto set_ms = [&](int64_t& field) -> Status {
    RAMPART_ASSIGN_OR_RETURN(field, ParseNumber<int64_t>(key, v));
    return Status::Ok();
  };
  if (key == "listen") {
    Config probe;
    probe.listen = std::string(v);
    if (v.rfind(':') == std::string_view::npos ||
        (probe.Port() == 0 && !probe.listen.ends_with(":0")))
      return ConfigError("listen expects ADDRESS:PORT");
    c.listen = std::move(probe.listen);
    return Status::Ok();
  }
  if (key == "data_dir") return c.data_dir = std::string(v), Status::Ok();
  if (key == "dev") return set_bool(c.dev);
  if (key == "tls") return set_bool(c.tls);
  if (key == "tls_cert_file") return c.tls_cert_file = std::string(v), Status::Ok();
  if (key == "tls_key_file") return c.tls_key_file = std::string(v), Status::Ok();
  if (key == "account_id") {
    if (v.size() != 12 || v.find_first_not_of("0123456789") != std::string_view::npos)
      return ConfigError("account_id must be 12 digits");
    return c.account_id = std::string(v), Status::Ok();
  }
  if (key == "dev_accept_any_credentials") return set_bool(c.dev_accept_any_credentials);
  if (key == "region") return c.region = std::string(v), Status::Ok();
  if (key == "threads") return set_size(c.threads);
  if (key == "max_connections") return set_size(c.max_connections);
  if (key == "max_header_bytes") return set_size(c.max_header_bytes);
  if (key == "header_timeout_ms") return set_ms(c.header_timeout_ms);
  if (key == "body_timeout_ms") return set_ms(c.body_timeout_ms);
  if (key == "idle_timeout_ms") return set_ms(c.idle_timeout_ms);
  if (key == "log_requests") return set_bool(c.log_requests);
  return ConfigError("unknown option " + std::string(raw_key));
}

Status ApplyToml(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return ConfigError("cannot read config " + path + ": " + std::string(e.description()));
  }
  for (const auto& [key, node] : table) {
    std::string text;
    if (const auto* s = node.as_string()) {
      text = s->get();
    } else if (const auto* b = node.as_boolean()) {
      text = b->get() ? "true" : "false";
    } else if (const auto* i = node.as_integer()) {
      text = std::to_string(i->get());
    } else {
      return ConfigError("config key " + std::string(key.str()) + " has an unsupported type");
    }
    RAMPART_TRY(ApplyOption(config, key.str(), text));
  }
  return Status::Ok();
}

Status ApplyEnvironment(Config& config, char** envp) {
  for (char** e = envp; e && *e; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("RAMPART_")) continue;
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = Normalize(entry.substr(8, eq - 8));
    // Only Rampart's own options: other tools may set RAMPART_-prefixed variables too.
    const auto& keys = ConfigKeys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
    RAMPART_TRY(ApplyOption(config, key, entry.substr(eq + 1)));
  }
  return Status::Ok();
}

Status Validate(const Config& c) {
  if (c.dev_accept_any_credentials && !c.dev)
    return ConfigError("dev_accept_any_credentials requires dev mode");
  if (c.dev) {
    std::string host = c.Address();
    if (!(host.starts_with("127.") || host == "::1" || host == "localhost"))
      return ConfigError("dev mode listens on loopback only (127.0.0.0/8, ::1 or localhost)");
  }
  if (c.tls_cert_file.empty() != c.tls_key_file.empty())
    return ConfigError("tls_cert_file and tls_key_file go together");
  return Status::Ok();
}

}  // namespace rampart::server
