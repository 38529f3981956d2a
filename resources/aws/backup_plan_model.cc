#include "resources/aws/backup_plan_model.h"

#include <optional>

#include "clients/aws/schedule_expression.h"

namespace polybackup::resources::aws {
namespace {

namespace cl = clients::aws;

// What AWS answers for windows it was not sent (BackupRule, API reference);
// only reached when an object was made without the provider's defaults.
constexpr int64_t kApiStartWindow = 480;
constexpr int64_t kApiCompletionWindow = 10080;

bool Positive(const schema::Int64& v) { return v.is_known() && v.value() > 0; }

bool IsAwsKey(const std::string& key) { return key.rfind("aws:", 0) == 0; }

std::optional<cl::BackupLifecycle> ToLifecycle(const std::vector<LifecycleModel>& blocks) {
  if (blocks.empty()) return std::nullopt;
  const LifecycleModel& l = blocks.front();
  cl::BackupLifecycle out;
  if (Positive(l.cold_storage_after))
    out.move_to_cold_storage_after_days = l.cold_storage_after.value();
  if (Positive(l.delete_after)) out.delete_after_days = l.delete_after.value();
  if (l.opt_in_to_archive_for_supported_resources.value_or(false)) {
    out.opt_in_to_archive_for_supported_resources = true;
  }
  return out;
}

bool IsEmpty(const cl::BackupLifecycle& l) {
  return l.move_to_cold_storage_after_days.value_or(0) <= 0 &&
         l.delete_after_days.value_or(0) <= 0 &&
         !l.opt_in_to_archive_for_supported_resources.value_or(false);
}

bool IsEmpty(const LifecycleModel& l) {
  return !Positive(l.cold_storage_after) && !Positive(l.delete_after) &&
         !l.opt_in_to_archive_for_supported_resources.value_or(false);
}

// Days as the API answers them, or the prior's 0 when it wrote one (AWS takes
// no 0 days, so 0 and none are the same lifecycle).
schema::Int64 Days(const std::optional<long long>& api, const schema::Int64* prior) {
  if (api && *api > 0) return static_cast<int64_t>(*api);
  if (prior != nullptr && prior->is_known() && prior->value() == 0) return int64_t{0};
  return schema::Int64::Null();
}

std::vector<LifecycleModel> FromLifecycle(const std::optional<cl::BackupLifecycle>& api,
                                          const std::vector<LifecycleModel>& prior) {
  if (!api || IsEmpty(*api)) {
    // None, or "{}" (AWS stored an empty "custom" lifecycle): the same as an
    // empty block, which stays as it was written.
    if (!prior.empty() && IsEmpty(prior.front())) return prior;
    return {};
  }
  const LifecycleModel* p = prior.empty() ? nullptr : &prior.front();
  LifecycleModel out;
  out.cold_storage_after =
      Days(api->move_to_cold_storage_after_days, p ? &p->cold_storage_after : nullptr);
  out.delete_after = Days(api->delete_after_days, p ? &p->delete_after : nullptr);
  out.opt_in_to_archive_for_supported_resources =
      api->opt_in_to_archive_for_supported_resources.value_or(false);
  return {out};
}

// An empty map and none mean the same: the prior form is kept.
schema::Map<std::string> FromTags(const cl::Tags& api, const schema::Map<std::string>& prior) {
  cl::Tags own;
  for (const auto& [k, v] : api) {
    if (!IsAwsKey(k)) own[k] = v;
  }
  if (own.empty())
    return prior.is_known() && prior.value().empty() ? prior : schema::Map<std::string>();
  return own;
}

template <class T, class Key>
const T* FindBy(const std::vector<T>& items, const Key& key, const std::string& value) {
  for (const T& item : items) {
    if ((item.*key).is_known() && (item.*key).value() == value) return &item;
  }
  return nullptr;
}

RuleModel FromApiRule(const cl::BackupRule& r, const RuleModel* prior) {
  RuleModel m;
  m.rule_name = r.rule_name;
  m.target_vault_name = r.target_backup_vault_name;
  std::string schedule = r.schedule_expression.empty() ? kDefaultSchedule : r.schedule_expression;
  if (prior != nullptr && prior->schedule.is_known() &&
      SameSchedule(prior->schedule.value(), schedule)) {
    schedule = prior->schedule.value();
  }
  m.schedule = schedule;
  m.schedule_expression_timezone =
      r.schedule_expression_timezone.empty() ? kDefaultTimezone : r.schedule_expression_timezone;
  m.start_window = static_cast<int64_t>(r.start_window_minutes.value_or(kApiStartWindow));
  m.completion_window =
      static_cast<int64_t>(r.completion_window_minutes.value_or(kApiCompletionWindow));
  m.enable_continuous_backup = r.enable_continuous_backup.value_or(false);
  m.lifecycle =
      FromLifecycle(r.lifecycle, prior ? prior->lifecycle : std::vector<LifecycleModel>{});
  for (const cl::BackupCopyAction& c : r.copy_actions) {
    const CopyActionModel* p =
        prior ? FindBy(prior->copy_action, &CopyActionModel::destination_vault_arn,
                       c.destination_backup_vault_arn)
              : nullptr;
    m.copy_action.push_back({.destination_vault_arn = c.destination_backup_vault_arn,
                             .lifecycle = FromLifecycle(
                                 c.lifecycle, p ? p->lifecycle : std::vector<LifecycleModel>{})});
  }
  m.recovery_point_tags = FromTags(r.recovery_point_tags,
                                   prior ? prior->recovery_point_tags : schema::Map<std::string>());
  return m;
}

bool SameField(const cl::CronField& a, const cl::CronField& b) {
  return a.values == b.values && a.unspecified == b.unspecified && a.special == b.special &&
         a.special_day == b.special_day && a.special_nth == b.special_nth;
}

}  // namespace

bool SameSchedule(const std::string& a, const std::string& b) {
  if (a == b) return true;
  absl::StatusOr<cl::ScheduleExpression> x = cl::ParseScheduleExpression(a);
  absl::StatusOr<cl::ScheduleExpression> y = cl::ParseScheduleExpression(b);
  if (!x.ok() || !y.ok()) return false;
  if (x->rate && y->rate) return x->rate->Interval() == y->rate->Interval();
  if (!x->cron || !y->cron) return false;
  const cl::CronExpression& c = *x->cron;
  const cl::CronExpression& d = *y->cron;
  return SameField(c.minutes, d.minutes) && SameField(c.hours, d.hours) &&
         SameField(c.day_of_month, d.day_of_month) && SameField(c.month, d.month) &&
         SameField(c.day_of_week, d.day_of_week) && SameField(c.year, d.year);
}

cl::BackupPlanDocument ToDocument(const BackupPlanModel& planned) {
  cl::BackupPlanDocument doc;
  doc.backup_plan_name = planned.name.value_or("");
  for (const RuleModel& r : planned.rule) {
    cl::BackupRule out;
    out.rule_name = r.rule_name.value_or("");
    out.target_backup_vault_name = r.target_vault_name.value_or("");
    out.schedule_expression = r.schedule.value_or("");
    out.schedule_expression_timezone = r.schedule_expression_timezone.value_or("");
    if (r.start_window.is_known()) out.start_window_minutes = r.start_window.value();
    if (r.completion_window.is_known()) out.completion_window_minutes = r.completion_window.value();
    out.enable_continuous_backup = r.enable_continuous_backup.value_or(false);
    out.lifecycle = ToLifecycle(r.lifecycle);
    for (const CopyActionModel& c : r.copy_action) {
      out.copy_actions.push_back(
          {.destination_backup_vault_arn = c.destination_vault_arn.value_or(""),
           .lifecycle = ToLifecycle(c.lifecycle)});
    }
    for (const auto& [k, v] : r.recovery_point_tags.value_or({})) {
      if (!IsAwsKey(k)) out.recovery_point_tags[k] = v;
    }
    doc.rules.push_back(std::move(out));
  }
  for (const AdvancedBackupSettingModel& a : planned.advanced_backup_setting) {
    doc.advanced_backup_settings.push_back({.resource_type = a.resource_type.value_or(""),
                                            .backup_options = a.backup_options.value_or({})});
  }
  return doc;
}

BackupPlanModel FromApi(const cl::BackupPlan& plan, const BackupPlanModel& prior) {
  BackupPlanModel m = prior;
  m.id = plan.backup_plan_id;
  m.arn = plan.backup_plan_arn;
  m.version = plan.version_id;
  m.name = plan.plan.backup_plan_name;
  m.rule.clear();
  for (const cl::BackupRule& r : plan.plan.rules) {
    m.rule.push_back(FromApiRule(r, FindBy(prior.rule, &RuleModel::rule_name, r.rule_name)));
  }
  // AWS answers the settings at the top level; the copy inside the document
  // is null there (the AWS provider reads the top-level one for that reason).
  const auto& settings = plan.advanced_backup_settings.empty() ? plan.plan.advanced_backup_settings
                                                               : plan.advanced_backup_settings;
  m.advanced_backup_setting.clear();
  for (const cl::AdvancedBackupSetting& a : settings) {
    m.advanced_backup_setting.push_back(
        {.backup_options = a.backup_options, .resource_type = a.resource_type});
  }
  return m;
}

}  // namespace polybackup::resources::aws
