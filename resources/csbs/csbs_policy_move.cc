// PolicyResource::Move: `moved` blocks (Terraform 1.8+) into
// polybackup_csbs_policy from the alias polybackup_csbs_backup_policy_v1 and
// from the reference providers' resources, whose state has the same
// attribute names (OTC: opentelekomcloud/services/csbs/
// resource_opentelekomcloud_csbs_backup_policy_v1.go; Huawei:
// huaweicloud/services/deprecated/resource_huaweicloud_csbs_backup_policy_v1.go).
// Unlike import, a move keeps the long-term retention and timezone the
// service never answers, because the source state holds them.
#include <algorithm>
#include <array>

#include "resources/csbs/csbs_policy_resource.h"
#include "tfplugin/cty/json.h"

namespace polybackup::resources::csbs {
namespace {

constexpr std::array<const char*, 5> kSources = {
    "polybackup_csbs_policy", "polybackup_csbs_backup_policy_v1",
    "opentelekomcloud_csbs_backup_policy_v1", "huaweicloud_csbs_backup_policy",
    "huaweicloud_csbs_backup_policy_v1"};

// Older OTC releases stored tags as a map; the current schema is a set of
// {key, value} blocks.
void TagsAsBlocks(nlohmann::json& state) {
  auto it = state.find("tags");
  if (it == state.end() || !it->is_object()) return;
  nlohmann::json blocks = nlohmann::json::array();
  for (const auto& [k, v] : it->items()) {
    blocks.push_back({{"key", k}, {"value", v.is_string() ? v.get<std::string>() : v.dump()}});
  }
  *it = std::move(blocks);
}

// The reference providers are SDKv2 resources: an optional value left out
// is stored as "" or 0, which this provider stores as null.
void ZeroValuesAsNull(PolicyModel& m) {
  auto text = [](schema::String& f) {
    if (f.is_known() && f.value().empty()) f = schema::String::Null();
  };
  auto count = [](schema::Int64& f) {
    if (f.is_known() && f.value() == 0) f = schema::Int64::Null();
  };
  text(m.description);
  if (m.common.is_known() && m.common.value().empty()) m.common = schema::Map<std::string>::Null();
  for (auto& op : m.scheduled_operation) {
    text(op.description);
    text(op.timezone);
    for (schema::Int64* c : {&op.max_backups, &op.retention_duration_days, &op.day_backups,
                             &op.week_backups, &op.month_backups, &op.year_backups}) {
      count(*c);
    }
  }
}

}  // namespace

std::optional<PolicyModel> PolicyResource::Move(framework::Context& ctx,
                                                const framework::MoveSource& source) {
  if (std::find_if(kSources.begin(), kSources.end(),
                   [&](const char* name) { return source.type_name == name; }) == kSources.end()) {
    ctx.AddError("Unsupported move",
                 "polybackup_" + TypeSuffix() + " takes state moved from " +
                     "polybackup_csbs_policy, polybackup_csbs_backup_policy_v1, "
                     "opentelekomcloud_csbs_backup_policy_v1 or "
                     "huaweicloud_csbs_backup_policy(_v1), not " +
                     source.type_name + ".");
    return std::nullopt;
  }
  nlohmann::json state = source.state.is_object() ? source.state : nlohmann::json::object();
  TagsAsBlocks(state);
  state.erase("timeouts");  // the source's own defaults; ours apply
  const auto& s = model_schema();
  absl::StatusOr<cty::Value> value = cty::DecodeJsonLenient(state.dump(), s.Type());
  if (!value.ok()) {
    ctx.AddError("Cannot move the " + source.type_name + " state",
                 std::string(value.status().message()));
    return std::nullopt;
  }
  PolicyModel m;
  if (!s.Decode(*value, {}, ctx.diagnostics(), &m)) return std::nullopt;
  if (!m.id.is_known() || m.id.value().empty()) {
    ctx.AddError("Cannot move the " + source.type_name + " state", "It has no policy ID.");
    return std::nullopt;
  }
  if (source.type_name.rfind("polybackup_", 0) != 0) ZeroValuesAsNull(m);
  // Null where the source left a value out that this schema always has.
  if (!m.provider_id.is_known()) m.provider_id = std::string(clients::huaweicloud::kCsbsProviderId);
  for (auto& op : m.scheduled_operation) {
    if (!op.enabled.is_known()) op.enabled = true;
  }
  return m;
}

}  // namespace polybackup::resources::csbs
