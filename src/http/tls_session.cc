// Sessions over TLS (the Session template instantiated for ssl::stream<tcp::socket>).
#include "http/session_impl.h"

namespace rampart::http::internal {

void StartTlsSession(std::shared_ptr<Core> core, tcp::socket socket, bool reject) {
  TlsStream stream(std::move(socket), *core->tls);
  LaunchSession<TlsStream>(std::move(core), std::move(stream), reject);
}

}  // namespace rampart::http::internal
