#include "tfplugin/server/certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace polybackup::tfplugin {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

// go-plugin's validity: 262980 hours (about 30 years).
constexpr long kValiditySeconds = 262980L * 3600L;
constexpr long kBackdateSeconds = 30;

absl::Status OpenSslError(std::string_view what) {
  unsigned long code = ERR_get_error();
  char buf[256] = {0};
  if (code != 0) ERR_error_string_n(code, buf, sizeof(buf));
  ERR_clear_error();
  return absl::InternalError(std::string(what) + ": " +
                             (code != 0 ? buf : "unknown OpenSSL error"));
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

absl::Status AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
    return OpenSslError(absl::StrCat("adding extension ", OBJ_nid2sn(nid)));
  }
  return absl::OkStatus();
}

// A positive, non-zero 128-bit serial: the top bit of the first byte is
// cleared so the DER INTEGER never reads as negative.
absl::Status SetSerial(X509* cert, const CertificateOptions& options) {
  std::array<uint8_t, 16> bytes{};
  do {
    if (options.random) {
      options.random(bytes.data(), bytes.size());
    } else if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      return OpenSslError("RAND_bytes");
    }
    bytes[0] &= 0x7f;
  } while (std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; }) &&
           !options.random);
  BnPtr bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  if (!bn || BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) == nullptr) {
    return OpenSslError("serial number");
  }
  return absl::OkStatus();
}

// The certificate's SubjectPublicKeyInfo, set from the key's encoded point:
// id-ecPublicKey with the named curve, as X509_set_pubkey writes it, but
// without OpenSSL 3's encode-then-decode round trip through its provider
// (de)coders, whose first use cost a third of the certificate's generation
// on every provider start (bench/README.md).
absl::Status SetEcPublicKey(X509* cert, EVP_PKEY* key, int curve_nid) {
  unsigned char point[1 + 2 * 66];  // uncompressed P-521: 133 bytes
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof(point), &len) !=
      1) {
    return OpenSslError("public key point");
  }
  auto* owned = static_cast<unsigned char*>(OPENSSL_memdup(point, len));
  if (owned == nullptr ||
      X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(cert), OBJ_nid2obj(NID_X9_62_id_ecPublicKey),
                             V_ASN1_OBJECT, OBJ_nid2obj(curve_nid), owned,
                             static_cast<int>(len)) != 1) {
    OPENSSL_free(owned);
    return OpenSslError("public key");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Certificate> GenerateSelfSignedCertificate(const CertificateOptions& options) {
  const bool p521 = options.curve == EcCurve::kP521;
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", p521 ? "P-521" : "P-256"));
  if (!key) return OpenSslError("generating EC key");

  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1) return OpenSslError("X509_new");
  if (absl::Status s = SetSerial(cert.get(), options); !s.ok()) return s;

  time_t now = std::chrono::system_clock::to_time_t(options.now);
  if (X509_time_adj_ex(X509_getm_notBefore(cert.get()), 0, -kBackdateSeconds, &now) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, kValiditySeconds, &now) == nullptr) {
    return OpenSslError("validity");
  }

  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>("localhost");
  const auto* org = reinterpret_cast<const unsigned char*>("HashiCorp");
  if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1) {
    return OpenSslError("subject");
  }
  if (absl::Status s =
          SetEcPublicKey(cert.get(), key.get(), p521 ? NID_secp521r1 : NID_X9_62_prime256v1);
      !s.ok()) {
    return s;
  }

  // Go verifies the SAN, not the CN; the client dials ServerName "localhost".
  for (auto [nid, value] : std::array<std::pair<int, const char*>, 4>{{
           {NID_subject_alt_name, "DNS:localhost"},
           {NID_ext_key_usage, "clientAuth,serverAuth"},
           {NID_key_usage, "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign"},
           {NID_basic_constraints, "critical,CA:TRUE"},
       }}) {
    if (absl::Status s = AddExtension(cert.get(), nid, value); !s.ok()) return s;
  }

  if (X509_sign(cert.get(), key.get(), p521 ? EVP_sha512() : EVP_sha256()) == 0) {
    return OpenSslError("signing certificate");
  }

  Certificate out;
  // SEC 1 ("EC PRIVATE KEY"), which gRPC reads as well as PKCS #8, and
  // which OpenSSL writes without loading its provider encoders.
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  if (!key_bio || PEM_write_bio_PrivateKey_traditional(key_bio.get(), key.get(), nullptr, nullptr,
                                                       0, nullptr, nullptr) != 1) {
    return OpenSslError("writing private key");
  }
  out.private_key_pem = BioToString(key_bio.get());
  BioPtr cert_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1) {
    return OpenSslError("writing certificate");
  }
  out.certificate_pem = BioToString(cert_bio.get());
  unsigned char* der = nullptr;
  int der_len = i2d_X509(cert.get(), &der);
  if (der_len <= 0) return OpenSslError("DER encoding");
  out.certificate_der.assign(reinterpret_cast<const char*>(der), static_cast<size_t>(der_len));
  OPENSSL_free(der);
  return out;
}

absl::Status ValidateCertificatePem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return absl::InternalError("BIO_new_mem_buf failed");
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!cert) return absl::InvalidArgumentError("no PEM X.509 certificate found");
  return absl::OkStatus();
}

absl::StatusOr<std::string> CertificateDerToPem(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) {
    ERR_clear_error();
    return absl::InvalidArgumentError("not a DER X.509 certificate");
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) return OpenSslError("PEM encoding");
  return BioToString(bio.get());
}

}  // namespace polybackup::tfplugin
