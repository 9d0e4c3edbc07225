// AES-256-GCM authenticated encryption with associated data, in a versioned envelope.
#pragma once

#include <string>
#include <string_view>

#include "common/random.h"
#include "common/result.h"

namespace rampart::crypto {

inline constexpr size_t kAesKeySize = 32;
inline constexpr size_t kGcmIvSize = 12;
inline constexpr size_t kGcmTagSize = 16;
inline constexpr char kAesGcmEnvelopeV1 = 0x01;
inline constexpr size_t kAesGcmOverhead = 1 + kGcmIvSize + kGcmTagSize;

// Encrypts `plaintext` under the 32-byte `key`, binding `aad`.
// Output: version byte (0x01) || 12-byte random IV || ciphertext || 16-byte tag.
Result<std::string> AesGcmSeal(std::string_view key, std::string_view plaintext,
                               std::string_view aad, Random& random);

// Reverses AesGcmSeal; any change to key, envelope or aad yields an error.
Result<std::string> AesGcmOpen(std::string_view key, std::string_view sealed, std::string_view aad);

}  // namespace rampart::crypto
