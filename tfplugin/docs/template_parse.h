// The syntax tree of a doc template (template.h) and its parser. Internal to
// tfplugin/docs: template.cc checks and runs the tree.
#ifndef POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_PARSE_H_
#define POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_PARSE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polybackup::docs::internal {

struct Operand {
  enum class Kind { kField, kString, kFunction };
  Kind kind = Kind::kString;
  std::string text;  // field name without the dot, the literal's value, or the function name
};

// One stage of a pipeline: a function and its arguments, or a single value
// (first stage only).
using Command = std::vector<Operand>;
using Pipeline = std::vector<Command>;

struct Node {
  enum class Kind { kText, kPrint, kIf };
  Kind kind = Kind::kText;
  int line = 1;                  // where the action starts (1-based)
  std::string text;              // kText
  Pipeline pipeline;             // kPrint: what to print; kIf: the condition
  std::vector<Node> then_nodes;  // kIf
  std::vector<Node> else_nodes;  // kIf; "else if" is one kIf node here
};

// Parses `text`, applying the {{- -}} trim markers and dropping comments.
// Errors are InvalidArgument "<file>:<line>: <what>".
absl::StatusOr<std::vector<Node>> ParseTemplate(absl::string_view file, absl::string_view text);

}  // namespace polybackup::docs::internal

#endif  // POLYBACKUP_TFPLUGIN_DOCS_TEMPLATE_PARSE_H_
