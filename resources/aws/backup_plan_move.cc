#include "resources/aws/backup_plan_move.h"

#include "resources/aws/backup_common.h"

namespace polybackup::resources::aws {
namespace {

using nlohmann::json;

// 0 days is "not set" for the AWS provider (it never sends a 0).
schema::Int64 Days(const json& state, const char* key) {
  schema::Int64 v = Int64At(state, key);
  return v.is_known() && v.value() == 0 ? schema::Int64::Null() : v;
}

std::vector<LifecycleModel> Lifecycles(const json& parent) {
  std::vector<LifecycleModel> out;
  for (const json& l : ListAt(parent, "lifecycle")) {
    schema::Bool opt_in = BoolAt(l, "opt_in_to_archive_for_supported_resources");
    out.push_back({.cold_storage_after = Days(l, "cold_storage_after"),
                   .delete_after = Days(l, "delete_after"),
                   .opt_in_to_archive_for_supported_resources = opt_in.value_or(false)});
  }
  return out;
}

template <class T>
T Or(const T& v, typename T::ValueType fallback) {
  return v.is_known() ? v : T(fallback);
}

}  // namespace

BackupPlanModel PlanFromAwsProviderState(const json& state, int64_t version) {
  BackupPlanModel m;
  m.id = StringAt(state, "id");
  m.arn = StringAt(state, "arn");
  m.name = StringAt(state, "name");
  m.version = StringAt(state, "version");
  for (const json& r : ListAt(state, "rule")) {
    RuleModel rule;
    rule.rule_name = StringAt(r, "rule_name");
    rule.target_vault_name = StringAt(r, "target_vault_name");
    schema::String schedule = StringAt(r, "schedule");
    rule.schedule = schedule.value_or("").empty() ? schema::String(kDefaultSchedule) : schedule;
    // Version 0 has no time zone: AWS used UTC (plan_migrate.go sets the same).
    schema::String tz =
        version >= 1 ? StringAt(r, "schedule_expression_timezone") : schema::String::Null();
    rule.schedule_expression_timezone =
        tz.value_or("").empty() ? schema::String(kDefaultTimezone) : tz;
    rule.start_window = Or(Int64At(r, "start_window"), kDefaultStartWindow);
    rule.completion_window = Or(Int64At(r, "completion_window"), kDefaultCompletionWindow);
    rule.enable_continuous_backup = Or(BoolAt(r, "enable_continuous_backup"), false);
    rule.lifecycle = Lifecycles(r);
    for (const json& c : ListAt(r, "copy_action")) {
      rule.copy_action.push_back({.destination_vault_arn = StringAt(c, "destination_vault_arn"),
                                  .lifecycle = Lifecycles(c)});
    }
    rule.recovery_point_tags = MapAt(r, "recovery_point_tags", /*empty_is_null=*/true);
    m.rule.push_back(std::move(rule));
  }
  for (const json& a : ListAt(state, "advanced_backup_setting")) {
    m.advanced_backup_setting.push_back(
        {.backup_options = MapAt(a, "backup_options", /*empty_is_null=*/false),
         .resource_type = StringAt(a, "resource_type")});
  }
  m.tags = MapAt(state, "tags", /*empty_is_null=*/false).value_or({});
  m.tags_all = MapAt(state, "tags_all", /*empty_is_null=*/false);
  if (m.tags_all.is_null()) m.tags_all = std::map<std::string, std::string>{};
  // v6 of the AWS provider has a per-resource region; v5 takes the provider's.
  m.region = StringAt(state, "region");
  return m;
}

}  // namespace polybackup::resources::aws
