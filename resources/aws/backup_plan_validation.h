// What polybackup_aws_backup_plan checks at validate time, before any API
// call: the schedule through the client layer's cron/rate parser, and the
// rules AWS applies across attributes (each message names the rule).
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_VALIDATION_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_VALIDATION_H_

#include "resources/aws/backup_plan_model.h"
#include "tfplugin/diag/diagnostics.h"
#include "tfplugin/schema/validators.h"

namespace polybackup::resources::aws {

// An AWS schedule expression (clients/aws/schedule_expression.h) that runs
// at most hourly; the message says what is wrong in which field.
schema::ValidatorPtr ScheduleValidator();

// A backup vault ARN ("arn:aws:backup:<region>:<account>:backup-vault:<name>").
schema::ValidatorPtr VaultArnValidator();

// An IANA time zone name ("Etc/UTC", "Europe/Berlin", "America/Argentina/Salta").
schema::ValidatorPtr TimezoneValidator();

// Rules across attributes, on the known values of `config`:
//  * rule names are unique (AWS refuses two rules of one name);
//  * a lifecycle's delete_after is at least 90 days after cold_storage_after
//    ("Backups transitioned to cold storage must be stored in cold storage
//    for a minimum of 90 days", Lifecycle, API reference); copy actions too;
//  * continuous backup does not go to cold storage and keeps at most 35 days
//    (AWS Backup Developer Guide, "Continuous backups and point-in-time
//    recovery");
//  * advanced_backup_setting options fit their resource type (EC2
//    WindowsVSS; S3 BackupACLs, BackupObjectTags; each enabled|disabled).
void ValidatePlan(const BackupPlanModel& config, diag::Diagnostics& diags);

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_VALIDATION_H_
