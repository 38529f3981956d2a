// Internal JSON text helpers shared by type.cc and json.cc. Not part of the
// public cty contract.
#ifndef POLYBACKUP_TFPLUGIN_CTY_JSON_TEXT_H_
#define POLYBACKUP_TFPLUGIN_CTY_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace polybackup::cty {

// Appends `s` as a quoted JSON string: '"' and '\\' and control characters
// are escaped, everything else (UTF-8 included) is copied as is.
void AppendJsonString(std::string_view s, std::string& out);

// The maximum nesting of [ and { in `json`, ignoring brackets inside strings.
// Cheap pre-check before handing untrusted text to a recursive consumer.
int JsonNestingDepth(std::string_view json);

}  // namespace polybackup::cty

#endif  // POLYBACKUP_TFPLUGIN_CTY_JSON_TEXT_H_
