// Self-signed TLS certificate generation for `--dev --tls` and tests.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace rampart::http {

// Writes a self-signed certificate (EC P-256, 10-year validity, SAN localhost + 127.0.0.1 plus
// `dns_names`, each entry that parses as an IP address becoming an IP SAN) to `cert_path` and its
// PEM private key to `key_path` with mode 0600.
Status GenerateSelfSignedCert(const std::string& cert_path, const std::string& key_path,
                              const std::vector<std::string>& dns_names);

}  // namespace rampart::http
