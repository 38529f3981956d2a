// Schema-driven configuration validation (ValidateResourceConfig and
// friends): validators see only known, non-null values — unknowns are
// checked again at apply, when they are known (protocol doc §4.2).
#include "tfplugin/framework/planning.h"

namespace polybackup::framework {
namespace {

bool IsKnownObject(const cty::Value& v) {
  return v.is_known() && !v.is_null() && v.type().kind() == cty::Type::Kind::kObject;
}

void ValidateElements(schema::Nesting nesting, const schema::Block& block, const cty::Value& v,
                      const cty::Path& path, const ValidateOptions& options,
                      diag::Diagnostics& diags) {
  if (!v.is_known() || v.is_null()) return;
  switch (nesting) {
    case schema::Nesting::kSingle:
    case schema::Nesting::kGroup:
      ValidateValue(block, v, path, diags, options);
      return;
    case schema::Nesting::kMap:
      for (const auto& [k, e] : v.Attributes())
        ValidateValue(block, e, path.Key(k), diags, options);
      return;
    default: {
      int64_t i = 0;
      for (const auto& e : v.Elements()) ValidateValue(block, e, path.Index(i++), diags, options);
    }
  }
}

}  // namespace

void ValidateValue(const schema::Block& block, const cty::Value& config, const cty::Path& path,
                   diag::Diagnostics& diags, const ValidateOptions& options) {
  if (!IsKnownObject(config)) return;
  for (const auto& a : block.attributes) {
    if (!config.type().has_attribute(a.name)) continue;
    const cty::Value& v = config.GetAttr(a.name);
    const cty::Path p = path.Attribute(a.name);
    if (v.is_null()) continue;
    if (a.write_only && !options.write_only_allowed) {
      // An older core would store the value in state and then reject the
      // plan that leaves it out (terraform-plugin-framework refuses the same).
      diags.AddAttributeError(
          p, "Write-only attribute not supported by this Terraform version",
          "\"" + a.name +
              "\" is write-only: its value is never stored in state, which needs Terraform 1.11 "
              "or later (this Terraform did not announce support for write-only attributes). "
              "Upgrade Terraform, or leave \"" +
              a.name + "\" unset.");
      continue;
    }
    if (a.deprecated) {
      diags.AddAttributeWarning(p, "Argument is deprecated",
                                a.deprecation_message.empty()
                                    ? "\"" + a.name + "\" is deprecated and will be removed."
                                    : a.deprecation_message);
    }
    if (!v.is_known()) continue;
    for (const auto& validator : a.validators) validator->Validate(v, p, diags);
    if (a.nested) {
      schema::Block nb;
      nb.attributes = a.nested->attributes;
      ValidateElements(a.nested->nesting, nb, v, p, options, diags);
    }
  }
  for (const auto& nb : block.block_types) {
    if (!nb.block || !config.type().has_attribute(nb.type_name)) continue;
    const cty::Value& v = config.GetAttr(nb.type_name);
    ValidateElements(nb.nesting, *nb.block, v, path.Attribute(nb.type_name), options, diags);
  }
}

}  // namespace polybackup::framework
