// JSON encoding of the AWS Backup structs (backup_types.h), member names as
// in the botocore model. Writers omit unset members (restJson1 sends only
// what is set); readers never throw and read a missing or mistyped member as
// unset (clients/core/json_fields.h with JsonTypes::kStrict).
#ifndef POLYBACKUP_CLIENTS_AWS_BACKUP_CODEC_H_
#define POLYBACKUP_CLIENTS_AWS_BACKUP_CODEC_H_

#include <nlohmann/json.hpp>

#include "clients/aws/backup_types.h"

namespace polybackup::clients::aws {

// BackupPlanInput: {BackupPlanName, Rules[], AdvancedBackupSettings[]}.
// RuleId is never sent (it is output only).
nlohmann::json BackupPlanDocumentToJson(const BackupPlanDocument& plan);
BackupPlanDocument ParseBackupPlanDocument(const nlohmann::json& j);

// GetBackupPlan output.
BackupPlan ParseBackupPlan(const nlohmann::json& j);
// Create/Update/DeleteBackupPlan output.
BackupPlanRef ParseBackupPlanRef(const nlohmann::json& j);
// BackupPlansListMember (ListBackupPlans, ListBackupPlanVersions).
BackupPlanSummary ParseBackupPlanSummary(const nlohmann::json& j);

// BackupSelection: {SelectionName, IamRoleArn, Resources, NotResources,
// ListOfTags, Conditions}. Empty lists are omitted; Conditions is sent only
// when one of its four lists is non-empty.
nlohmann::json BackupSelectionToJson(const BackupSelection& selection);
BackupSelection ParseBackupSelection(const nlohmann::json& j);
// GetBackupSelection output.
BackupSelectionInfo ParseBackupSelectionInfo(const nlohmann::json& j);
// BackupSelectionsListMember.
BackupSelectionSummary ParseBackupSelectionSummary(const nlohmann::json& j);

// DescribeBackupVault output / BackupVaultListMember (same member names).
BackupVault ParseBackupVault(const nlohmann::json& j);

// DescribeRecoveryPoint output / RecoveryPointByBackupVault (same names).
RecoveryPoint ParseRecoveryPoint(const nlohmann::json& j);

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_BACKUP_CODEC_H_
