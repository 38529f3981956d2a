#include "tfplugin/schema/schema.h"

#include <map>
#include <set>

namespace polybackup::schema {

cty::Type Attribute::ImpliedType() const {
  if (!nested) return type;
  std::map<std::string, cty::Type> attrs;
  for (const auto& a : nested->attributes) attrs.emplace(a.name, a.ImpliedType());
  cty::Type object = cty::Type::Object(std::move(attrs));
  switch (nested->nesting) {
    case Nesting::kList:
      return cty::Type::List(object);
    case Nesting::kSet:
      return cty::Type::Set(object);
    case Nesting::kMap:
      return cty::Type::Map(object);
    default:
      return object;
  }
}

const Attribute* Block::FindAttribute(const std::string& name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const NestedBlock* Block::FindBlock(const std::string& name) const {
  for (const auto& b : block_types) {
    if (b.type_name == name) return &b;
  }
  return nullptr;
}

cty::Type Block::ImpliedType() const {
  std::map<std::string, cty::Type> attrs;
  for (const auto& a : attributes) attrs.emplace(a.name, a.ImpliedType());
  for (const auto& b : block_types) {
    cty::Type object = b.block ? b.block->ImpliedType() : cty::Type::Object({});
    switch (b.nesting) {
      case Nesting::kList:
        attrs.emplace(b.type_name, cty::Type::List(object));
        break;
      case Nesting::kSet:
        attrs.emplace(b.type_name, cty::Type::Set(object));
        break;
      case Nesting::kMap:
        attrs.emplace(b.type_name, cty::Type::Map(object));
        break;
      default:
        attrs.emplace(b.type_name, object);
    }
  }
  return cty::Type::Object(std::move(attrs));
}

bool IsValidName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

namespace {

bool ContainsDynamic(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Type::Kind::kDynamic:
      return true;
    case cty::Type::Kind::kList:
    case cty::Type::Kind::kSet:
    case cty::Type::Kind::kMap:
      return ContainsDynamic(t.element());
    case cty::Type::Kind::kObject:
      for (const auto& [n, at] : t.attributes()) {
        if (ContainsDynamic(at)) return true;
      }
      return false;
    case cty::Type::Kind::kTuple:
      for (const auto& et : t.tuple_elements()) {
        if (ContainsDynamic(et)) return true;
      }
      return false;
    default:
      return false;
  }
}

class Checker {
 public:
  Checker(std::string what, diag::Diagnostics& diags) : what_(std::move(what)), diags_(diags) {}

  void Error(const cty::Path& path, const std::string& detail) {
    diags_.AddAttributeError(
        path, "Invalid schema for " + what_,
        detail + " (at " + path.ToString() + "); this is a bug in the provider");
  }

  void CheckAttribute(const Attribute& a, const cty::Path& path, bool in_set) {
    if (!IsValidName(a.name)) Error(path, "attribute name \"" + a.name + "\" is not [a-z0-9_]+");
    if (!a.required && !a.optional && !a.computed) {
      Error(path, "attribute must be required, optional or computed");
    }
    if (a.required && a.optional) Error(path, "attribute cannot be both required and optional");
    if (a.required && a.computed) Error(path, "attribute cannot be both required and computed");
    if (!a.deprecated && !a.deprecation_message.empty()) {
      Error(path, "deprecation message set on an attribute that is not deprecated");
    }
    if (a.default_value && !(a.optional && a.computed)) {
      Error(path, "a default needs an optional+computed attribute");
    }
    if (a.write_only && a.computed) Error(path, "write-only attributes cannot be computed");
    if (a.write_only && in_set) Error(path, "write-only attributes cannot be inside a set");
    if (a.use_state_for_unknown && !a.computed) {
      Error(path, "UseStateForUnknown needs a computed attribute");
    }
    for (const auto& v : a.validators) {
      if (v != nullptr && !v->AcceptsType(a.ImpliedType())) {
        Error(path, "validator \"" + v->Description() + "\" cannot check a value of type " +
                        a.ImpliedType().FriendlyName());
      }
    }
    if (a.nested) {
      const bool set = in_set || a.nested->nesting == Nesting::kSet;
      if (a.nested->nesting == Nesting::kGroup) Error(path, "nested attributes cannot be GROUP");
      CheckAttributes(a.nested->attributes, path, set);
    } else if (in_set && ContainsDynamic(a.type)) {
      Error(path, "dynamic types are not allowed inside sets");
    }
  }

  void CheckAttributes(const std::vector<Attribute>& attrs, const cty::Path& path, bool in_set) {
    std::set<std::string> seen;
    for (const auto& a : attrs) {
      if (!seen.insert(a.name).second) Error(path.Attribute(a.name), "duplicate attribute name");
      CheckAttribute(a, path.Attribute(a.name), in_set);
    }
  }

  void CheckBlock(const Block& b, const cty::Path& path, bool in_set) {
    if (!b.deprecated && !b.deprecation_message.empty()) {
      Error(path, "deprecation message set on a block that is not deprecated");
    }
    CheckAttributes(b.attributes, path, in_set);
    std::set<std::string> names;
    for (const auto& a : b.attributes) names.insert(a.name);
    for (const auto& nb : b.block_types) {
      const cty::Path p = path.Attribute(nb.type_name);
      if (!IsValidName(nb.type_name))
        Error(p, "block name \"" + nb.type_name + "\" is not [a-z0-9_]+");
      if (!names.insert(nb.type_name).second) Error(p, "name used twice (attribute or block)");
      if (nb.min_items < 0 || nb.max_items < 0) Error(p, "min_items/max_items must be >= 0");
      if (nb.max_items != 0 && nb.min_items > nb.max_items) Error(p, "min_items > max_items");
      switch (nb.nesting) {
        case Nesting::kSingle:
          if (nb.min_items > 1 || nb.max_items > 1) Error(p, "SINGLE blocks allow 0 or 1 item");
          break;
        case Nesting::kGroup:
          if (nb.min_items != 0 || nb.max_items != 0) Error(p, "GROUP blocks have no min/max");
          break;
        case Nesting::kMap:
          if (nb.min_items != 0 || nb.max_items != 0) Error(p, "MAP blocks have no min/max");
          break;
        default:
          break;
      }
      if (!nb.block) {
        Error(p, "nested block has no block");
        continue;
      }
      CheckBlock(*nb.block, p, in_set || nb.nesting == Nesting::kSet);
    }
  }

 private:
  std::string what_;
  diag::Diagnostics& diags_;
};

}  // namespace

diag::Diagnostics ValidateSchema(const Schema& schema, const std::string& what) {
  diag::Diagnostics diags;
  Checker c(what, diags);
  if (schema.version < 0) c.Error(cty::Path(), "schema version must be >= 0");
  c.CheckBlock(schema.block, cty::Path(), false);
  return diags;
}

}  // namespace polybackup::schema
