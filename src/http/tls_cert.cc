// Self-signed certificate generation with OpenSSL 3 (EC P-256, SAN, key file mode 0600).
#include "http/tls_cert.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace rampart::http {

namespace {

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct ExtFree {
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, ExtFree>;
using FilePtr = std::unique_ptr<FILE, FileClose>;

constexpr long kValiditySeconds = 10L * 365 * 24 * 60 * 60 + 3 * 24 * 60 * 60;

AwsError Fail(const std::string& what) {
  return AwsError::Internal("self-signed certificate: " + what);
}

bool IsIpAddress(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

bool IsSafeName(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c == ',' || c == '\n' || c == '\r' || c == ' ') return false;
  return true;
}

std::string SubjectAltNames(const std::vector<std::string>& names) {
  std::vector<std::string> all = {"DNS:localhost", "IP:127.0.0.1"};
  for (const auto& n : names) {
    if (!IsSafeName(n)) continue;
    std::string entry = (IsIpAddress(n) ? "IP:" : "DNS:") + n;
    if (std::find(all.begin(), all.end(), entry) == all.end()) all.push_back(entry);
  }
  std::string out;
  for (const auto& e : all) out += (out.empty() ? "" : ",") + e;
  return out;
}

bool AddExtension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

Result<X509Ptr> BuildCertificate(EVP_PKEY* key, const std::vector<std::string>& names) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return Fail("X509_new");
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof(serial)) != 1) return Fail("RAND_bytes");
  serial[0] &= 0x7f;  // positive
  BIGNUM* bn = BN_bin2bn(serial, sizeof(serial), nullptr);
  bool serial_ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
  BN_free(bn);
  if (!serial_ok) return Fail("serial");
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValiditySeconds))
    return Fail("validity");
  X509_NAME* name = X509_get_subject_name(cert.get());
  std::string cn = "localhost";
  for (const auto& n : names)
    if (IsSafeName(n) && !IsIpAddress(n)) {
      cn = n;
      break;
    }
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Rampart dev"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  if (X509_set_issuer_name(cert.get(), name) != 1) return Fail("issuer");
  if (X509_set_pubkey(cert.get(), key) != 1) return Fail("pubkey");
  // Self-signed and used as its own trust anchor by clients, hence CA:TRUE + keyCertSign.
  if (!AddExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign") ||
      !AddExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
      !AddExtension(cert.get(), NID_subject_key_identifier, "hash") ||
      !AddExtension(cert.get(), NID_authority_key_identifier, "keyid:always") ||
      !AddExtension(cert.get(), NID_subject_alt_name, SubjectAltNames(names)))
    return Fail("extensions");
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) return Fail("sign");
  return cert;
}

Status WriteKey(const std::string& path, EVP_PKEY* key) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail("cannot open key file " + path);
  if (::fchmod(fd, 0600) != 0) {
    ::close(fd);
    return Fail("cannot chmod key file " + path);
  }
  FilePtr f(::fdopen(fd, "w"));
  if (!f) {
    ::close(fd);
    return Fail("cannot open key file " + path);
  }
  if (PEM_write_PrivateKey(f.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return Fail("cannot write key file " + path);
  if (std::fflush(f.get()) != 0) return Fail("cannot write key file " + path);
  return Status::Ok();
}

Status WriteCert(const std::string& path, X509* cert) {
  FilePtr f(std::fopen(path.c_str(), "w"));
  if (!f) return Fail("cannot open certificate file " + path);
  if (PEM_write_X509(f.get(), cert) != 1 || std::fflush(f.get()) != 0)
    return Fail("cannot write certificate file " + path);
  return Status::Ok();
}

}  // namespace

Status GenerateSelfSignedCert(const std::string& cert_path, const std::string& key_path,
                              const std::vector<std::string>& dns_names) {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return Fail("EC key generation");
  RAMPART_ASSIGN_OR_RETURN(X509Ptr cert, BuildCertificate(key.get(), dns_names));
  RAMPART_TRY(WriteKey(key_path, key.get()));
  return WriteCert(cert_path, cert.get());
}

}  // namespace rampart::http
