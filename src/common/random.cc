// SecureRandom backed by OpenSSL's DRBG.
#include "common/random.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace rampart {

void SecureRandom::Fill(uint8_t* out, size_t n) {
  if (n == 0) return;
  if (RAND_bytes(out, static_cast<int>(n)) != 1) std::abort();
}

}  // namespace rampart
