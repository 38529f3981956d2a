// Small string helpers for std::string_view.
//
// Debian's abseil 20220623 is built with its own absl::string_view (not an
// alias of std::string_view), so absl::StrCat, EqualsIgnoreCase & co do not
// accept a std::string_view. Av() converts explicitly; the rest are the few
// ASCII helpers the HTTP layer and the signers need.
#ifndef POLYBACKUP_CLIENTS_HTTP_TEXT_H_
#define POLYBACKUP_CLIENTS_HTTP_TEXT_H_

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace polybackup::clients::http {

inline absl::string_view Av(std::string_view s) { return absl::string_view(s.data(), s.size()); }

inline char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

inline bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace polybackup::clients::http

#endif  // POLYBACKUP_CLIENTS_HTTP_TEXT_H_
