#include "clients/aws/backup_codec.h"

#include "clients/aws/json_read.h"

namespace polybackup::clients::aws {
namespace {

using nlohmann::json;

template <typename T>
void PutOpt(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
void PutStr(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void PutMap(json& j, const char* key, const std::map<std::string, std::string>& v) {
  if (!v.empty()) j[key] = v;
}

json LifecycleToJson(const BackupLifecycle& l) {
  json j = json::object();
  PutOpt(j, "MoveToColdStorageAfterDays", l.move_to_cold_storage_after_days);
  PutOpt(j, "DeleteAfterDays", l.delete_after_days);
  PutOpt(j, "OptInToArchiveForSupportedResources", l.opt_in_to_archive_for_supported_resources);
  return j;
}

std::optional<BackupLifecycle> ParseLifecycle(const json& j) {
  if (!j.is_object()) return std::nullopt;
  BackupLifecycle l;
  l.move_to_cold_storage_after_days = ReadInt(j, "MoveToColdStorageAfterDays");
  l.delete_after_days = ReadInt(j, "DeleteAfterDays");
  l.opt_in_to_archive_for_supported_resources = ReadBool(j, "OptInToArchiveForSupportedResources");
  return l;
}

json RuleToJson(const BackupRule& r) {
  json j = json::object();
  j["RuleName"] = r.rule_name;
  j["TargetBackupVaultName"] = r.target_backup_vault_name;
  PutStr(j, "ScheduleExpression", r.schedule_expression);
  PutStr(j, "ScheduleExpressionTimezone", r.schedule_expression_timezone);
  PutOpt(j, "StartWindowMinutes", r.start_window_minutes);
  PutOpt(j, "CompletionWindowMinutes", r.completion_window_minutes);
  if (r.lifecycle) j["Lifecycle"] = LifecycleToJson(*r.lifecycle);
  PutMap(j, "RecoveryPointTags", r.recovery_point_tags);
  if (!r.copy_actions.empty()) {
    json copies = json::array();
    for (const BackupCopyAction& c : r.copy_actions) {
      json cj = {{"DestinationBackupVaultArn", c.destination_backup_vault_arn}};
      if (c.lifecycle) cj["Lifecycle"] = LifecycleToJson(*c.lifecycle);
      copies.push_back(std::move(cj));
    }
    j["CopyActions"] = std::move(copies);
  }
  PutOpt(j, "EnableContinuousBackup", r.enable_continuous_backup);
  return j;
}

BackupRule ParseRule(const json& j) {
  BackupRule r;
  r.rule_name = ReadString(j, "RuleName");
  r.target_backup_vault_name = ReadString(j, "TargetBackupVaultName");
  r.schedule_expression = ReadString(j, "ScheduleExpression");
  r.schedule_expression_timezone = ReadString(j, "ScheduleExpressionTimezone");
  r.start_window_minutes = ReadInt(j, "StartWindowMinutes");
  r.completion_window_minutes = ReadInt(j, "CompletionWindowMinutes");
  r.lifecycle = ParseLifecycle(Member(j, "Lifecycle"));
  r.recovery_point_tags = ReadStringMap(j, "RecoveryPointTags");
  for (const json& c : ReadArray(j, "CopyActions")) {
    r.copy_actions.push_back(
        {.destination_backup_vault_arn = ReadString(c, "DestinationBackupVaultArn"),
         .lifecycle = ParseLifecycle(Member(c, "Lifecycle"))});
  }
  r.enable_continuous_backup = ReadBool(j, "EnableContinuousBackup");
  r.rule_id = ReadString(j, "RuleId");
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
  for (const json& s : ReadArray(j, "AdvancedBackupSettings")) {
    out.push_back({.resource_type = ReadString(s, "ResourceType"),
                   .backup_options = ReadStringMap(s, "BackupOptions")});
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
  for (const json& c : ReadArray(j, key)) {
    out.push_back({ReadString(c, "ConditionKey"), ReadString(c, "ConditionValue")});
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
  p.backup_plan_name = ReadString(j, "BackupPlanName");
  for (const json& r : ReadArray(j, "Rules")) p.rules.push_back(ParseRule(r));
  p.advanced_backup_settings = ParseAdvanced(j);
  return p;
}

BackupPlan ParseBackupPlan(const json& j) {
  BackupPlan p;
  p.plan = ParseBackupPlanDocument(Member(j, "BackupPlan"));
  p.backup_plan_id = ReadString(j, "BackupPlanId");
  p.backup_plan_arn = ReadString(j, "BackupPlanArn");
  p.version_id = ReadString(j, "VersionId");
  p.creator_request_id = ReadString(j, "CreatorRequestId");
  p.creation_date = ReadDouble(j, "CreationDate");
  p.deletion_date = ReadDouble(j, "DeletionDate");
  p.last_execution_date = ReadDouble(j, "LastExecutionDate");
  p.advanced_backup_settings = ParseAdvanced(j);
  return p;
}

BackupPlanRef ParseBackupPlanRef(const json& j) {
  return {.backup_plan_id = ReadString(j, "BackupPlanId"),
          .backup_plan_arn = ReadString(j, "BackupPlanArn"),
          .version_id = ReadString(j, "VersionId"),
          .creation_date = ReadDouble(j, "CreationDate"),
          .deletion_date = ReadDouble(j, "DeletionDate"),
          .advanced_backup_settings = ParseAdvanced(j)};
}

BackupPlanSummary ParseBackupPlanSummary(const json& j) {
  return {.backup_plan_id = ReadString(j, "BackupPlanId"),
          .backup_plan_arn = ReadString(j, "BackupPlanArn"),
          .backup_plan_name = ReadString(j, "BackupPlanName"),
          .version_id = ReadString(j, "VersionId"),
          .creator_request_id = ReadString(j, "CreatorRequestId"),
          .creation_date = ReadDouble(j, "CreationDate"),
          .deletion_date = ReadDouble(j, "DeletionDate"),
          .last_execution_date = ReadDouble(j, "LastExecutionDate"),
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
  s.selection_name = ReadString(j, "SelectionName");
  s.iam_role_arn = ReadString(j, "IamRoleArn");
  s.resources = ReadStringList(j, "Resources");
  s.not_resources = ReadStringList(j, "NotResources");
  for (const json& t : ReadArray(j, "ListOfTags")) {
    s.list_of_tags.push_back({ReadString(t, "ConditionType"), ReadString(t, "ConditionKey"),
                              ReadString(t, "ConditionValue")});
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
          .selection_id = ReadString(j, "SelectionId"),
          .backup_plan_id = ReadString(j, "BackupPlanId"),
          .creator_request_id = ReadString(j, "CreatorRequestId"),
          .creation_date = ReadDouble(j, "CreationDate")};
}

BackupSelectionSummary ParseBackupSelectionSummary(const json& j) {
  return {.selection_id = ReadString(j, "SelectionId"),
          .selection_name = ReadString(j, "SelectionName"),
          .backup_plan_id = ReadString(j, "BackupPlanId"),
          .iam_role_arn = ReadString(j, "IamRoleArn"),
          .creator_request_id = ReadString(j, "CreatorRequestId"),
          .creation_date = ReadDouble(j, "CreationDate")};
}

BackupVault ParseBackupVault(const json& j) {
  return {.backup_vault_name = ReadString(j, "BackupVaultName"),
          .backup_vault_arn = ReadString(j, "BackupVaultArn"),
          .vault_type = ReadString(j, "VaultType"),
          .vault_state = ReadString(j, "VaultState"),
          .encryption_key_arn = ReadString(j, "EncryptionKeyArn"),
          .creator_request_id = ReadString(j, "CreatorRequestId"),
          .creation_date = ReadDouble(j, "CreationDate"),
          .number_of_recovery_points = ReadInt(j, "NumberOfRecoveryPoints"),
          .locked = ReadBool(j, "Locked"),
          .min_retention_days = ReadInt(j, "MinRetentionDays"),
          .max_retention_days = ReadInt(j, "MaxRetentionDays"),
          .lock_date = ReadDouble(j, "LockDate")};
}

}  // namespace polybackup::clients::aws
