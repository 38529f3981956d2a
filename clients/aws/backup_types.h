// Plain structs for AWS Backup (API 2018-11-15) plans, vaults and
// selections. Member names follow the botocore model
// (botocore/data/backup/2018-11-15/service-2.json) in snake_case. An unset
// optional / empty string / empty container is "not sent" on writes and "not
// answered" on reads; dates are epoch seconds (the wire form, JSON numbers
// with a fraction).
#ifndef POLYBACKUP_CLIENTS_AWS_BACKUP_TYPES_H_
#define POLYBACKUP_CLIENTS_AWS_BACKUP_TYPES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polybackup::clients::aws {

using Tags = std::map<std::string, std::string>;

// Lifecycle: AWS requires DeleteAfterDays >= MoveToColdStorageAfterDays + 90.
struct BackupLifecycle {
  std::optional<long long> move_to_cold_storage_after_days;
  std::optional<long long> delete_after_days;
  std::optional<bool> opt_in_to_archive_for_supported_resources;
};

struct BackupCopyAction {
  std::string destination_backup_vault_arn;
  std::optional<BackupLifecycle> lifecycle;
};

struct BackupRule {
  std::string rule_name;
  std::string target_backup_vault_name;
  std::string schedule_expression;                // "cron(0 5 ? * * *)"; "" = none (continuous)
  std::string schedule_expression_timezone;       // AWS answers "Etc/UTC" when not sent
  std::optional<long long> start_window_minutes;  // AWS default 480 when not sent
  std::optional<long long> completion_window_minutes;  // AWS default 10080 when not sent
  std::optional<BackupLifecycle> lifecycle;
  Tags recovery_point_tags;
  std::vector<BackupCopyAction> copy_actions;
  std::optional<bool> enable_continuous_backup;
  std::string rule_id;  // answered only; never sent
};

struct AdvancedBackupSetting {
  std::string resource_type;                          // "EC2"
  std::map<std::string, std::string> backup_options;  // {"WindowsVSS": "enabled"}
};

// BackupPlanInput / BackupPlan in the model.
struct BackupPlanDocument {
  std::string backup_plan_name;
  std::vector<BackupRule> rules;
  std::vector<AdvancedBackupSetting> advanced_backup_settings;
};

// GetBackupPlan's answer.
struct BackupPlan {
  BackupPlanDocument plan;
  std::string backup_plan_id;
  std::string backup_plan_arn;
  std::string version_id;
  std::string creator_request_id;
  std::optional<double> creation_date;
  std::optional<double> deletion_date;  // set: the plan is deleted (still readable)
  std::optional<double> last_execution_date;
  // AWS answers the settings at the top level; the nested copy in `plan` is
  // null on real AWS (terraform-provider-aws reads this one). Both are kept.
  std::vector<AdvancedBackupSetting> advanced_backup_settings;
};

// Create/Update/DeleteBackupPlan answers.
struct BackupPlanRef {
  std::string backup_plan_id;
  std::string backup_plan_arn;
  std::string version_id;
  std::optional<double> creation_date;
  std::optional<double> deletion_date;
  std::vector<AdvancedBackupSetting> advanced_backup_settings;
};

// An element of ListBackupPlans / ListBackupPlanVersions.
struct BackupPlanSummary {
  std::string backup_plan_id;
  std::string backup_plan_arn;
  std::string backup_plan_name;
  std::string version_id;
  std::string creator_request_id;
  std::optional<double> creation_date;
  std::optional<double> deletion_date;
  std::optional<double> last_execution_date;
  std::vector<AdvancedBackupSetting> advanced_backup_settings;
};

struct CreateBackupPlanRequest {
  BackupPlanDocument plan;
  Tags tags;  // BackupPlanTags
  // Idempotency token (1-50 of [A-Za-z0-9-_.]); "" = the client makes one.
  std::string creator_request_id;
};

struct BackupVault {
  std::string backup_vault_name;
  std::string backup_vault_arn;
  std::string vault_type;   // "BACKUP_VAULT", "LOGICALLY_AIR_GAPPED_BACKUP_VAULT", ...
  std::string vault_state;  // "AVAILABLE", "CREATING", ...
  std::string encryption_key_arn;
  std::string creator_request_id;
  std::optional<double> creation_date;
  std::optional<long long> number_of_recovery_points;
  std::optional<bool> locked;
  std::optional<long long> min_retention_days;
  std::optional<long long> max_retention_days;
  std::optional<double> lock_date;
};

struct CreateBackupVaultRequest {
  std::string backup_vault_name;
  Tags tags;                       // BackupVaultTags
  std::string encryption_key_arn;  // "" = the AWS managed key
  std::string creator_request_id;  // "" = the client makes one
};

// ListOfTags element ("STRINGEQUALS" is the only ConditionType).
struct BackupSelectionTag {
  std::string condition_type;
  std::string condition_key;
  std::string condition_value;
};

struct ConditionParameter {
  std::string condition_key;
  std::string condition_value;
};

struct BackupSelectionConditions {
  std::vector<ConditionParameter> string_equals;
  std::vector<ConditionParameter> string_not_equals;
  std::vector<ConditionParameter> string_like;
  std::vector<ConditionParameter> string_not_like;
};

struct BackupSelection {
  std::string selection_name;
  std::string iam_role_arn;
  std::vector<std::string> resources;
  std::vector<std::string> not_resources;
  std::vector<BackupSelectionTag> list_of_tags;
  BackupSelectionConditions conditions;
};

// GetBackupSelection's answer (and CreateBackupSelection's ids).
struct BackupSelectionInfo {
  BackupSelection selection;
  std::string selection_id;
  std::string backup_plan_id;
  std::string creator_request_id;
  std::optional<double> creation_date;
};

// An element of ListBackupSelections.
struct BackupSelectionSummary {
  std::string selection_id;
  std::string selection_name;
  std::string backup_plan_id;
  std::string iam_role_arn;
  std::string creator_request_id;
  std::optional<double> creation_date;
};

// An element of ListRecoveryPointsByBackupVault / DescribeRecoveryPoint.
// Status: "COMPLETED", "PARTIAL", "DELETING", "EXPIRED", ...
struct RecoveryPoint {
  std::string recovery_point_arn;
  std::string backup_vault_name;
  std::string resource_arn;
  std::string resource_type;
  std::string status;
  std::optional<double> creation_date;
};

// One page of a NextToken listing; next_token "" = last page.
template <typename T>
struct AwsPage {
  std::vector<T> items;
  std::string next_token;
};

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_BACKUP_TYPES_H_
