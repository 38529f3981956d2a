// polybackup_aws_backup_plan: an AWS Backup plan (docs/resources/
// aws_backup_plan.md), a drop-in for the AWS provider's aws_backup_plan.
//
// Create sends a CreatorRequestId made once per create and reused by every
// retry of the call, so an answer lost after AWS made the plan never makes a
// second one. Rule or setting changes go through UpdateBackupPlan (a new
// version), tags through TagResource / UntagResource. Delete retries while
// selections still reference the plan, within the delete timeout. Import by
// plan ID; `moved` from aws_backup_plan (schema versions 0 and 1).
#ifndef POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_RESOURCE_H_
#define POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_RESOURCE_H_

#include <optional>
#include <string>

#include "resources/aws/backup_plan_model.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::resources::aws {

class BackupPlanResource : public framework::Resource<BackupPlanModel> {
 public:
  std::string TypeSuffix() const override { return "aws_backup_plan"; }
  schema::ModelSchema<BackupPlanModel> DefineSchema() const override;

  void Validate(framework::Context& ctx, const BackupPlanModel& config) override;
  void ModifyPlan(framework::Context& ctx, framework::PlanChange<BackupPlanModel>& change) override;
  framework::ApplyResult<BackupPlanModel> Create(framework::Context& ctx,
                                                 const BackupPlanModel& planned) override;
  framework::ReadResult<BackupPlanModel> Read(framework::Context& ctx,
                                              const BackupPlanModel& state) override;
  framework::ApplyResult<BackupPlanModel> Update(framework::Context& ctx,
                                                 const BackupPlanModel& prior,
                                                 const BackupPlanModel& planned) override;
  void Delete(framework::Context& ctx, const BackupPlanModel& state) override;
  framework::ReadResult<BackupPlanModel> Import(framework::Context& ctx,
                                                const std::string& id) override;
  bool SupportsMove() const override { return true; }
  std::optional<BackupPlanModel> Move(framework::Context& ctx,
                                      const framework::MoveSource& source) override;
};

}  // namespace polybackup::resources::aws

#endif  // POLYBACKUP_RESOURCES_AWS_BACKUP_PLAN_RESOURCE_H_
