#include "tfplugin/cty/type.h"

#include <cstdlib>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "tfplugin/cty/json_text.h"

namespace polybackup::cty {

struct Type::Rep {
  Kind kind = Kind::kDynamic;
  std::optional<Type> element;  // list/set/map (optional: a Type member would recurse)
  std::map<std::string, Type> attributes;
  std::set<std::string> optional;
  std::vector<Type> tuple;
};

namespace {

// Type JSON nested deeper than this is refused before nlohmann sees it: a
// hostile dynamic value could otherwise make the parser and the recursive
// conversion below exhaust the stack.
constexpr int kMaxTypeDepth = 64;

}  // namespace

Type::Type() : Type(Dynamic()) {}
Type::Type(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Type Type::String() {
  static const Type* t = new Type([] {
    auto r = std::make_shared<Rep>();
    r->kind = Kind::kString;
    return r;
  }());
  return *t;
}
Type Type::Number() {
  static const Type* t = new Type([] {
    auto r = std::make_shared<Rep>();
    r->kind = Kind::kNumber;
    return r;
  }());
  return *t;
}
Type Type::Bool() {
  static const Type* t = new Type([] {
    auto r = std::make_shared<Rep>();
    r->kind = Kind::kBool;
    return r;
  }());
  return *t;
}
Type Type::Dynamic() {
  static const Type* t = new Type(std::make_shared<Rep>());
  return *t;
}

Type Type::List(Type element) {
  auto r = std::make_shared<Rep>();
  r->kind = Kind::kList;
  r->element = std::move(element);
  return Type(std::move(r));
}
Type Type::Set(Type element) {
  auto r = std::make_shared<Rep>();
  r->kind = Kind::kSet;
  r->element = std::move(element);
  return Type(std::move(r));
}
Type Type::Map(Type element) {
  auto r = std::make_shared<Rep>();
  r->kind = Kind::kMap;
  r->element = std::move(element);
  return Type(std::move(r));
}
Type Type::Object(std::map<std::string, Type> attributes, std::set<std::string> optional) {
  auto r = std::make_shared<Rep>();
  r->kind = Kind::kObject;
  r->attributes = std::move(attributes);
  r->optional = std::move(optional);
  return Type(std::move(r));
}
Type Type::Tuple(std::vector<Type> elements) {
  auto r = std::make_shared<Rep>();
  r->kind = Kind::kTuple;
  r->tuple = std::move(elements);
  return Type(std::move(r));
}

Type::Kind Type::kind() const { return rep_->kind; }
bool Type::is_primitive() const {
  Kind k = kind();
  return k == Kind::kString || k == Kind::kNumber || k == Kind::kBool;
}
bool Type::is_collection() const {
  Kind k = kind();
  return k == Kind::kList || k == Kind::kSet || k == Kind::kMap;
}

const Type& Type::element() const {
  if (!is_collection()) throw UsageError("element() of a type that is not a collection");
  return *rep_->element;
}
const std::map<std::string, Type>& Type::attributes() const {
  if (kind() != Kind::kObject) throw UsageError("attributes() of a type that is not an object");
  return rep_->attributes;
}
const std::set<std::string>& Type::optional_attributes() const {
  if (kind() != Kind::kObject)
    throw UsageError("optional_attributes() of a type that is not an object");
  return rep_->optional;
}
bool Type::has_attribute(const std::string& name) const {
  return kind() == Kind::kObject && rep_->attributes.count(name) > 0;
}
const Type& Type::attribute(const std::string& name) const {
  auto it = attributes().find(name);
  if (it == rep_->attributes.end())
    throw UsageError("the object type has no attribute \"" + name + "\"");
  return it->second;
}
const std::vector<Type>& Type::tuple_elements() const {
  if (kind() != Kind::kTuple) throw UsageError("tuple_elements() of a type that is not a tuple");
  return rep_->tuple;
}

bool operator==(const Type& a, const Type& b) {
  if (a.rep_ == b.rep_) return true;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      return a.element() == b.element();
    case Type::Kind::kObject:
      return a.rep_->attributes == b.rep_->attributes;
    case Type::Kind::kTuple:
      return a.rep_->tuple == b.rep_->tuple;
    default:
      return true;
  }
}

std::string Type::ToJson() const {
  switch (kind()) {
    case Kind::kString:
      return "\"string\"";
    case Kind::kNumber:
      return "\"number\"";
    case Kind::kBool:
      return "\"bool\"";
    case Kind::kDynamic:
      return "\"dynamic\"";
    case Kind::kList:
      return absl::StrCat("[\"list\",", element().ToJson(), "]");
    case Kind::kSet:
      return absl::StrCat("[\"set\",", element().ToJson(), "]");
    case Kind::kMap:
      return absl::StrCat("[\"map\",", element().ToJson(), "]");
    case Kind::kObject: {
      std::string out = "[\"object\",{";
      bool first = true;
      for (const auto& [name, t] : rep_->attributes) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(name, out);
        out += ':';
        out += t.ToJson();
      }
      out += '}';
      if (!rep_->optional.empty()) {
        out += ",[";
        first = true;
        for (const auto& name : rep_->optional) {
          if (!first) out += ',';
          first = false;
          AppendJsonString(name, out);
        }
        out += ']';
      }
      return out + "]";
    }
    case Kind::kTuple: {
      std::string out = "[\"tuple\",[";
      for (size_t i = 0; i < rep_->tuple.size(); ++i) {
        if (i) out += ',';
        out += rep_->tuple[i].ToJson();
      }
      return out + "]]";
    }
  }
  return "\"dynamic\"";
}

