// SHA-256 via OpenSSL EVP with the algorithm fetched once per process.
#include "crypto/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

#include "crypto/evp_md.h"
#include "crypto/hex.h"

namespace rampart::crypto {

struct Sha256Hasher::Ctx {
  EVP_MD_CTX* md_ctx = nullptr;
  ~Ctx() { EVP_MD_CTX_free(md_ctx); }
};

Sha256Digest Sha256(std::string_view data) {
  thread_local Sha256Hasher hasher;  // reused: avoids a context allocation per digest
  hasher.Reset();
  hasher.Update(data);
  return hasher.Final();
}

std::string Sha256Bytes(std::string_view data) {
  Sha256Digest d = Sha256(data);
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

std::string Sha256Hex(std::string_view data) {
  Sha256Digest d = Sha256(data);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

Sha256Hasher::Sha256Hasher() : ctx_(std::make_unique<Ctx>()) {
  ctx_->md_ctx = EVP_MD_CTX_new();
  if (ctx_->md_ctx == nullptr) std::abort();
  Reset();
}

Sha256Hasher::~Sha256Hasher() = default;

void Sha256Hasher::Reset() {
  if (EVP_DigestInit_ex(ctx_->md_ctx, Sha256Md(), nullptr) != 1) std::abort();
}

void Sha256Hasher::Update(std::string_view data) {
  if (EVP_DigestUpdate(ctx_->md_ctx, data.data(), data.size()) != 1) std::abort();
}

Sha256Digest Sha256Hasher::Final() {
  Sha256Digest out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_->md_ctx, out.data(), &len) != 1) std::abort();
  return out;
}

std::string Sha256Hasher::FinalHex() {
  Sha256Digest d = Final();
  return HexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

}  // namespace rampart::crypto
