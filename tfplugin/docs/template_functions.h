// The functions doc templates call, named and behaving as in tfplugindocs so
// its templates carry over.
#ifndef POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_FUNCTIONS_H_
#define POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_FUNCTIONS_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "tfplugin/docs/template.h"

namespace polybackup::docs {

// Text functions; each takes text arguments only (anything else, or the wrong
// number of arguments, is an error):
//   trimspace S       S without leading and trailing white space
//   lower S, upper S  ASCII case
//   title S           each space-separated word capitalised, the rest lower case
//   prefixlines P S   P before every line of S (front-matter YAML blocks)
//   plainmarkdown S   S without inline markup: `code`, **strong**, *em*,
//                     [text](url) -> text. For front-matter descriptions.
TemplateFunctions TextFunctions();

// Reads a source file by the path a template names (relative to the
// provider's source root). NotFound when it is not there.
using FileReader = std::function<absl::StatusOr<std::string>(const std::string& path)>;

// The file functions:
//   codefile LANG PATH  the file, trimmed, in a ```LANG fenced code block
//   tffile PATH         the same with LANG "terraform"
// An empty or missing file is an error naming the path.
TemplateFunctions FileFunctions(FileReader read);

}  // namespace polybackup::docs

#endif  // POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_FUNCTIONS_H_
