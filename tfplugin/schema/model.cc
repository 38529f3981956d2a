#include "tfplugin/schema/model.h"

#include <map>

namespace polybackup::schema::internal {

Block BuildBlock(const std::vector<std::shared_ptr<Binding>>& entries, const Block& base) {
  Block b = base;
  for (const auto& e : entries) {
    if (e->is_block) {
      b.block_types.push_back(e->block);
    } else {
      b.attributes.push_back(e->attribute);
    }
  }
  return b;
}

namespace {

// The value of an entry that the model does not hold: the carried value when
// there is one, else null, or an empty collection for LIST/SET/MAP blocks
// (core rejects null there, protocol doc §4.3).
cty::Value Unbound(const Binding& e, const cty::Type& type, const cty::Value* carry) {
  if (carry != nullptr && !carry->is_null() && carry->is_known() &&
      carry->type().kind() == cty::Type::Kind::kObject && carry->type().has_attribute(e.name())) {
    const cty::Value& v = carry->GetAttr(e.name());
    if (v.type() == type) return v;
  }
  if (e.is_block) {
    switch (e.block.nesting) {
      case Nesting::kList:
        return cty::Value::List(type.element(), {});
      case Nesting::kSet:
        return cty::Value::Set(type.element(), {});
      case Nesting::kMap:
        return cty::Value::Map(type.element(), {});
      default:
        break;
    }
  }
  return cty::Value::Null(type);
}

}  // namespace

cty::Value EncodeModel(const std::vector<std::shared_ptr<Binding>>& entries, const cty::Type& type,
                       const void* model, const cty::Value* carry) {
  std::map<std::string, cty::Value> attrs;
  for (const auto& e : entries) {
    const cty::Type& at = type.attribute(e->name());
    attrs.emplace(e->name(), e->encode ? e->encode(model) : Unbound(*e, at, carry));
  }
  return cty::Value::Object(type, std::move(attrs));
}

bool DecodeModel(const std::vector<std::shared_ptr<Binding>>& entries, const cty::Value& value,
                 const cty::Path& path, diag::Diagnostics& diags, void* model) {
  if (value.is_null() || !value.is_known()) return true;  // every member stays null
  if (value.type().kind() != cty::Type::Kind::kObject) {
    diags.AddAttributeError(path, "Invalid value",
                            "Expected an object, got " + value.type().FriendlyName() + ".");
    return false;
  }
  bool ok = true;
  for (const auto& e : entries) {
    if (!e->decode) continue;
    if (!value.type().has_attribute(e->name())) continue;  // absent: member stays default
    if (!e->decode(value.GetAttr(e->name()), path.Attribute(e->name()), diags, model)) ok = false;
  }
  return ok;
}

}  // namespace polybackup::schema::internal
