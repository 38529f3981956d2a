// data "polybackup_aws_backup_plan": a backup plan by ID, as the AWS
// provider's aws_backup_plan data source reads it (rules as a computed set
// of objects). A plan that does not exist is an error, not an empty result.
#ifndef POLYBACKUP_DATASOURCES_AWS_BACKUP_PLAN_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_AWS_BACKUP_PLAN_DATA_SOURCE_H_

#include <optional>
#include <string>
#include <vector>

#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::aws {

struct LifecycleData {
  schema::Int64 cold_storage_after;
  schema::Int64 delete_after;
  schema::Bool opt_in_to_archive_for_supported_resources;
};

struct CopyActionData {
  schema::String destination_vault_arn;
  schema::Field<std::vector<LifecycleData>> lifecycle;
};

struct RuleData {
  schema::String rule_name;
  schema::String target_vault_name;
  schema::String schedule;
  schema::String schedule_expression_timezone;
  schema::Int64 start_window;
  schema::Int64 completion_window;
  schema::Bool enable_continuous_backup;
  schema::Field<std::vector<LifecycleData>> lifecycle;
  schema::Field<std::vector<CopyActionData>> copy_action;
  schema::Map<std::string> recovery_point_tags;
};

struct BackupPlanDataModel {
  schema::String id;
  schema::String plan_id;
  schema::String region;
  schema::String arn;
  schema::String name;
  schema::String version;
  schema::Field<std::vector<RuleData>> rule;
  schema::Map<std::string> tags;
};

class BackupPlanDataSource : public framework::DataSource<BackupPlanDataModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_plan"; }
  schema::ModelSchema<BackupPlanDataModel> DefineSchema() const override;
  std::optional<BackupPlanDataModel> Read(framework::Context& ctx,
                                          const BackupPlanDataModel& config) override;
};

}  // namespace polybackup::datasources::aws

#endif  // POLYBACKUP_DATASOURCES_AWS_BACKUP_PLAN_DATA_SOURCE_H_
