// A small INI reader for the AWS shared credentials and config files:
// "[section]" headers, "key = value" lines, '#' and ';' comment lines.
// Keys are lower-cased and trimmed; values trimmed. Nested (indented)
// sub-settings such as "s3 =\n  max_concurrent_requests = 10" are skipped.
#ifndef POLYBACKUP_CLIENTS_CREDENTIALS_INI_FILE_H_
#define POLYBACKUP_CLIENTS_CREDENTIALS_INI_FILE_H_

#include <map>
#include <string>
#include <string_view>

namespace polybackup::clients::credentials {

using IniSection = std::map<std::string, std::string>;
using IniFile = std::map<std::string, IniSection>;

// Never fails: malformed lines are ignored. Later duplicate keys win.
IniFile ParseIni(std::string_view text);

}  // namespace polybackup::clients::credentials

#endif  // POLYBACKUP_CLIENTS_CREDENTIALS_INI_FILE_H_
