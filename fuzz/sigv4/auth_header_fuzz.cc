// libFuzzer target: SigV4 detection, parsing, canonicalization and verification on hostile input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.h"
#include "sigv4/auth_parser.h"
#include "sigv4/canonical_request.h"
#include "sigv4/chunked_verifier.h"
#include "sigv4/error_mapping.h"
#include "sigv4/signing_key.h"
#include "sigv4/verifier.h"

namespace {

using rampart::http::Request;
namespace sigv4 = rampart::sigv4;

// Input layout: line 1 = Authorization value, line 2 = request-target, remaining lines
// "Name: value" headers, then a blank line and the body. Missing parts are simply absent.
Request BuildRequest(std::string_view data) {
  Request r;
  r.method = "POST";
  r.target = "/";
  auto next_line = [&data]() {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    return line;
  };
  std::string_view auth = next_line();
  if (!auth.empty()) r.headers.Add("Authorization", std::string(auth));
  std::string_view target = next_line();
  if (!target.empty()) r.target = std::string(target);
  while (!data.empty()) {
    std::string_view line = next_line();
    if (line.empty()) break;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    r.headers.Add(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
  }
  r.body = std::string(data);
  return r;
}

void Exercise(const Request& r, bool s3) {
  auto parsed = sigv4::ParseAuth(r);
  if (!parsed.ok()) {
    (void)sigv4::ToAwsError(parsed.error(),
                            s3 ? sigv4::ProtocolFamily::kS3 : sigv4::ProtocolFamily::kQuery);
    return;
  }
  sigv4::VerifyOptions opt;
  opt.service = s3 ? "s3" : "sts";
  opt.s3 = s3;
  auto now = rampart::Clock::TimePoint(std::chrono::seconds(1705311000));
  auto v = sigv4::Verify(*parsed, r, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", now, opt);
  if (!v.ok()) {
    (void)sigv4::ToAwsError(v.error(), sigv4::ProtocolFamily::kJson);
    return;
  }
  sigv4::ChunkedPayloadVerifier chunked(v->signing_key, parsed->amz_date, parsed->Scope(),
                                        v->signature);
  std::string out;
  (void)chunked.Feed(r.body, out);
  (void)chunked.Finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Request r = BuildRequest(input);
  Exercise(r, false);
  Exercise(r, true);
  // Also drive the canonicalizers and the chunked decoder with the raw bytes.
  (void)sigv4::CanonicalUri(input, false);
  (void)sigv4::CanonicalQueryString(input, true);
  sigv4::ChunkedPayloadVerifier chunked(sigv4::DeriveSigningKey("k", "20240115", "r", "s3"),
                                        "20240115T093000Z", "20240115/r/s3/aws4_request",
                                        std::string(64, '0'));
  std::string out;
  (void)chunked.Feed(input, out);
  (void)chunked.Finish();
  return 0;
}
