#include "tfplugin/framework/convert.h"

#include "base/utf8.h"
#include "tfplugin/cty/json.h"
#include "tfplugin/cty/msgpack.h"

namespace polybackup::framework {

void ToProto(const diag::Diagnostics& diags,
             google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const auto& d : diags) {
    tfplugin6::Diagnostic* p = out->Add();
    p->set_severity(d.severity == diag::Severity::kError ? tfplugin6::Diagnostic::ERROR
                                                         : tfplugin6::Diagnostic::WARNING);
    // Summaries and details quote values, and values can be any bytes (a
    // msgpack bin for a string attribute); a proto3 decoder refuses the whole
    // response over one ill-formed byte, so mend them here, where every
    // diagnostic passes.
    p->set_summary(utf8::Sanitize(d.summary));
    p->set_detail(utf8::Sanitize(d.detail));
    if (d.attribute && !d.attribute->empty()) *p->mutable_attribute() = PathToProto(*d.attribute);
  }
}

tfplugin6::AttributePath PathToProto(const cty::Path& path) {
  // Map keys come from user data, so they are mended like diagnostic text.
  tfplugin6::AttributePath out;
  for (const auto& s : path.steps()) {
    auto* step = out.add_steps();
    switch (s.kind) {
      case cty::PathStep::Kind::kAttribute:
        step->set_attribute_name(utf8::Sanitize(s.name));
        break;
      case cty::PathStep::Kind::kKey:
        step->set_element_key_string(utf8::Sanitize(s.name));
        break;
      case cty::PathStep::Kind::kIndex:
        step->set_element_key_int(s.index);
        break;
    }
  }
  return out;
}

cty::Path PathFromProto(const tfplugin6::AttributePath& path) {
  cty::Path out;
  for (const auto& s : path.steps()) {
    switch (s.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName:
        out = out.Attribute(s.attribute_name());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyString:
        out = out.Key(s.element_key_string());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyInt:
        out = out.Index(s.element_key_int());
        break;
      default:
        break;
    }
  }
  return out;
}

namespace {

tfplugin6::StringKind Kind(bool markdown) {
  return markdown ? tfplugin6::StringKind::MARKDOWN : tfplugin6::StringKind::PLAIN;
}

tfplugin6::Schema::NestedBlock::NestingMode BlockNesting(schema::Nesting n) {
  using M = tfplugin6::Schema::NestedBlock;
  switch (n) {
    case schema::Nesting::kSingle:
      return M::SINGLE;
    case schema::Nesting::kList:
      return M::LIST;
    case schema::Nesting::kSet:
      return M::SET;
    case schema::Nesting::kMap:
      return M::MAP;
    case schema::Nesting::kGroup:
      return M::GROUP;
  }
  return M::INVALID;
}

tfplugin6::Schema::Object::NestingMode ObjectNesting(schema::Nesting n) {
  using O = tfplugin6::Schema::Object;
  switch (n) {
    case schema::Nesting::kSingle:
      return O::SINGLE;
    case schema::Nesting::kList:
      return O::LIST;
    case schema::Nesting::kSet:
      return O::SET;
    case schema::Nesting::kMap:
      return O::MAP;
    default:
      return O::INVALID;
  }
}

void AttributeToProto(const schema::Attribute& a, tfplugin6::Schema::Attribute* p) {
  p->set_name(a.name);
  if (a.nested) {
    auto* obj = p->mutable_nested_type();
    obj->set_nesting(ObjectNesting(a.nested->nesting));
    for (const auto& n : a.nested->attributes) AttributeToProto(n, obj->add_attributes());
  } else {
    p->set_type(a.type.ToJson());
  }
  p->set_description(a.description);
  p->set_description_kind(Kind(a.description_markdown));
  p->set_required(a.required);
  p->set_optional(a.optional);
  p->set_computed(a.computed);
  p->set_sensitive(a.sensitive);
  p->set_deprecated(a.deprecated);
  p->set_deprecation_message(a.deprecation_message);
  p->set_write_only(a.write_only);
}

}  // namespace

