#include "base/utf8.h"

#include <cstdint>

namespace polybackup::utf8 {
namespace {

// The length of the sequence starting at s[i]: `valid` when it is
// well-formed, otherwise the length of its maximal ill-formed subpart (at
// least 1). Follows table 3-7: the lead byte fixes the length and the range
// of the second byte; every later byte is 80..BF.
struct Step {
  size_t length;
  bool valid;
};

Step NextSequence(std::string_view s, size_t i) {
  const auto lead = static_cast<uint8_t>(s[i]);
  if (lead < 0x80) return {1, true};
  size_t need = 0;
  uint8_t lo = 0x80, hi = 0xBF;  // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2;
  } else if (lead == 0xE0) {
    need = 3;
    lo = 0xA0;  // below A0 would be overlong
  } else if (lead == 0xED) {
    need = 3;
    hi = 0x9F;  // above 9F would be a surrogate
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    need = 3;
  } else if (lead == 0xF0) {
    need = 4;
    lo = 0x90;  // below 90 would be overlong
  } else if (lead == 0xF4) {
    need = 4;
    hi = 0x8F;  // above 8F would pass U+10FFFF
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    need = 4;
  } else {
    return {1, false};  // 80..C1 (continuation or overlong lead), F5..FF
  }
  for (size_t k = 1; k < need; ++k) {
    if (i + k >= s.size()) return {k, false};  // truncated
    const auto b = static_cast<uint8_t>(s[i + k]);
    const bool in_range = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    if (!in_range) return {k, false};
  }
  return {need, true};
}

}  // namespace

void AppendCodePoint(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const Step step = NextSequence(s, i);
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

std::string Sanitize(std::string_view s) {
  if (IsValid(s)) return std::string(s);  // the common case: one pass, one copy
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    const Step step = NextSequence(s, i);
    if (step.valid) {
      out.append(s, i, step.length);
    } else {
      out.append(kReplacement);
    }
    i += step.length;
  }
  return out;
}

}  // namespace polybackup::utf8
