// data "polybackup_aws_backup_selection": a backup selection by plan and
// selection ID, as the AWS provider's aws_backup_selection data source.
#ifndef POLYBACKUP_DATASOURCES_AWS_BACKUP_SELECTION_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_AWS_BACKUP_SELECTION_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::aws {

struct BackupSelectionDataModel {
  schema::String id;
  schema::String plan_id;
  schema::String selection_id;
  schema::String region;
  schema::String name;
  schema::String iam_role_arn;
  schema::Set<std::string> resources;
};

class BackupSelectionDataSource : public framework::DataSource<BackupSelectionDataModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_selection"; }
  schema::ModelSchema<BackupSelectionDataModel> DefineSchema() const override;
  std::optional<BackupSelectionDataModel> Read(framework::Context& ctx,
                                               const BackupSelectionDataModel& config) override;
};

}  // namespace polybackup::datasources::aws

#endif  // POLYBACKUP_DATASOURCES_AWS_BACKUP_SELECTION_DATA_SOURCE_H_
