// UTF-8: a well-formedness check and mending into U+FFFD, for strings that
// leave the provider in protobuf `string` fields; and an encoder.
//
// Why: proto3 decoders (Go's, which Terraform uses, and C++'s) refuse a whole
// message whose `string` field holds ill-formed UTF-8, so one stray byte
// echoed from user data turns a helpful diagnostic into a transport error.
//
// "Well-formed" is Unicode's definition (The Unicode Standard, §3.9, table
// 3-7): no overlong forms, no surrogates (U+D800..U+DFFF), nothing above
// U+10FFFF, no truncated sequence, no stray continuation byte.
//
// Pure functions; thread-safe.
#ifndef POLYBACKUP_BASE_UTF8_H_
#define POLYBACKUP_BASE_UTF8_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace polybackup::utf8 {

// The replacement character U+FFFD, encoded.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// True when every byte of `s` belongs to a well-formed sequence.
bool IsValid(std::string_view s);

// Appends the encoding of `cp` to `out`. Precondition: `cp` is a scalar
// value (at most U+10FFFF, not a surrogate); map anything else to U+FFFD
// first.
void AppendCodePoint(uint32_t cp, std::string& out);

// `s` with each maximal ill-formed subpart replaced by one U+FFFD (Unicode's
// recommended practice, §3.9 "U+FFFD Substitution of Maximal Subparts", also
// what WHATWG's decoder does): "\xE2\x82" (a truncated euro sign) becomes
// one U+FFFD, "\xFF\xFE" two. Well-formed input comes back byte-identical.
std::string Sanitize(std::string_view s);

}  // namespace polybackup::utf8

#endif  // POLYBACKUP_BASE_UTF8_H_
