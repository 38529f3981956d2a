#include "clients/core/idempotency.h"

#include <array>
#include <cstdint>

namespace polybackup::clients {

std::string NewUuidV4(RandomSource& random) {
  std::array<uint8_t, 16> bytes;
  uint64_t hi = random.Next64();
  uint64_t lo = random.Next64();
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<uint8_t>(hi >> (56 - 8 * i));
    bytes[8 + i] = static_cast<uint8_t>(lo >> (56 - 8 * i));
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

std::string NewIdempotencyToken(RandomSource& random, std::string_view prefix, size_t max_length) {
  std::string token(prefix);
  token += NewUuidV4(random);
  if (token.size() > max_length) token.resize(max_length);
  return token;
}

}  // namespace polybackup::clients
