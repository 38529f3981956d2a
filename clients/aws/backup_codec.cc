#include "clients/aws/backup_codec.h"

#include "clients/core/json_fields.h"

namespace polybackup::clients::aws {
namespace {

using nlohmann::json;

json LifecycleToJson(const BackupLifecycle& l) {
  json j = json::object();
  PutIfSet(j, "MoveToColdStorageAfterDays", l.move_to_cold_storage_after_days);
  PutIfSet(j, "DeleteAfterDays", l.delete_after_days);
  PutIfSet(j, "OptInToArchiveForSupportedResources", l.opt_in_to_archive_for_supported_resources);
  return j;
}

std::optional<BackupLifecycle> ParseLifecycle(const json& j) {
  if (!j.is_object()) return std::nullopt;
  BackupLifecycle l;
  l.move_to_cold_storage_after_days = IntField(j, "MoveToColdStorageAfterDays", JsonTypes::kStrict);
  l.delete_after_days = IntField(j, "DeleteAfterDays", JsonTypes::kStrict);
  l.opt_in_to_archive_for_supported_resources =
      BoolField(j, "OptInToArchiveForSupportedResources", JsonTypes::kStrict);
  return l;
}

json RuleToJson(const BackupRule& r) {
  json j = json::object();
  j["RuleName"] = r.rule_name;
  j["TargetBackupVaultName"] = r.target_backup_vault_name;
  PutIfNotEmpty(j, "ScheduleExpression", r.schedule_expression);
  PutIfNotEmpty(j, "ScheduleExpressionTimezone", r.schedule_expression_timezone);
  PutIfSet(j, "StartWindowMinutes", r.start_window_minutes);
  PutIfSet(j, "CompletionWindowMinutes", r.completion_window_minutes);
  if (r.lifecycle) j["Lifecycle"] = LifecycleToJson(*r.lifecycle);
  PutIfNotEmpty(j, "RecoveryPointTags", r.recovery_point_tags);
  if (!r.copy_actions.empty()) {
    json copies = json::array();
    for (const BackupCopyAction& c : r.copy_actions) {
      json cj = {{"DestinationBackupVaultArn", c.destination_backup_vault_arn}};
      if (c.lifecycle) cj["Lifecycle"] = LifecycleToJson(*c.lifecycle);
      copies.push_back(std::move(cj));
    }
    j["CopyActions"] = std::move(copies);
  }
  PutIfSet(j, "EnableContinuousBackup", r.enable_continuous_backup);
  return j;
}

BackupRule ParseRule(const json& j) {
  BackupRule r;
  r.rule_name = StringField(j, "RuleName", JsonTypes::kStrict);
  r.target_backup_vault_name = StringField(j, "TargetBackupVaultName", JsonTypes::kStrict);
  r.schedule_expression = StringField(j, "ScheduleExpression", JsonTypes::kStrict);
  r.schedule_expression_timezone = StringField(j, "ScheduleExpressionTimezone", JsonTypes::kStrict);
  r.start_window_minutes = IntField(j, "StartWindowMinutes", JsonTypes::kStrict);
  r.completion_window_minutes = IntField(j, "CompletionWindowMinutes", JsonTypes::kStrict);
  r.lifecycle = ParseLifecycle(Member(j, "Lifecycle"));
  r.recovery_point_tags = StringMapField(j, "RecoveryPointTags");
  for (const json& c : ArrayField(j, "CopyActions")) {
    r.copy_actions.push_back({.destination_backup_vault_arn =
                                  StringField(c, "DestinationBackupVaultArn", JsonTypes::kStrict),
                              .lifecycle = ParseLifecycle(Member(c, "Lifecycle"))});
  }
  r.enable_continuous_backup = BoolField(j, "EnableContinuousBackup", JsonTypes::kStrict);
  r.rule_id = StringField(j, "RuleId", JsonTypes::kStrict);
  return r;
}

json AdvancedToJson(const std::vector<AdvancedBackupSetting>& settings) {
  json out = json::array();
  for (const AdvancedBackupSetting& s : settings) {
    json j = {{"ResourceType", s.resource_type}};
    j["BackupOptions"] = s.backup_options;
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<AdvancedBackupSetting> ParseAdvanced(const json& j) {
  std::vector<AdvancedBackupSetting> out;
  for (const json& s : ArrayField(j, "AdvancedBackupSettings")) {
    out.push_back({.resource_type = StringField(s, "ResourceType", JsonTypes::kStrict),
                   .backup_options = StringMapField(s, "BackupOptions")});
  }
  return out;
}

json ConditionList(const std::vector<ConditionParameter>& list) {
  json out = json::array();
  for (const ConditionParameter& c : list) {
    out.push_back({{"ConditionKey", c.condition_key}, {"ConditionValue", c.condition_value}});
  }
  return out;
}

std::vector<ConditionParameter> ParseConditionList(const json& j, const char* key) {
  std::vector<ConditionParameter> out;
  for (const json& c : ArrayField(j, key)) {
    out.push_back({StringField(c, "ConditionKey", JsonTypes::kStrict),
                   StringField(c, "ConditionValue", JsonTypes::kStrict)});
  }
  return out;
}

}  // namespace

json BackupPlanDocumentToJson(const BackupPlanDocument& plan) {
  json j = json::object();
  j["BackupPlanName"] = plan.backup_plan_name;
  json rules = json::array();
  for (const BackupRule& r : plan.rules) rules.push_back(RuleToJson(r));
  j["Rules"] = std::move(rules);
  if (!plan.advanced_backup_settings.empty()) {
    j["AdvancedBackupSettings"] = AdvancedToJson(plan.advanced_backup_settings);
  }
  return j;
}

BackupPlanDocument ParseBackupPlanDocument(const json& j) {
  BackupPlanDocument p;
  p.backup_plan_name = StringField(j, "BackupPlanName", JsonTypes::kStrict);
  for (const json& r : ArrayField(j, "Rules")) p.rules.push_back(ParseRule(r));
  p.advanced_backup_settings = ParseAdvanced(j);
  return p;
}

BackupPlan ParseBackupPlan(const json& j) {
  BackupPlan p;
  p.plan = ParseBackupPlanDocument(Member(j, "BackupPlan"));
  p.backup_plan_id = StringField(j, "BackupPlanId", JsonTypes::kStrict);
  p.backup_plan_arn = StringField(j, "BackupPlanArn", JsonTypes::kStrict);
  p.version_id = StringField(j, "VersionId", JsonTypes::kStrict);
  p.creator_request_id = StringField(j, "CreatorRequestId", JsonTypes::kStrict);
  p.creation_date = DoubleField(j, "CreationDate");
  p.deletion_date = DoubleField(j, "DeletionDate");
  p.last_execution_date = DoubleField(j, "LastExecutionDate");
  p.advanced_backup_settings = ParseAdvanced(j);
  return p;
}

BackupPlanRef ParseBackupPlanRef(const json& j) {
  return {.backup_plan_id = StringField(j, "BackupPlanId", JsonTypes::kStrict),
          .backup_plan_arn = StringField(j, "BackupPlanArn", JsonTypes::kStrict),
          .version_id = StringField(j, "VersionId", JsonTypes::kStrict),
          .creation_date = DoubleField(j, "CreationDate"),
          .deletion_date = DoubleField(j, "DeletionDate"),
          .advanced_backup_settings = ParseAdvanced(j)};
}

BackupPlanSummary ParseBackupPlanSummary(const json& j) {
  return {.backup_plan_id = StringField(j, "BackupPlanId", JsonTypes::kStrict),
          .backup_plan_arn = StringField(j, "BackupPlanArn", JsonTypes::kStrict),
          .backup_plan_name = StringField(j, "BackupPlanName", JsonTypes::kStrict),
          .version_id = StringField(j, "VersionId", JsonTypes::kStrict),
          .creator_request_id = StringField(j, "CreatorRequestId", JsonTypes::kStrict),
          .creation_date = DoubleField(j, "CreationDate"),
          .deletion_date = DoubleField(j, "DeletionDate"),
          .last_execution_date = DoubleField(j, "LastExecutionDate"),
          .advanced_backup_settings = ParseAdvanced(j)};
}

json BackupSelectionToJson(const BackupSelection& s) {
  json j = json::object();
  j["SelectionName"] = s.selection_name;
  j["IamRoleArn"] = s.iam_role_arn;
  if (!s.resources.empty()) j["Resources"] = s.resources;
  if (!s.not_resources.empty()) j["NotResources"] = s.not_resources;
  if (!s.list_of_tags.empty()) {
    json tags = json::array();
    for (const BackupSelectionTag& t : s.list_of_tags) {
      tags.push_back({{"ConditionType", t.condition_type},
                      {"ConditionKey", t.condition_key},
                      {"ConditionValue", t.condition_value}});
    }
    j["ListOfTags"] = std::move(tags);
  }
  const BackupSelectionConditions& c = s.conditions;
  if (!c.string_equals.empty() || !c.string_not_equals.empty() || !c.string_like.empty() ||
      !c.string_not_like.empty()) {
    j["Conditions"] = {{"StringEquals", ConditionList(c.string_equals)},
                       {"StringNotEquals", ConditionList(c.string_not_equals)},
                       {"StringLike", ConditionList(c.string_like)},
                       {"StringNotLike", ConditionList(c.string_not_like)}};
  }
  return j;
}

BackupSelection ParseBackupSelection(const json& j) {
  BackupSelection s;
  s.selection_name = StringField(j, "SelectionName", JsonTypes::kStrict);
  s.iam_role_arn = StringField(j, "IamRoleArn", JsonTypes::kStrict);
  s.resources = StringListField(j, "Resources");
  s.not_resources = StringListField(j, "NotResources");
  for (const json& t : ArrayField(j, "ListOfTags")) {
    s.list_of_tags.push_back({StringField(t, "ConditionType", JsonTypes::kStrict),
                              StringField(t, "ConditionKey", JsonTypes::kStrict),
                              StringField(t, "ConditionValue", JsonTypes::kStrict)});
  }
  const json& c = Member(j, "Conditions");
  s.conditions.string_equals = ParseConditionList(c, "StringEquals");
  s.conditions.string_not_equals = ParseConditionList(c, "StringNotEquals");
  s.conditions.string_like = ParseConditionList(c, "StringLike");
  s.conditions.string_not_like = ParseConditionList(c, "StringNotLike");
  return s;
}

BackupSelectionInfo ParseBackupSelectionInfo(const json& j) {
  return {.selection = ParseBackupSelection(Member(j, "BackupSelection")),
          .selection_id = StringField(j, "SelectionId", JsonTypes::kStrict),
          .backup_plan_id = StringField(j, "BackupPlanId", JsonTypes::kStrict),
          .creator_request_id = StringField(j, "CreatorRequestId", JsonTypes::kStrict),
          .creation_date = DoubleField(j, "CreationDate")};
}

BackupSelectionSummary ParseBackupSelectionSummary(const json& j) {
  return {.selection_id = StringField(j, "SelectionId", JsonTypes::kStrict),
          .selection_name = StringField(j, "SelectionName", JsonTypes::kStrict),
          .backup_plan_id = StringField(j, "BackupPlanId", JsonTypes::kStrict),
          .iam_role_arn = StringField(j, "IamRoleArn", JsonTypes::kStrict),
          .creator_request_id = StringField(j, "CreatorRequestId", JsonTypes::kStrict),
          .creation_date = DoubleField(j, "CreationDate")};
}

BackupVault ParseBackupVault(const json& j) {
  return {.backup_vault_name = StringField(j, "BackupVaultName", JsonTypes::kStrict),
          .backup_vault_arn = StringField(j, "BackupVaultArn", JsonTypes::kStrict),
          .vault_type = StringField(j, "VaultType", JsonTypes::kStrict),
          .vault_state = StringField(j, "VaultState", JsonTypes::kStrict),
          .encryption_key_arn = StringField(j, "EncryptionKeyArn", JsonTypes::kStrict),
          .creator_request_id = StringField(j, "CreatorRequestId", JsonTypes::kStrict),
          .creation_date = DoubleField(j, "CreationDate"),
          .number_of_recovery_points = IntField(j, "NumberOfRecoveryPoints", JsonTypes::kStrict),
          .locked = BoolField(j, "Locked", JsonTypes::kStrict),
          .min_retention_days = IntField(j, "MinRetentionDays", JsonTypes::kStrict),
          .max_retention_days = IntField(j, "MaxRetentionDays", JsonTypes::kStrict),
          .lock_date = DoubleField(j, "LockDate")};
}

RecoveryPoint ParseRecoveryPoint(const json& j) {
  return {.recovery_point_arn = StringField(j, "RecoveryPointArn", JsonTypes::kStrict),
          .backup_vault_name = StringField(j, "BackupVaultName", JsonTypes::kStrict),
          .resource_arn = StringField(j, "ResourceArn", JsonTypes::kStrict),
          .resource_type = StringField(j, "ResourceType", JsonTypes::kStrict),
          .status = StringField(j, "Status", JsonTypes::kStrict),
          .creation_date = DoubleField(j, "CreationDate")};
}

}  // namespace polybackup::clients::aws
