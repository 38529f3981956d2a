#include "tfplugin/docs/template.h"

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tfplugin/docs/template_parse.h"

namespace polybackup::docs {
namespace {

using internal::Node;
using internal::Operand;
using internal::Pipeline;

template <class Map>
std::string Names(const Map& m, absl::string_view prefix) {
  std::vector<std::string> names;
  for (const auto& [name, unused] : m) names.push_back(absl::StrCat(prefix, name));
  return names.empty() ? "none" : absl::StrJoin(names, ", ");
}

class Renderer {
 public:
  Renderer(absl::string_view file, const TemplateData& data, const TemplateFunctions& functions)
      : file_(file), data_(data), functions_(functions) {}

  // Every field and function the nodes name exists, taken branch or not.
  absl::Status Check(const std::vector<Node>& nodes) const {
    for (const Node& node : nodes) {
      for (const auto& command : node.pipeline) {
        for (const Operand& op : command) {
          if (op.kind == Operand::Kind::kField && !data_.count(op.text)) {
            return Error(node.line, absl::StrCat("unknown field .", op.text, " (this page has ",
                                                 Names(data_, "."), ")"));
          }
          if (op.kind == Operand::Kind::kFunction && !functions_.count(op.text)) {
            return Error(node.line, absl::StrCat("unknown function ", op.text,
                                                 " (known: ", Names(functions_, ""), ")"));
          }
        }
      }
      if (absl::Status s = Check(node.then_nodes); !s.ok()) return s;
      if (absl::Status s = Check(node.else_nodes); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status Run(const std::vector<Node>& nodes, std::string* out) const {
    for (const Node& node : nodes) {
      if (node.kind == Node::Kind::kText) {
        out->append(node.text);
        continue;
      }
      auto value = Evaluate(node);
      if (!value.ok()) return value.status();
      if (node.kind == Node::Kind::kPrint) {
        out->append(Print(*value));
        continue;
      }
      if (absl::Status s = Run(IsTrue(*value) ? node.then_nodes : node.else_nodes, out); !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }

 private:
  static std::string Print(const TemplateValue& v) {
    if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    return std::get<std::string>(v);
  }
  static bool IsTrue(const TemplateValue& v) {
    if (const bool* b = std::get_if<bool>(&v)) return *b;
    return !std::get<std::string>(v).empty();
  }

  TemplateValue Value(const Operand& op) const {
    if (op.kind == Operand::Kind::kField) return data_.at(op.text);
    return op.text;  // a string literal (functions are not values)
  }

  // Each stage's result is the last argument of the next (Go's pipelines).
  absl::StatusOr<TemplateValue> Evaluate(const Node& node) const {
    std::optional<TemplateValue> piped;
    for (const auto& command : node.pipeline) {
      const Operand& head = command.front();
      if (head.kind != Operand::Kind::kFunction) {
        piped = Value(head);
        continue;
      }
      std::vector<TemplateValue> args;
      for (size_t i = 1; i < command.size(); ++i) args.push_back(Value(command[i]));
      if (piped) args.push_back(*std::move(piped));
      auto result = functions_.at(head.text)(args);
      if (!result.ok())
        return Error(node.line, absl::StrCat(head.text, ": ", result.status().message()));
      piped = *std::move(result);
    }
    return *std::move(piped);
  }

  absl::Status Error(int line, absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(file_, ":", line, ": ", what));
  }

  absl::string_view file_;
  const TemplateData& data_;
  const TemplateFunctions& functions_;
};

}  // namespace

absl::StatusOr<std::string> RenderTemplate(absl::string_view file, absl::string_view text,
                                           const TemplateData& data,
                                           const TemplateFunctions& functions) {
  auto nodes = internal::ParseTemplate(file, text);
  if (!nodes.ok()) return nodes.status();
  Renderer renderer(file, data, functions);
  if (absl::Status s = renderer.Check(*nodes); !s.ok()) return s;
  std::string out;
  if (absl::Status s = renderer.Run(*nodes, &out); !s.ok()) return s;
  return out;
}

}  // namespace polybackup::docs
