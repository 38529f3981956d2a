// EncodeJson: go-cty cty/json marshal.go semantics (see json.h).
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/cty/json.h"
#include "tfplugin/cty/json_text.h"
#include "tfplugin/cty/path_stack.h"

namespace polybackup::cty {
namespace {

using internal::PathStack;
using Step = PathStack::Step;
using Scope = PathStack::Scope;

class Encoder {
 public:
  absl::Status Encode(const Value& v, const Type& t) {
    if (t.is_dynamic() && !v.type().is_dynamic()) {
      out_ += "{\"value\":";
      if (auto s = Encode(v, v.type()); !s.ok()) return s;
      out_ += ",\"type\":";
      out_ += v.type().ToJson();
      out_ += '}';
      return absl::OkStatus();
    }
    if (!v.is_known()) return path_.Error("value is not known");
    if (v.is_null()) {
      out_ += "null";
      return absl::OkStatus();
    }
    if (v.type().kind() != t.kind()) {
      return path_.Error(
          absl::StrCat("a ", t.FriendlyName(), " is required, not ", v.type().FriendlyName()));
    }
    switch (t.kind()) {
      case Type::Kind::kString:
        AppendJsonString(v.AsString(), out_);
        break;
      case Type::Kind::kNumber:
        if (v.AsNumber().is_infinity()) return path_.Error("JSON cannot represent infinity");
        out_ += v.AsNumber().text();
        break;
      case Type::Kind::kBool:
        out_ += v.AsBool() ? "true" : "false";
        break;
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        const auto& els = v.Elements();
        const bool tuple = t.kind() == Type::Kind::kTuple;
        if (tuple && els.size() != t.tuple_elements().size()) {
          return path_.Error(absl::StrCat("a tuple of ", t.tuple_elements().size(),
                                          " elements is required (", els.size(), " given)"));
        }
        out_ += '[';
        for (size_t i = 0; i < els.size(); ++i) {
          if (i) out_ += ',';
          Scope scope(path_, Step{PathStep::Kind::kIndex, {}, static_cast<int64_t>(i)});
          if (auto s = Encode(els[i], tuple ? t.tuple_elements()[i] : t.element()); !s.ok()) {
            return s;
          }
        }
        out_ += ']';
        break;
      }
      case Type::Kind::kMap:
      case Type::Kind::kObject: {
        const bool object = t.kind() == Type::Kind::kObject;
        const auto& have = v.Attributes();
        if (object) {
          for (const auto& [k, e] : have) {
            if (!t.has_attribute(k)) {
              return path_.Error(absl::StrCat("unsupported attribute \"", k, "\""));
            }
          }
          for (const auto& [k, at] : t.attributes()) {
            if (!have.count(k)) return path_.Error(absl::StrCat("missing attribute \"", k, "\""));
          }
        }
        out_ += '{';
        bool first = true;
        for (const auto& [k, e] : have) {
          if (!first) out_ += ',';
          first = false;
          AppendJsonString(k, out_);
          out_ += ':';
          Scope scope(path_,
                      Step{object ? PathStep::Kind::kAttribute : PathStep::Kind::kKey, k, 0});
          if (auto s = Encode(e, object ? t.attribute(k) : t.element()); !s.ok()) return s;
        }
        out_ += '}';
        break;
      }
      case Type::Kind::kDynamic:
        break;  // unreachable: known values have concrete types
    }
    return absl::OkStatus();
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  PathStack path_;
};

}  // namespace

absl::StatusOr<std::string> EncodeJson(const Value& value, const Type& type) {
  Encoder e;
  if (auto s = e.Encode(value, type); !s.ok()) return s;
  return e.Take();
}

}  // namespace polybackup::cty
