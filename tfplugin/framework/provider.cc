#include "tfplugin/framework/provider.h"

#include <set>

namespace polybackup::framework {

diag::Diagnostics ValidateDefinition(const ProviderDefinition& def) {
  diag::Diagnostics diags;
  if (!schema::IsValidName(def.type_name)) {
    diags.AddError("Invalid provider type name", "\"" + def.type_name + "\" is not [a-z0-9_]+");
  }
  diags.Append(schema::ValidateSchema(def.schema, "provider " + def.type_name));
  std::set<std::string> seen;
  for (const auto& r : def.resources) {
    const std::string name = def.FullTypeName(r->TypeSuffix());
    if (!schema::IsValidName(name)) diags.AddError("Invalid resource type name", name);
    if (!seen.insert(name).second) diags.AddError("Duplicate resource type", name);
    diags.Append(schema::ValidateSchema(r->GetSchema(), "resource " + name));
  }
  seen.clear();
  for (const auto& d : def.data_sources) {
    const std::string name = def.FullTypeName(d->TypeSuffix());
    if (!schema::IsValidName(name)) diags.AddError("Invalid data source type name", name);
    if (!seen.insert(name).second) diags.AddError("Duplicate data source type", name);
    diags.Append(schema::ValidateSchema(d->GetSchema(), "data source " + name));
  }
  seen.clear();
  for (const auto& f : def.functions) {
    const std::string& name = f->name();
    const std::string what = "function " + name;
    if (!schema::IsValidName(name)) diags.AddError("Invalid function name", name);
    if (!seen.insert(name).second) diags.AddError("Duplicate function", name);
    if (f->summary().empty()) diags.AddError("Function without a summary", what);
    if (f->return_type().is_dynamic()) diags.AddError("Function without a return type", what);
    std::set<std::string> params;
    for (const auto& p : f->params()) {
      if (!schema::IsValidName(p.name) || !params.insert(p.name).second) {
        diags.AddError("Invalid or duplicate parameter name", what + ": " + p.name);
      }
      if (p.description.empty())
        diags.AddError("Parameter without a description", what + ": " + p.name);
    }
  }
  return diags;
}

}  // namespace polybackup::framework
