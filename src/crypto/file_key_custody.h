// FileKeyCustody: the root key lives in <data_dir>/root.key (32 bytes, mode 0600).
#pragma once

#include <memory>
#include <string>

#include "common/random.h"
#include "common/result.h"
#include "crypto/root_key_custody.h"

namespace rampart::crypto {

class FileKeyCustody final : public RootKeyCustody {
 public:
  static constexpr const char* kFileName = "root.key";

  // Loads the root key, generating it (0600, temp file + fsync + rename + dir fsync) when absent.
  // Fails if the file has the wrong size or is readable by group/others.
  static Result<std::unique_ptr<FileKeyCustody>> Open(const std::string& data_dir, Random& random);

 private:
  struct Token {
    explicit Token() = default;
  };

 public:
  // Use Open(); the token keeps construction inside this class.
  FileKeyCustody(Token, std::string root_key, Random& random)
      : RootKeyCustody(std::move(root_key), random) {}
};

}  // namespace rampart::crypto
