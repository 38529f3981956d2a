// polybackup_dbs_backup_plan: an Alibaba Cloud Database Backup (DBS) backup
// plan (docs/resources/dbs_backup_plan.md). Argument names are those of the
// Alibaba provider's alicloud_dbs_backup_plan.
//
// Create follows the CreateBackupPlan doc: CreateBackupPlan (one
// ClientToken), checkpoint the new plan ID, ConfigureBackupPlan once DBS
// accepts it, StartBackupPlan and wait for "running" (then pause it when
// status = "pause"). A failure after the plan exists leaves it in state,
// tainted, so the next apply replaces it: no plan is ever orphaned. Update
// changes a plan in place with the Modify calls (backup_plan_update.h);
// replacement is only for what no call can change. Delete releases the plan
// and waits until DBS no longer lists it. The ID is the plan ID.
#ifndef POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_RESOURCE_H_
#define POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_RESOURCE_H_

#include <chrono>
#include <string>

#include "resources/dbs/backup_plan_model.h"
#include "resources/dbs/dbs_access.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::resources::dbs {

// How often DBS is asked again while a step completes. The reference
// provider polls every 5 s; configure is refused for "5 seconds in most
// cases" after create, so 1 s there saves most of a poll.
struct BackupPlanPolling {
  std::chrono::milliseconds configure{1000};
  std::chrono::milliseconds status{2000};
};

class BackupPlanResource : public framework::Resource<BackupPlanModel> {
 public:
  explicit BackupPlanResource(BackupPlanPolling polling = {}) : polling_(polling) {}

  std::string TypeSuffix() const override { return "dbs_backup_plan"; }
  schema::ModelSchema<BackupPlanModel> DefineSchema() const override;  // backup_plan_schema.cc

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

 private:
  // Brings the plan's status to `wanted` ("running" or "pause"; anything
  // else is left alone) when it is not there yet.
  absl::Status SettleStatus(const DbsAccess& dbs, const std::string& id, const std::string& wanted,
                            bool restart) const;
  // Reads the plan back after a create or update; an error when it vanished.
  framework::ApplyResult<BackupPlanModel> ReadBack(framework::Context& ctx,
                                                   const BackupPlanModel& m,
                                                   const std::string& what);

  BackupPlanPolling polling_;
};

}  // namespace polybackup::resources::dbs

#endif  // POLYBACKUP_RESOURCES_DBS_BACKUP_PLAN_RESOURCE_H_
