// App: assembles store, custody, services, pipeline and HTTP server from a Config.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "server/config.h"

namespace rampart::server {

class App {
 public:
  static Result<std::unique_ptr<App>> Create(const Config& config, FILE* log);
  virtual ~App() = default;
  virtual uint16_t port() const = 0;
  // Blocks until SIGTERM/SIGINT, then drains and closes.
  virtual void RunUntilSignal() = 0;
  virtual void Stop() = 0;
};

// `rampart init`: creates the first account with a root access key and writes the
// credentials to <data-dir>/root-credentials (mode 0600). Fails if an account exists.
Status InitDataDir(const Config& config, std::string* credentials_path);

inline constexpr const char* kVersion = "0.1.0";

}  // namespace rampart::server
