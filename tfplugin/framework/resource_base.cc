#include "tfplugin/framework/resource_base.h"

#include <map>

#include "tfplugin/cty/transform.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::framework {

ReadResult<cty::Value> ResourceBase::ImportRaw(Context& ctx, const std::string& id) {
  ctx.AddError("Import not supported",
               "The resource type " + ctx.type_name() + " does not support import.");
  return Failed();
}

std::optional<nlohmann::json> ResourceBase::UpgradeState(Context& ctx, int64_t from_version,
                                                         nlohmann::json state) {
  ctx.AddError("Unable to upgrade resource state", "The state of this " + ctx.type_name() +
                                                       " was written with schema version " +
                                                       std::to_string(from_version) +
                                                       ", and this provider version has no upgrade "
                                                       "from it to version " +
                                                       std::to_string(GetSchema().version) + ".");
  return std::nullopt;
}

std::optional<cty::Value> ResourceBase::MoveRaw(Context& ctx, const MoveSource& source) {
  ctx.AddError("Move not supported", "The resource type " + ctx.type_name() +
                                         " cannot be the target of a `moved` block "
                                         "from " +
                                         source.type_name + ".");
  return std::nullopt;
}

namespace internal {

// Re-encoding a model is lossy for values a Field cannot hold (a list with
// one unknown element becomes wholly unknown), so only attributes the hook
// actually changed are taken from the re-encoded model.
cty::Value MergeChanged(const cty::Value& raw, const cty::Value& before, const cty::Value& after) {
  if (raw.is_null() || !raw.is_known() || before.Equals(after)) return raw;
  std::map<std::string, cty::Value> attrs = raw.Attributes();
  for (auto& [name, v] : attrs) {
    const cty::Value& b = before.GetAttr(name);
    const cty::Value& a = after.GetAttr(name);
    if (!b.Equals(a)) v = a;
  }
  return cty::Value::Object(raw.type(), std::move(attrs));
}

cty::Value UnknownsToNull(const cty::Value& v) {
  if (v.is_wholly_known()) return v;
  return cty::Transform(v, [](const cty::Path&, const cty::Value& e) {
    return e.is_known() ? e : cty::Value::Null(e.type());
  });
}

}  // namespace internal
}  // namespace polybackup::framework
