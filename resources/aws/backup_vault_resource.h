// polybackup_aws_backup_vault: an AWS Backup vault (docs/resources/
// aws_backup_vault.md), a drop-in for the AWS provider's aws_backup_vault.
//
// The ID is the vault's name. Only tags change in place. With
// force_destroy, destroy first deletes the vault's recovery points and waits
// until AWS has let them go (the vault cannot be deleted before). A vault
// AWS no longer has is dropped from state, whether AWS says so with
// ResourceNotFoundException or, as it does for DescribeBackupVault, with
// AccessDeniedException. Import by name; `moved` from aws_backup_vault.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_VAULT_RESOURCE_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_VAULT_RESOURCE_H_

#include <optional>
#include <string>

#include "clients/aws/backup_types.h"
#include "resources/aws/backup_tags.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::resources::aws {

struct BackupVaultModel {
  schema::String id;  // the name
  schema::String name;
  schema::String arn;
  schema::String kms_key_arn;
  schema::Bool force_destroy;
  schema::Int64 recovery_points;
  schema::String region;
  TagMap tags;
  TagMap tags_all;
};

// The vault's attributes from DescribeBackupVault (tags and force_destroy
// are not the API's and stay as in `prior`).
BackupVaultModel VaultFromApi(const clients::aws::BackupVault& vault,
                              const BackupVaultModel& prior);

class BackupVaultResource : public framework::Resource<BackupVaultModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_vault"; }
  schema::ModelSchema<BackupVaultModel> DefineSchema() const override;

  void ModifyPlan(framework::Context& ctx,
                  framework::PlanChange<BackupVaultModel>& change) override;
  framework::ApplyResult<BackupVaultModel> Create(framework::Context& ctx,
                                                  const BackupVaultModel& planned) override;
  framework::ReadResult<BackupVaultModel> Read(framework::Context& ctx,
                                               const BackupVaultModel& state) override;
  framework::ApplyResult<BackupVaultModel> Update(framework::Context& ctx,
                                                  const BackupVaultModel& prior,
                                                  const BackupVaultModel& planned) override;
  void Delete(framework::Context& ctx, const BackupVaultModel& state) override;
  framework::ReadResult<BackupVaultModel> Import(framework::Context& ctx,
                                                 const std::string& id) override;
  bool SupportsMove() const override { return true; }
  std::optional<BackupVaultModel> Move(framework::Context& ctx,
                                       const framework::MoveSource& source) override;
};

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_VAULT_RESOURCE_H_
