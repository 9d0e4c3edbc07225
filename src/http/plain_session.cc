// Sessions over plain TCP (the Session template instantiated for tcp::socket).
#include "http/session_impl.h"

namespace rampart::http::internal {

void StartPlainSession(std::shared_ptr<Core> core, tcp::socket socket, bool reject) {
  LaunchSession<tcp::socket>(std::move(core), std::move(socket), reject);
}

}  // namespace rampart::http::internal
