#include "clients/credentials/ini_file.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace polybackup::clients::credentials {

IniFile ParseIni(std::string_view text) {
  IniFile out;
  std::string section;
  bool in_section = false;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    absl::string_view line = absl::StripAsciiWhitespace(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      size_t close = line.find(']');
      if (close == absl::string_view::npos) {
        in_section = false;
        continue;
      }
      section = std::string(absl::StripAsciiWhitespace(line.substr(1, close - 1)));
      in_section = true;
      out[section];
      continue;
    }
    if (!in_section || indented) continue;
    size_t eq = line.find('=');
    if (eq == absl::string_view::npos) continue;
    std::string key = absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.substr(0, eq)));
    std::string value(absl::StripAsciiWhitespace(line.substr(eq + 1)));
    if (!key.empty()) out[section][key] = value;
  }
  return out;
}

}  // namespace polybackup::clients::credentials
