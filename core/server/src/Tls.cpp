// SPDX-License-Identifier: GPL-3.0-or-later
// Self-signed certificates for a first start (./run.sh --server) and fingerprints to pin them.
#include "platedesk/common/Files.h"
#include "platedesk/server/Server.h"

#include <functional>
#include <memory>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace platedesk::server {

namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

Error OpenSslError(std::string_view what) {
  std::string msg(what);
  msg += " (OpenSSL)";
  return Fail(ErrorCode::Internal, msg);
}

std::string Pem(const std::function<int(BIO*)>& write) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return {};
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string Fingerprint(X509* cert) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert, EVP_sha256(), md, &len) != 1) return {};
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    if (i) out += ':';
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

bool IsIpAddress(const std::string& name) {
  if (name.find(':') != std::string::npos) return true;
  for (char c : name)
    if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
  return !name.empty();
}

}  // namespace

Result<std::string> MakeSelfSignedCertificate(const std::filesystem::path& certPath,
                                              const std::filesystem::path& keyPath,
                                              const std::vector<std::string>& names, int days) {
  if (names.empty()) return Fail(ErrorCode::InvalidArgument, "a certificate needs at least one host name");
  if (days < 1 || days > 3650) return Fail(ErrorCode::InvalidArgument, "validity must be 1 to 3650 days");
  KeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return OpenSslError("cannot generate a P-256 key");
  CertPtr cert(X509_new());
  if (!cert) return OpenSslError("cannot make a certificate");
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return OpenSslError("no random serial number");
  serial[0] &= 0x7f;
  std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> bn(BN_bin2bn(serial, sizeof serial, nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get())))
    return OpenSslError("cannot set the serial number");
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("PlateDesk"), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(names[0].c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), subject);
  std::string san;
  for (const std::string& n : names) {
    if (!san.empty()) san += ',';
    san += IsIpAddress(n) ? "IP:" : "DNS:";
    san += n;
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (auto [nid, value] :
       {std::pair{NID_subject_alt_name, san}, std::pair{NID_basic_constraints, std::string("critical,CA:FALSE")},
        std::pair{NID_key_usage, std::string("critical,digitalSignature")},
        std::pair{NID_ext_key_usage, std::string("serverAuth")}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext) return OpenSslError("cannot add a certificate extension");
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return OpenSslError("cannot sign the certificate");

  const std::string keyPem =
      Pem([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
  const std::string certPem = Pem([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); });
  if (keyPem.empty() || certPem.empty()) return OpenSslError("cannot encode the certificate");
  // The key is 0600 from the moment it exists; an old pair is replaced (the caller asked for a new one).
  std::error_code ec;
  std::filesystem::remove(keyPath, ec);
  PLATEDESK_TRY(WriteFileExclusive(keyPath, keyPem, true));
  PLATEDESK_TRY(WriteFileAtomic(certPath, certPem));
  return Fingerprint(cert.get());
}

Result<std::string> CertificateFingerprint(const std::filesystem::path& certPath) {
  auto pem = ReadFile(certPath);
  if (!pem) return pem.Err();
  BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  CertPtr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) return Fail(ErrorCode::Corrupt, "not a PEM certificate", certPath.string());
  return Fingerprint(cert.get());
}

Result<std::string> PublicKeyPin(const std::filesystem::path& certPath) {
  auto pem = ReadFile(certPath);
  if (!pem) return pem.Err();
  BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  CertPtr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) return Fail(ErrorCode::Corrupt, "not a PEM certificate", certPath.string());
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  unsigned char* der = nullptr;
  const int length = key != nullptr ? i2d_PUBKEY(key, &der) : -1;
  if (length <= 0) return Fail(ErrorCode::Corrupt, "the certificate's public key cannot be read", certPath.string());
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(der, static_cast<std::size_t>(length), digest);
  OPENSSL_free(der);
  unsigned char base64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1] = {};
  EVP_EncodeBlock(base64, digest, SHA256_DIGEST_LENGTH);
  return "sha256//" + std::string(reinterpret_cast<const char*>(base64));
}

}  // namespace platedesk::server
