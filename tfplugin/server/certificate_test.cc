#include "tfplugin/server/certificate.h"

#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <string>

namespace polybackup::tfplugin {
namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr ParseDer(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

EVP_PKEY* ParseKey(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return key;
}

std::string NameEntry(X509* cert, int nid) {
  char buf[256] = {0};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), nid, buf, sizeof(buf));
  return buf;
}

// Seconds from `t` to the ASN.1 time.
long long DiffSeconds(const ASN1_TIME* asn1, time_t t) {
  ASN1_TIME* base = ASN1_TIME_set(nullptr, t);
  int days = 0, secs = 0;
  ASN1_TIME_diff(&days, &secs, base, asn1);
  ASN1_TIME_free(base);
  return static_cast<long long>(days) * 86400 + secs;
}

CertificateOptions FixedOptions(EcCurve curve, uint8_t fill) {
  CertificateOptions o;
  o.curve = curve;
  o.now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  o.random = [fill](uint8_t* out, size_t n) { std::memset(out, fill, n); };
  return o;
}

TEST_CASE("server certificate has go-plugin's shape") {
  auto generated = GenerateSelfSignedCertificate(FixedOptions(EcCurve::kP256, 0xff));
  REQUIRE(generated.ok());
  X509Ptr cert = ParseDer(generated->certificate_der);
  REQUIRE(cert != nullptr);

  CHECK(NameEntry(cert.get(), NID_commonName) == "localhost");
  CHECK(NameEntry(cert.get(), NID_organizationName) == "HashiCorp");
  CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_ca(cert.get()) >= 1);
  uint32_t xku = X509_get_extended_key_usage(cert.get());
  CHECK((xku & XKU_SSL_SERVER) != 0);
  CHECK((xku & XKU_SSL_CLIENT) != 0);
  uint32_t ku = X509_get_key_usage(cert.get());
  CHECK((ku & KU_DIGITAL_SIGNATURE) != 0);
  CHECK((ku & KU_KEY_CERT_SIGN) != 0);
  CHECK((ku & KU_KEY_AGREEMENT) != 0);

  // 0xff... with the sign bit cleared: positive, 128 bits.
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr);
  CHECK(BN_is_negative(serial) == 0);
  CHECK(BN_num_bits(serial) == 127);
  BN_free(serial);

  CHECK(DiffSeconds(X509_get0_notBefore(cert.get()), 1700000000) == -30);
  CHECK(DiffSeconds(X509_get0_notAfter(cert.get()), 1700000000) == 262980LL * 3600);

  CHECK(X509_get_signature_nid(cert.get()) == NID_ecdsa_with_SHA256);
  EVP_PKEY* key = ParseKey(generated->private_key_pem);
  REQUIRE(key != nullptr);
  CHECK(X509_check_private_key(cert.get(), key) == 1);
  CHECK(X509_verify(cert.get(), key) == 1);  // self-signed
  EVP_PKEY_free(key);
}

TEST_CASE("P-521 certificates are signed with ECDSA-SHA512 like Terraform's client") {
  auto generated = GenerateSelfSignedCertificate(FixedOptions(EcCurve::kP521, 0x11));
  REQUIRE(generated.ok());
  X509Ptr cert = ParseDer(generated->certificate_der);
  REQUIRE(cert != nullptr);
  CHECK(X509_get_signature_nid(cert.get()) == NID_ecdsa_with_SHA512);
  EVP_PKEY* pub = X509_get0_pubkey(cert.get());
  CHECK(EVP_PKEY_get_bits(pub) == 521);
}

TEST_CASE("every certificate gets a fresh key and serial by default") {
  auto a = GenerateSelfSignedCertificate({});
  auto b = GenerateSelfSignedCertificate({});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->private_key_pem != b->private_key_pem);
  X509Ptr ca = ParseDer(a->certificate_der);
  X509Ptr cb = ParseDer(b->certificate_der);
  CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(ca.get()), X509_get0_serialNumber(cb.get())) != 0);
}

TEST_CASE("PEM validation and DER to PEM conversion") {
  auto generated = GenerateSelfSignedCertificate({});
  REQUIRE(generated.ok());
  CHECK(ValidateCertificatePem(generated->certificate_pem).ok());
  CHECK(ValidateCertificatePem("not a certificate").code() == absl::StatusCode::kInvalidArgument);
  CHECK(ValidateCertificatePem("").code() == absl::StatusCode::kInvalidArgument);

  auto pem = CertificateDerToPem(generated->certificate_der);
  REQUIRE(pem.ok());
  CHECK(*pem == generated->certificate_pem);
  CHECK(CertificateDerToPem("garbage").status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace polybackup::tfplugin
