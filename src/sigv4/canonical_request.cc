// Builds canonical requests with as few allocations as the format allows.
#include "sigv4/canonical_request.h"

#include <algorithm>
#include <utility>

#include "crypto/sha256.h"
#include "sigv4/uri_encode.h"

namespace rampart::sigv4 {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Appends `v` trimmed, with every internal whitespace run replaced by one space.
void AppendTrimAll(std::string_view v, std::string& out) {
  bool pending_space = false;
  bool any = false;
  for (char c : v) {
    if (IsSpace(c)) {
      pending_space = any;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    any = true;
    out += c;
  }
}

void AppendLower(std::string_view s, std::string& out) {
  for (char c : s) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

}  // namespace

std::string CanonicalUri(std::string_view raw_path, bool s3) {
  if (raw_path.empty()) return "/";
  if (s3) return std::string(raw_path);
  std::string normalized = RemoveDotSegments(raw_path);
  if (normalized.empty()) return "/";
  return UriEncode(normalized, /*encode_slash=*/false);
}

std::string CanonicalQueryString(std::string_view raw_query, bool presigned) {
  if (raw_query.empty()) return std::string();
  std::vector<std::pair<std::string, std::string>> items;
  size_t start = 0;
  while (start <= raw_query.size()) {
    size_t amp = raw_query.find('&', start);
    size_t end = amp == std::string_view::npos ? raw_query.size() : amp;
    std::string_view item = raw_query.substr(start, end - start);
    if (!item.empty()) {
      size_t eq = item.find('=');
      std::string_view name = item.substr(0, eq);
      std::string_view value =
          eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
      std::string dname = PercentDecode(name);
      if (!(presigned && dname == "X-Amz-Signature"))
        items.emplace_back(UriEncode(dname, true), UriEncode(PercentDecode(value), true));
    }
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  std::sort(items.begin(), items.end());
  std::string out;
  for (const auto& [k, v] : items) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

bool AppendCanonicalHeaders(const http::Headers& headers, const std::vector<std::string>& names,
                            std::string& out) {
  for (const std::string& name : names) {
    AppendLower(name, out);
    out += ':';
    bool found = false;
    for (const auto& [k, v] : headers.items) {
      if (!http::IEquals(k, name)) continue;
      if (found) out += ',';
      found = true;
      AppendTrimAll(v, out);
    }
    if (!found) return false;
    out += '\n';
  }
  return true;
}

bool BuildCanonicalRequest(const CanonicalRequestParts& p, std::string& out) {
  out.clear();
  out.reserve(256 + p.canonical_uri.size() + p.canonical_query.size());
  out.append(p.method);
  out += '\n';
  out.append(p.canonical_uri);
  out += '\n';
  out.append(p.canonical_query);
  out += '\n';
  if (!AppendCanonicalHeaders(*p.headers, *p.signed_header_names, out)) return false;
  out += '\n';
  out.append(p.signed_headers);
  out += '\n';
  out.append(p.payload_hash);
  return true;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out;
  out.reserve(17 + amz_date.size() + scope.size() + 66);
  out.append("AWS4-HMAC-SHA256\n");
  out.append(amz_date);
  out += '\n';
  out.append(scope);
  out += '\n';
  out.append(crypto::Sha256Hex(canonical_request));
  return out;
}

}  // namespace rampart::sigv4
