// data "polybackup_aws_backup_vault": a backup vault by name, as the AWS
// provider's aws_backup_vault data source reads it. A vault that does not
// exist is an error.
#ifndef POLYBACKUP_DATASOURCES_AWS_BACKUP_VAULT_DATA_SOURCE_H_
#define POLYBACKUP_DATASOURCES_AWS_BACKUP_VAULT_DATA_SOURCE_H_

#include <optional>
#include <string>

#include "tfplugin/framework/data_source.h"

namespace polybackup::datasources::aws {

struct BackupVaultDataModel {
  schema::String id;
  schema::String name;
  schema::String region;
  schema::String arn;
  schema::String kms_key_arn;
  schema::Int64 recovery_points;
  schema::Map<std::string> tags;
};

class BackupVaultDataSource : public framework::DataSource<BackupVaultDataModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_vault"; }
  schema::ModelSchema<BackupVaultDataModel> DefineSchema() const override;
  std::optional<BackupVaultDataModel> Read(framework::Context& ctx,
                                           const BackupVaultDataModel& config) override;
};

}  // namespace polybackup::datasources::aws

#endif  // POLYBACKUP_DATASOURCES_AWS_BACKUP_VAULT_DATA_SOURCE_H_
