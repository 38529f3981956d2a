// The AWS Backup plan as Terraform sees it (polybackup_aws_backup_plan), and
// the mapping to and from the API's plan document.
//
// The shape is the AWS provider's (argument names, blocks, defaults), so a
// configuration moves over by renaming the type. Rules are a SET of blocks
// as there: order never matters, and nothing inside a rule is ever planned
// unknown (every optional value has a default), so an unchanged rule stays
// equal to its prior self and Terraform shows only the rule that changed.
// Reading pairs each rule the API answers with the prior rule of the same
// rule_name and keeps the prior's form wherever the two mean the same (a
// lifecycle of zeros and none, an empty map and none, the same schedule
// written differently), which is what keeps plans empty.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_MODEL_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "clients/aws/backup_types.h"
#include "resources/aws/backup_tags.h"
#include "tfplugin/schema/field.h"

namespace polybackup::resources::aws {

struct LifecycleModel {
  schema::Int64 cold_storage_after;
  schema::Int64 delete_after;
  schema::Bool opt_in_to_archive_for_supported_resources;
};

struct CopyActionModel {
  schema::String destination_vault_arn;
  std::vector<LifecycleModel> lifecycle;  // at most one
};

struct RuleModel {
  schema::String rule_name;
  schema::String target_vault_name;
  schema::String schedule;
  schema::String schedule_expression_timezone;
  schema::Int64 start_window;
  schema::Int64 completion_window;
  schema::Bool enable_continuous_backup;
  std::vector<LifecycleModel> lifecycle;     // at most one
  std::vector<CopyActionModel> copy_action;  // a set
  schema::Map<std::string> recovery_point_tags;
};

struct AdvancedBackupSettingModel {
  schema::Map<std::string> backup_options;
  schema::String resource_type;
};

struct BackupPlanModel {
  schema::String id;  // BackupPlanId
  schema::String arn;
  schema::String name;
  schema::String version;  // VersionId
  schema::String region;
  std::vector<RuleModel> rule;                                      // a set
  std::vector<AdvancedBackupSettingModel> advanced_backup_setting;  // a set
  TagMap tags;
  TagMap tags_all;
};

// The AWS provider's defaults for what a rule leaves out (also what a
// moved state holds). The schedule is AWS's own: "When no CRON expression
// is provided, AWS Backup will use the default expression cron(0 5 ? * *
// *)" (BackupRuleInput, API reference); declaring it keeps a rule without
// one (continuous backup) from the AWS provider's perpetual diff (#23976).
inline constexpr int64_t kDefaultStartWindow = 60;
inline constexpr int64_t kDefaultCompletionWindow = 180;
inline constexpr char kDefaultTimezone[] = "Etc/UTC";
inline constexpr char kDefaultSchedule[] = "cron(0 5 ? * * *)";

// The plan document to send (CreateBackupPlan / UpdateBackupPlan). Lifecycle
// zeros are left out (the API takes no 0 days), as the AWS provider does;
// `aws:` recovery point tags are AWS's own and never sent.
clients::aws::BackupPlanDocument ToDocument(const BackupPlanModel& planned);

// The model for `plan` as GetBackupPlan answers it (id, ARN, version, name,
// rules, top-level advanced settings), `prior` giving the forms to keep.
// Tags and region are left as in `prior`.
BackupPlanModel FromApi(const clients::aws::BackupPlan& plan, const BackupPlanModel& prior);

// True when two schedules mean the same (blanks, name case, "*/1"…), by the
// parser; false when either does not parse and they differ as text.
bool SameSchedule(const std::string& a, const std::string& b);

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_MODEL_H_
