// Self-signed certificates for go-plugin's AutoMTLS.
//
// When Terraform launches a plugin with PLUGIN_CLIENT_CERT set, both sides
// authenticate with throw-away self-signed certificates: the client's arrives
// in that variable, the server's goes (DER, base64) into the handshake line.
// The shape mirrors go-plugin's generateCert (mtls.go): CN and SAN DNS
// "localhost" (Go checks only the SAN since 1.15), O "HashiCorp", positive
// 128-bit random serial (Go 1.23+ rejects negative ones), EKU client+server,
// KU digitalSignature|keyEncipherment|keyAgreement|certSign, CA=true,
// NotBefore = now - 30 s (clock skew), NotAfter = now + 262980 h.
#ifndef POLYBACKUP_TFPLUGIN_SERVER_CERTIFICATE_H_
#define POLYBACKUP_TFPLUGIN_SERVER_CERTIFICATE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace polybackup::tfplugin {

enum class EcCurve { kP256, kP521 };

struct CertificateOptions {
  // P-256 (signed with ECDSA-SHA256) is cheap to generate and what the server
  // uses; P-521 (ECDSA-SHA512) is what Terraform's client uses.
  EcCurve curve = EcCurve::kP256;
  // Issue time; NotBefore is 30 s earlier.
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  // Fills `size` bytes with randomness for the serial number. Null: OpenSSL's
  // RAND_bytes. Tests inject a fixed source.
  std::function<void(uint8_t* out, size_t size)> random;
};

struct Certificate {
  std::string private_key_pem;  // SEC 1 PEM ("EC PRIVATE KEY")
  std::string certificate_pem;
  std::string certificate_der;  // raw bytes
};

// Generates a fresh key pair and self-signed certificate.
// Errors: Internal when OpenSSL fails (out of memory, broken RNG).
// Thread-safe.
absl::StatusOr<Certificate> GenerateSelfSignedCertificate(const CertificateOptions& options);

// Checks that `pem` holds at least one parseable X.509 certificate (what
// PLUGIN_CLIENT_CERT must contain). InvalidArgument otherwise.
absl::Status ValidateCertificatePem(std::string_view pem);

// DER -> PEM ("-----BEGIN CERTIFICATE-----" block). InvalidArgument when `der`
// is not a certificate.
absl::StatusOr<std::string> CertificateDerToPem(std::string_view der);

}  // namespace polybackup::tfplugin

#endif  // POLYBACKUP_TFPLUGIN_SERVER_CERTIFICATE_H_
