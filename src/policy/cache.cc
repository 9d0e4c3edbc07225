// PolicyCache: compile each distinct (type, options, document) once.
#include <openssl/evp.h>

#include "policy/policy.h"

namespace rampart::policy {

namespace {

std::string CacheKey(std::string_view json, PolicyType type, const ParseOptions& o) {
  std::string prefix = std::string(PolicyTypeName(type)) + (o.managed ? "|m|" : "|u|") +
                       std::to_string(o.max_size) + "|";
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, json.data(), json.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, md, &len) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return std::string();
  prefix.append(reinterpret_cast<const char*>(md), len);
  return prefix;
}

}  // namespace

Result<std::shared_ptr<const Policy>> PolicyCache::Get(std::string_view json, PolicyType type,
                                                       const ParseOptions& options) {
  std::string key = CacheKey(json, type, options);
  if (key.empty()) return ParsePolicy(json, type, options);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      ++hits_;
      return it->second;
    }
  }
  auto parsed = ParsePolicy(json, type, options);
  if (!parsed.ok()) return parsed;
  std::lock_guard<std::mutex> lock(mu_);
  if (map_.size() >= max_entries_) map_.clear();
  map_.emplace(std::move(key), *parsed);
  return parsed;
}

size_t PolicyCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return map_.size();
}

size_t PolicyCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

}  // namespace rampart::policy