tfplugin6::Schema::Block BlockToProto(const schema::Block& block) {
  tfplugin6::Schema::Block out;
  out.set_description(block.description);
  out.set_description_kind(Kind(block.description_markdown));
  out.set_deprecated(block.deprecated);
  out.set_deprecation_message(block.deprecation_message);
  for (const auto& a : block.attributes) AttributeToProto(a, out.add_attributes());
  for (const auto& nb : block.block_types) {
    auto* p = out.add_block_types();
    p->set_type_name(nb.type_name);
    p->set_nesting(BlockNesting(nb.nesting));
    p->set_min_items(nb.min_items);
    p->set_max_items(nb.max_items);
    *p->mutable_block() = nb.block ? BlockToProto(*nb.block) : tfplugin6::Schema::Block();
  }
  return out;
}

tfplugin6::Schema SchemaToProto(const schema::Schema& schema) {
  tfplugin6::Schema out;
  out.set_version(schema.version);
  *out.mutable_block() = BlockToProto(schema.block);
  return out;
}

tfplugin6::Function FunctionToProto(const Function& f) {
  tfplugin6::Function out;
  out.set_summary(f.summary());
  out.set_description(f.description());
  out.set_description_kind(tfplugin6::StringKind::MARKDOWN);
  for (const FunctionParam& p : f.params()) {
    auto* param = out.add_parameters();
    param->set_name(p.name);
    param->set_type(p.type.ToJson());
    param->set_allow_null_value(p.allow_null);
    param->set_allow_unknown_values(false);
    param->set_description(p.description);
    param->set_description_kind(tfplugin6::StringKind::MARKDOWN);
  }
  out.mutable_return_()->set_type(f.return_type().ToJson());
  return out;
}

absl::StatusOr<cty::Value> DecodeDynamic(const tfplugin6::DynamicValue& dv, const cty::Type& type) {
  if (!dv.msgpack().empty()) return cty::DecodeMsgpack(dv.msgpack(), type);
  if (!dv.json().empty()) return cty::DecodeJson(dv.json(), type);
  return cty::Value::Null(type);
}

bool DecodeDynamic(const tfplugin6::DynamicValue& dv, const cty::Type& type,
                   const std::string& argument, diag::Diagnostics& diags, cty::Value* out) {
  absl::StatusOr<cty::Value> v = DecodeDynamic(dv, type);
  if (!v.ok()) {
    diags.AddError("Invalid " + argument, "Terraform sent a " + argument +
                                              " value the provider could not decode: " +
                                              std::string(v.status().message()));
    return false;
  }
  *out = *std::move(v);
  return true;
}

void EncodeDynamic(const cty::Value& value, const cty::Type& type, tfplugin6::DynamicValue* out,
                   diag::Diagnostics& diags) {
  absl::StatusOr<std::string> bytes = cty::EncodeMsgpack(value, type);
  if (!bytes.ok()) {
    diags.AddError("Internal provider error", "The provider could not encode its result: " +
                                                  std::string(bytes.status().message()) +
                                                  ". This is a bug in the provider.");
    return;
  }
  out->set_msgpack(*std::move(bytes));
}

nlohmann::json PrivateFromBytes(const std::string& bytes, diag::Diagnostics& diags) {
  if (bytes.empty()) return nlohmann::json::object();
  nlohmann::json j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    diags.AddWarning("Ignoring unreadable private state",
                     "The private data Terraform stored for this resource is not a JSON object; "
                     "it was reset.");
    return nlohmann::json::object();
  }
  return j;
}

std::string PrivateToBytes(const nlohmann::json& private_state) {
  if (private_state.is_null() || (private_state.is_object() && private_state.empty())) return "";
  return private_state.dump();
}

}  // namespace polybackup::framework
