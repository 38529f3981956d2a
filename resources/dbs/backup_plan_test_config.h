// The Alibaba provider's pay-as-you-go acceptance configuration
// (TestAccAlicloudDBSBackupPlan_basic0) as a model: what the DBS tests start
// from. Test use only.
#ifndef POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_TEST_CONFIG_H_
#define POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_TEST_CONFIG_H_

#include "resources/dbs/backup_plan_model.h"

namespace polybackup::resources::dbs {

inline BackupPlanModel ReferencePayAsYouGo() {
  BackupPlanModel m;
  m.backup_plan_name = "tf-testacc";
  m.payment_type = "PayAsYouGo";
  m.instance_class = "xlarge";
  m.backup_method = "logical";
  m.database_type = "MySQL";
  m.database_region = "cn-hangzhou";
  m.storage_region = "cn-hangzhou";
  m.instance_type = "RDS";
  m.source_endpoint_instance_type = "RDS";
  m.source_endpoint_region = "cn-hangzhou";
  m.source_endpoint_instance_id = "rm-bp1";
  m.source_endpoint_user_name = "tftestnormal000";
  m.source_endpoint_password = "Test12345@";
  m.backup_objects = R"([{"DBName":"tftestdatabase"}])";
  m.backup_period = "Monday";
  m.backup_start_time = "14:22";
  m.backup_storage_type = "system";
  m.backup_retention_period = 740;
  return m;
}

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_TEST_CONFIG_H_
