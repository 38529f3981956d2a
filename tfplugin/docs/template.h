// Doc templates: the subset of Go's text/template that tfplugindocs templates
// use, so a page template written for tfplugindocs renders here unchanged.
//
//   {{ .SchemaMarkdown | trimspace }}      a value, piped through a function
//   {{ tffile "examples/x/resource.tf" }}  a function call with arguments
//   {{ if .HasImport }}...{{ else }}...{{ end }}   ("else if" too)
//   {{- trims the white space before, -}} the white space after
//   {{/* a comment */}}
//
// Values are text or flags. Arguments are values (.Field) or Go string
// literals ("..." with escapes, `raw`); a piped value is the last argument.
// Not supported (an error, not silence): range, with, define, template,
// variables, parentheses, number literals.
#ifndef POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_H_
#define POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_H_

#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polybackup::docs {

// Text, or a flag (HasExample). A flag prints as "true" / "false"; in an
// `if`, false and "" are false.
using TemplateValue = std::variant<std::string, bool>;

// What {{ .Name }} reads. Every field a template names must be here.
using TemplateData = std::map<std::string, TemplateValue>;

// A function a template calls with its evaluated arguments. An error status
// becomes the render error, prefixed with the template's file and line.
using TemplateFunction =
    std::function<absl::StatusOr<TemplateValue>(const std::vector<TemplateValue>& args)>;
using TemplateFunctions = std::map<std::string, TemplateFunction>;

// Renders `text`. Every action is checked before anything runs, so an unknown
// field or function, an unclosed `if` or a syntax error is reported even in a
// branch that is not taken. Errors are InvalidArgument
// "<file>:<line>: <what>" (`file` names the template in messages only).
absl::StatusOr<std::string> RenderTemplate(absl::string_view file, absl::string_view text,
                                           const TemplateData& data,
                                           const TemplateFunctions& functions);

}  // namespace polybackup::docs

#endif  // POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_H_
