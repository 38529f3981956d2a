// The schema of polybackup_aws_backup_plan: the AWS provider's arguments and
// blocks, with their defaults, so a configuration moves over by a rename.
#include "resources/aws/backup_plan_schema.h"

#include "resources/aws/backup_plan_validation.h"

namespace polybackup::resources::aws {
namespace {

using schema::ModelSchema;

// 100 years, AWS's largest start and completion window (BackupRuleInput).
constexpr int64_t kMaxWindow = 52'560'000;

ModelSchema<LifecycleModel> LifecycleSchema(const std::string& what) {
  using M = LifecycleModel;
  ModelSchema<M> s;
  s.MarkdownDescription("When " + what + " move to cold storage and expire.");
  s.Attribute("cold_storage_after", &M::cold_storage_after)
      .Optional()
      .Validate(schema::IntBetween(0, 36500))
      .MarkdownDescription(
          "Days after creation that a recovery point moves to cold storage. Unset or 0: never.");
  s.Attribute("delete_after", &M::delete_after)
      .Optional()
      .Validate(schema::IntBetween(0, 36500))
      .MarkdownDescription(
          "Days after creation that a recovery point is deleted; at least 90 days after "
          "`cold_storage_after` when both are set. Unset or 0: never.");
  s.Attribute("opt_in_to_archive_for_supported_resources",
              &M::opt_in_to_archive_for_supported_resources)
      .Optional()
      .Computed()
      .Default(false)
      .Description("Move eligible resource types to archive tier (cold storage) storage.");
  return s;
}

ModelSchema<CopyActionModel> CopyActionSchema() {
  using M = CopyActionModel;
  ModelSchema<M> s;
  s.Description("A copy of each recovery point to another vault.");
  s.Attribute("destination_vault_arn", &M::destination_vault_arn)
      .Required()
      .Validate(VaultArnValidator())
      .Description("The ARN of the vault the copy goes to (any region or account).");
  s.Block("lifecycle", &M::lifecycle, LifecycleSchema("the copies")).MaxItems(1);
  return s;
}

ModelSchema<RuleModel> RuleSchema() {
  using M = RuleModel;
  ModelSchema<M> s;
  s.MarkdownDescription(
      "A backup rule: when backups run, where they go and how long they stay. Rules are matched "
      "by `rule_name`, which must be unique in the plan.");
  s.Attribute("rule_name", &M::rule_name)
      .Required()
      .Validate(
          schema::StringMatches("[0-9A-Za-z_.-]{1,50}", "1 to 50 letters, digits, '-', '_' or '.'"))
      .Description("The rule's name, unique in the plan.");
  s.Attribute("target_vault_name", &M::target_vault_name)
      .Required()
      .Validate(schema::StringMatches("[0-9A-Za-z_-]{2,50}", "2 to 50 letters, digits, '-' or '_'"))
      .Description("The name of the vault the backups are stored in.");
  s.Attribute("schedule", &M::schedule)
      .Optional()
      .Computed()
      .Default(std::string(kDefaultSchedule))
      .Validate(ScheduleValidator())
      .MarkdownDescription(
          "When backups start: `cron(minutes hours day-of-month month day-of-week year)` or "
          "`rate(value unit)`, at most hourly, e.g. `cron(0 5 ? * * *)`. The default is AWS's "
          "own (daily at 05:00), which AWS also stores when none is sent.");
  s.Attribute("schedule_expression_timezone", &M::schedule_expression_timezone)
      .Optional()
      .Computed()
      .Default(std::string(kDefaultTimezone))
      .Validate(TimezoneValidator())
      .MarkdownDescription("The IANA time zone `schedule` is in.");
  s.Attribute("start_window", &M::start_window)
      .Optional()
      .Computed()
      .Default(kDefaultStartWindow)
      .Validate(schema::IntBetween(60, kMaxWindow))
      .Description(
          "Minutes after the scheduled time within which a backup must start, or it is "
          "cancelled (at least 60).");
  s.Attribute("completion_window", &M::completion_window)
      .Optional()
      .Computed()
      .Default(kDefaultCompletionWindow)
      .Validate(schema::IntBetween(60, kMaxWindow))
      .Description(
          "Minutes after a backup starts within which it must complete, or it is cancelled.");
  s.Attribute("enable_continuous_backup", &M::enable_continuous_backup)
      .Optional()
      .Computed()
      .Default(false)
      .MarkdownDescription(
          "Continuous backups for point-in-time restore (supported resources only). They keep at "
          "most 35 days and never go to cold storage.");
  s.Block("lifecycle", &M::lifecycle, LifecycleSchema("the backups")).MaxItems(1);
  s.Block("copy_action", &M::copy_action, CopyActionSchema()).AsSet();
  s.Attribute("recovery_point_tags", &M::recovery_point_tags)
      .Optional()
      .Validate(TagsValidator())
      .Description("Tags put on the recovery points this rule makes.");
  return s;
}

ModelSchema<AdvancedBackupSettingModel> AdvancedSchema() {
  using M = AdvancedBackupSettingModel;
  ModelSchema<M> s;
  s.Description("Backup options for one resource type.");
  s.Attribute("backup_options", &M::backup_options)
      .Required()
      .MarkdownDescription(
          "Options and their values, `enabled` or `disabled`: `WindowsVSS` for `EC2`; "
          "`BackupACLs`, `BackupObjectTags` for `S3`.");
  s.Attribute("resource_type", &M::resource_type)
      .Required()
      .Validate(schema::StringOneOf({"EC2", "S3"}))
      .Description("The resource type the options are for.");
  return s;
}

}  // namespace

schema::ModelSchema<BackupPlanModel> BackupPlanSchema() {
  using M = BackupPlanModel;
  ModelSchema<M> s;
  s.MarkdownDescription(
      "Manages an AWS Backup plan: rules that say when resources are backed up, into which vault, "
      "and how long the backups are kept. A drop-in for the AWS provider's `aws_backup_plan`.");
  s.Timeouts({.create = std::chrono::minutes(5),
              .read = std::chrono::minutes(5),
              .update = std::chrono::minutes(5),
              .del = std::chrono::minutes(5)});
  s.Attribute("id", &M::id).Computed().UseStateForUnknown().Description("The plan ID.");
  s.Attribute("arn", &M::arn).Computed().UseStateForUnknown().Description("The plan's ARN.");
  s.Attribute("name", &M::name)
      .Required()
      .RequiresReplace()
      .Validate(
          schema::StringMatches("[0-9A-Za-z_.-]{1,50}", "1 to 50 letters, digits, '-', '_' or '.'"))
      .Description("The plan's display name.");
  s.Attribute("version", &M::version)
      .Computed()
      .Description("The plan's version ID; every change of rules or settings makes a new one.");
  s.Attribute("region", &M::region)
      .Optional()
      .Computed()
      .UseStateForUnknown()
      .RequiresReplace()
      .MarkdownDescription("The plan's region. Defaults to the provider's `aws` region.");
  s.Block("rule", &M::rule, RuleSchema()).AsSet().MinItems(1);
  s.Block("advanced_backup_setting", &M::advanced_backup_setting, AdvancedSchema()).AsSet();
  s.Attribute("tags", &M::tags)
      .Optional()
      .Computed()
      .Validate(TagsValidator())
      .MarkdownDescription(
          "Tags of the plan. Merged over the provider's `default_tags` into `tags_all`.");
  s.Attribute("tags_all", &M::tags_all)
      .Computed()
      .MarkdownDescription("All tags of the plan: the provider's `default_tags` and `tags`.");
  return s;
}

}  // namespace polybackup::resources::aws
