#include "base/utf8.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <ios>
#include <string>
#include <vector>

namespace polybackup::utf8 {
namespace {

// Shorthand: U+FFFD repeated n times.
std::string Fffd(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += kReplacement;
  return out;
}

std::string Encode(uint32_t cp) {
  std::string out;
  AppendCodePoint(cp, out);
  return out;
}

// The shortest length that can encode `cp`.
size_t MinimalLength(uint32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// An independent definition to compare against, written from the bit
// patterns rather than from table 3-7: decode each sequence by its leading
// ones, then accept it only if it is the shortest encoding of a scalar value.
bool ReferenceValid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<uint8_t>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      n = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      n = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      n = 4;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (MinimalLength(cp) != n) return false;  // overlong
    i += n;
  }
  return true;
}

TEST_CASE("well-formed text is kept byte-identical") {
  for (const std::string s : {
           std::string(""), std::string("plain ASCII, with \t and \n"),
           std::string("\0inside", 7),       // NUL is a valid scalar value
           std::string("caf\xC3\xA9"),       // é
           std::string("\xE2\x82\xAC 5"),    // €
           std::string("\xF0\x9F\x98\x80"),  // U+1F600
           std::string("\xC2\x80"),          // U+0080, smallest 2-byte
           std::string("\xE0\xA0\x80"),      // U+0800, smallest 3-byte
           std::string("\xED\x9F\xBF"),      // U+D7FF, just below the surrogates
           std::string("\xEE\x80\x80"),      // U+E000, just above them
           std::string("\xEF\xBF\xBF"),      // U+FFFF
           std::string("\xF0\x90\x80\x80"),  // U+10000, smallest 4-byte
           std::string("\xF4\x8F\xBF\xBF"),  // U+10FFFF, the last scalar value
           std::string("\xEF\xBF\xBD"),      // U+FFFD itself
       }) {
    CAPTURE(s);
    CHECK(IsValid(s));
    CHECK(Sanitize(s) == s);
  }
}

TEST_CASE("overlong encodings are replaced") {
  CHECK_FALSE(IsValid("\xC0\x80"));                // NUL in two bytes
  CHECK(Sanitize("\xC0\x80") == Fffd(2));          // C0 never starts a sequence
  CHECK(Sanitize("\xC1\xBF") == Fffd(2));          // U+007F in two bytes
  CHECK(Sanitize("\xE0\x80\xAF") == Fffd(3));      // '/' in three bytes
  CHECK(Sanitize("\xE0\x9F\xBF") == Fffd(3));      // U+07FF in three bytes
  CHECK(Sanitize("\xF0\x8F\xBF\xBF") == Fffd(4));  // U+FFFF in four bytes
  CHECK(Sanitize(std::string("a\xC0\xAF") + "b") == "a" + Fffd(2) + "b");
}

TEST_CASE("surrogates D800..DFFF are replaced, paired or not") {
  CHECK_FALSE(IsValid("\xED\xA0\x80"));  // U+D800
  CHECK(Sanitize("\xED\xA0\x80") == Fffd(3));
  CHECK(Sanitize("\xED\xBF\xBF") == Fffd(3));                // U+DFFF
  CHECK(Sanitize("\xED\xA0\xBD\xED\xB8\x80") == Fffd(6));    // CESU-8 pair for U+1F600
  CHECK(Sanitize("x\xED\xB0\x80y") == "x" + Fffd(3) + "y");  // lone low surrogate
}

TEST_CASE("code points above U+10FFFF are replaced") {
  CHECK_FALSE(IsValid("\xF4\x90\x80\x80"));  // U+110000
  CHECK(Sanitize("\xF4\x90\x80\x80") == Fffd(4));
  CHECK(Sanitize("\xF5\x80\x80\x80") == Fffd(4));  // F5..F7 leads
  CHECK(Sanitize("\xF7\xBF\xBF\xBF") == Fffd(4));
  CHECK(Sanitize("\xF8\x88\x80\x80\x80") == Fffd(5));  // old 5-byte form
  CHECK(Sanitize("\xFE\xFF") == Fffd(2));
}

TEST_CASE("truncated sequences become one U+FFFD each") {
  CHECK_FALSE(IsValid("\xC3"));
  CHECK(Sanitize("\xC3") == Fffd(1));
  CHECK(Sanitize("\xE2\x82") == Fffd(1));  // € without its last byte
  CHECK(Sanitize("\xF0\x9F\x98") == Fffd(1));
  // Cut short by an ASCII byte.
  CHECK(Sanitize(std::string("a\xE2\x82") + "b") == "a" + Fffd(1) + "b");
  CHECK(Sanitize("\xE2\x82\xE2\x82\xAC") == Fffd(1) + "\xE2\x82\xAC");
  CHECK(Sanitize("\x80") == Fffd(1));  // a stray continuation byte
  CHECK(Sanitize("\x80\xBF\x80") == Fffd(3));
}

TEST_CASE("maximal subparts, as in the Unicode Standard's own example (table 3-8)") {
  CHECK(Sanitize("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64") ==
        "a" + Fffd(3) + "b" + Fffd(1) + "c" + Fffd(2) + "d");
}

TEST_CASE("every scalar value is encoded in its shortest form, valid, and kept") {
  CHECK(Encode(0x41) == "A");
  CHECK(Encode(0xE9) == "\xC3\xA9");
  CHECK(Encode(0x20AC) == "\xE2\x82\xAC");
  CHECK(Encode(0x1F600) == "\xF0\x9F\x98\x80");
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string s = Encode(cp);
    if (s.size() != MinimalLength(cp) || !ReferenceValid(s) || !IsValid(s) || Sanitize(s) != s) {
      FAIL("U+" << std::hex << cp);
    }
  }
}

TEST_CASE("agrees with the bit-pattern definition on every short string of boundary bytes") {
  // Each byte either side of every boundary in table 3-7, in every string of
  // one to four of them (plus every two-byte string): IsValid agrees with the
  // reference, Sanitize's output is always valid, and it equals its input
  // exactly when the input was valid.
  const std::vector<uint8_t> edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                      0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                      0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
  int failures = 0;
  auto check = [&](const std::string& s) {
    const bool valid = IsValid(s);
    const std::string clean = Sanitize(s);
    if (valid != ReferenceValid(s) || !IsValid(clean) || (clean == s) != valid) {
      std::string hex;
      for (unsigned char c : s) hex += std::to_string(c) + " ";
      if (++failures <= 5) FAIL_CHECK("bytes " << hex);
    }
  };
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) check({static_cast<char>(a), static_cast<char>(b)});
  }
  std::string s;
  auto grow = [&](auto& self, size_t depth) -> void {
    if (!s.empty()) check(s);
    if (depth == 4) return;
    for (uint8_t e : edges) {
      s.push_back(static_cast<char>(e));
      self(self, depth + 1);
      s.pop_back();
    }
  };
  grow(grow, 0);
  CHECK(failures == 0);
}

}  // namespace
}  // namespace polybackup::utf8
