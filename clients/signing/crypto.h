// Hashes, HMACs and encodings the signers share (OpenSSL 3 underneath).
// All functions are pure and thread-safe; outputs are raw bytes unless the
// name says Hex or Base64.
#ifndef POLYBACKUP_CLIENTS_SIGNING_CRYPTO_H_
#define POLYBACKUP_CLIENTS_SIGNING_CRYPTO_H_

#include <chrono>
#include <string>
#include <string_view>

namespace polybackup::clients::signing {

std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string HmacSha1(std::string_view key, std::string_view data);
std::string HexEncode(std::string_view bytes);  // lower-case
std::string Base64Encode(std::string_view bytes);

// UTC time formatted with strftime `format` ("%Y%m%dT%H%M%SZ"); sub-second
// parts are dropped.
std::string FormatUtc(std::chrono::system_clock::time_point t, const char* format);

}  // namespace polybackup::clients::signing

#endif  // POLYBACKUP_CLIENTS_SIGNING_CRYPTO_H_
