// The schema of polybackup_aws_backup_plan (backup_plan_schema.cc).
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_SCHEMA_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_SCHEMA_H_

#include "resources/aws/backup_plan_model.h"
#include "tfplugin/schema/model.h"

namespace polybackup::resources::aws {

schema::ModelSchema<BackupPlanModel> BackupPlanSchema();

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_SCHEMA_H_
