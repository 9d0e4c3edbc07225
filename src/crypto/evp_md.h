// Process-wide, fetched-once OpenSSL algorithm handles (internal to rampart_crypto).
#pragma once

#include <openssl/types.h>

namespace rampart::crypto {

// SHA-256 message digest, fetched from the default provider on first use.
const EVP_MD* Sha256Md();

}  // namespace rampart::crypto