namespace {

absl::StatusOr<Type> FromJsonNode(const nlohmann::json& j) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("invalid type JSON: ", std::string(why)));
  };
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "string") return Type::String();
    if (s == "number") return Type::Number();
    if (s == "bool") return Type::Bool();
    if (s == "dynamic") return Type::Dynamic();
    return bad(absl::StrCat("unknown primitive type \"", s, "\""));
  }
  if (!j.is_array() || j.size() < 2 || !j[0].is_string()) {
    return bad("expected a type name or a [kind, ...] array");
  }
  const std::string& kind = j[0].get_ref<const std::string&>();
  if (kind == "list" || kind == "set" || kind == "map") {
    if (j.size() != 2) return bad(absl::StrCat(kind, " takes exactly one element type"));
    auto el = FromJsonNode(j[1]);
    if (!el.ok()) return el.status();
    if (kind == "list") return Type::List(*el);
    if (kind == "set") return Type::Set(*el);
    return Type::Map(*el);
  }
  if (kind == "object") {
    if (j.size() > 3 || !j[1].is_object()) return bad("object needs an attribute map");
    std::map<std::string, Type> attrs;
    for (const auto& [name, sub] : j[1].items()) {
      auto t = FromJsonNode(sub);
      if (!t.ok()) return t.status();
      attrs.emplace(name, *t);
    }
    std::set<std::string> optional;
    if (j.size() == 3) {
      if (!j[2].is_array()) return bad("object optional attributes must be an array");
      for (const auto& n : j[2]) {
        if (!n.is_string() || !attrs.count(n.get<std::string>())) {
          return bad("optional attribute is not an attribute of the object");
        }
        optional.insert(n.get<std::string>());
      }
    }
    return Type::Object(std::move(attrs), std::move(optional));
  }
  if (kind == "tuple") {
    if (j.size() != 2 || !j[1].is_array()) return bad("tuple needs an element type array");
    std::vector<Type> els;
    for (const auto& sub : j[1]) {
      auto t = FromJsonNode(sub);
      if (!t.ok()) return t.status();
      els.push_back(*t);
    }
    return Type::Tuple(std::move(els));
  }
  return bad(absl::StrCat("unknown type kind \"", kind, "\""));
}

}  // namespace

absl::StatusOr<Type> Type::FromJson(std::string_view json) {
  if (JsonNestingDepth(json) > kMaxTypeDepth) {
    return absl::InvalidArgumentError("invalid type JSON: nested too deeply");
  }
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::InvalidArgumentError("invalid type JSON: not valid JSON");
  return FromJsonNode(j);
}

std::string Type::FriendlyName() const {
  switch (kind()) {
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kDynamic:
      return "dynamic";
    case Kind::kList:
      return "list of " + element().FriendlyName();
    case Kind::kSet:
      return "set of " + element().FriendlyName();
    case Kind::kMap:
      return "map of " + element().FriendlyName();
    case Kind::kObject:
      return "object";
    case Kind::kTuple:
      return "tuple";
  }
  return "dynamic";
}

}  // namespace polybackup::cty
