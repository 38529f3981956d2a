#include "resources/aws/backup_plan_validation.h"

#include <map>
#include <set>
#include <vector>

#include "clients/aws/schedule_expression.h"

namespace polybackup::resources::aws {
namespace {

class Schedule : public schema::Validator {
 public:
  std::string Description() const override {
    return "an AWS schedule expression running at most hourly: cron(minutes hours day-of-month "
           "month day-of-week year) or rate(value unit), e.g. cron(0 5 ? * * *)";
  }
  bool AcceptsType(const cty::Type& t) const override {
    return t.kind() == cty::Type::Kind::kString;
  }
  void Validate(const cty::Value& v, const cty::Path& path,
                diag::Diagnostics& diags) const override {
    const std::string text = v.AsString();
    auto parsed = clients::aws::ParseScheduleExpression(text);
    absl::Status s = parsed.ok() ? clients::aws::CheckHourlyAtMost(*parsed) : parsed.status();
    if (s.ok()) return;
    diags.AddAttributeError(
        path, "Invalid value for \"" + path.ToString().substr(1) + "\"",
        "\"" + text + "\" is not a valid AWS Backup schedule: " + std::string(s.message()) + ".");
  }
};

std::string Name(const RuleModel& r) { return "rule \"" + r.rule_name.value_or("?") + "\""; }

void Add(diag::Diagnostics& diags, const char* block, const std::string& summary,
         const std::string& detail) {
  diags.AddAttributeError(cty::Path().Attribute(block), summary, detail);
}

void CheckLifecycle(const LifecycleModel& l, const std::string& where, diag::Diagnostics& diags) {
  if (!l.cold_storage_after.is_known() || !l.delete_after.is_known()) return;
  const int64_t cold = l.cold_storage_after.value();
  const int64_t del = l.delete_after.value();
  if (cold > 0 && del > 0 && del < cold + 90) {
    Add(diags, "rule", "Invalid lifecycle in " + where,
        "delete_after (" + std::to_string(del) +
            ") must be at least 90 days after "
            "cold_storage_after (" +
            std::to_string(cold) + "), i.e. at least " + std::to_string(cold + 90) +
            ": AWS keeps backups in cold storage for at least 90 days.");
  }
}

void CheckContinuous(const RuleModel& r, diag::Diagnostics& diags) {
  if (!r.enable_continuous_backup.value_or(false) || r.lifecycle.empty()) return;
  const LifecycleModel& l = r.lifecycle.front();
  if (l.cold_storage_after.value_or(0) > 0) {
    Add(diags, "rule", "Invalid lifecycle in " + Name(r),
        "enable_continuous_backup cannot be combined with cold_storage_after: continuous "
        "backups never move to cold storage. Remove cold_storage_after or turn continuous "
        "backup off.");
  }
  if (l.delete_after.value_or(0) > 35) {
    Add(diags, "rule", "Invalid lifecycle in " + Name(r),
        "with enable_continuous_backup, delete_after is at most 35 days (got " +
            std::to_string(l.delete_after.value()) +
            "): AWS keeps continuous backups up to 35 "
            "days.");
  }
}

void CheckAdvanced(const AdvancedBackupSettingModel& a, diag::Diagnostics& diags) {
  static const std::map<std::string, std::set<std::string>> kOptions = {
      {"EC2", {"WindowsVSS"}}, {"S3", {"BackupACLs", "BackupObjectTags"}}};
  if (!a.resource_type.is_known() || !a.backup_options.is_known()) return;
  auto allowed = kOptions.find(a.resource_type.value());
  if (allowed == kOptions.end()) return;  // the attribute's own validator says so
  for (const auto& [option, value] : a.backup_options.value()) {
    if (allowed->second.count(option) == 0) {
      std::string names;
      for (const std::string& n : allowed->second) names += (names.empty() ? "" : ", ") + n;
      Add(diags, "advanced_backup_setting", "Invalid backup option for " + a.resource_type.value(),
          "backup_options of resource_type " + a.resource_type.value() + " takes " + names +
              ", got \"" + option + "\".");
    } else if (value != "enabled" && value != "disabled") {
      Add(diags, "advanced_backup_setting", "Invalid backup option value",
          "backup_options." + option + " must be \"enabled\" or \"disabled\", got \"" + value +
              "\".");
    }
  }
}

}  // namespace

schema::ValidatorPtr ScheduleValidator() {
  static const schema::ValidatorPtr v = std::make_shared<Schedule>();
  return v;
}

schema::ValidatorPtr VaultArnValidator() {
  return schema::StringMatches(
      "arn:aws[a-z-]*:backup:[a-z0-9-]+:[0-9]{12}:backup-vault:[A-Za-z0-9_-]{2,50}",
      "a backup vault ARN, e.g. arn:aws:backup:us-east-1:123456789012:backup-vault:my-vault");
}

schema::ValidatorPtr TimezoneValidator() {
  return schema::StringMatches("[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}",
                               "an IANA time zone name such as Etc/UTC or Europe/Berlin");
}

void ValidatePlan(const BackupPlanModel& config, diag::Diagnostics& diags) {
  std::set<std::string> names;
  for (const RuleModel& r : config.rule) {
    if (r.rule_name.is_known() && !names.insert(r.rule_name.value()).second) {
      Add(diags, "rule", "Duplicate rule name",
          "Two rules are named \"" + r.rule_name.value() +
              "\"; AWS needs a unique rule_name per rule (rules are matched by it).");
    }
    for (const LifecycleModel& l : r.lifecycle) CheckLifecycle(l, Name(r), diags);
    for (const CopyActionModel& c : r.copy_action) {
      for (const LifecycleModel& l : c.lifecycle) {
        CheckLifecycle(l, "a copy action of " + Name(r), diags);
      }
    }
    CheckContinuous(r, diags);
  }
  for (const AdvancedBackupSettingModel& a : config.advanced_backup_setting)
    CheckAdvanced(a, diags);
}

}  // namespace polybackup::resources::aws
