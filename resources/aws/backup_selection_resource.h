// polybackup_aws_backup_selection: the resources an AWS Backup plan backs up
// (docs/resources/aws_backup_selection.md), a drop-in for the AWS provider's
// aws_backup_selection.
//
// AWS cannot change a selection, so every real change replaces it;
// spellings that select the same (backup_selection_model.h) change nothing.
// Create retries while a new IAM role has not reached AWS Backup yet, with
// one CreatorRequestId, and waits until the selection can be read. The ID
// is the selection ID; import with "<plan-id>|<selection-id>", the AWS
// provider's order. `moved` from aws_backup_selection.
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_SELECTION_RESOURCE_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_SELECTION_RESOURCE_H_

#include <optional>
#include <string>

#include "resources/aws/backup_selection_model.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::resources::aws {

class BackupSelectionResource : public framework::Resource<BackupSelectionModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_selection"; }
  schema::ModelSchema<BackupSelectionModel> DefineSchema() const override;

  void ModifyPlan(framework::Context& ctx,
                  framework::PlanChange<BackupSelectionModel>& change) override;
  framework::ApplyResult<BackupSelectionModel> Create(framework::Context& ctx,
                                                      const BackupSelectionModel& planned) override;
  framework::ReadResult<BackupSelectionModel> Read(framework::Context& ctx,
                                                   const BackupSelectionModel& state) override;
  // Only reached for a plan that selects the same (a spelling changed):
  // records it, without an API call.
  framework::ApplyResult<BackupSelectionModel> Update(framework::Context& ctx,
                                                      const BackupSelectionModel& prior,
                                                      const BackupSelectionModel& planned) override;
  void Delete(framework::Context& ctx, const BackupSelectionModel& state) override;
  framework::ReadResult<BackupSelectionModel> Import(framework::Context& ctx,
                                                     const std::string& id) override;
  bool SupportsMove() const override { return true; }
  std::optional<BackupSelectionModel> Move(framework::Context& ctx,
                                           const framework::MoveSource& source) override;
};

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_SELECTION_RESOURCE_H_
