// polybackup_kvstore_backup_policy: the backup policy of an ApsaraDB for
// Redis / Memcache instance (docs/resources/kvstore_backup_policy.md).
//
// Every instance always has a policy, so Create adopts it: it remembers the
// policy found (private state "original_policy"), then changes it. Delete
// writes the remembered policy back unless keep_on_destroy is set. The ID is
// the instance ID.
#ifndef POLYBACKUP_RESOURCES_KVSTORE_KVSTORE_BACKUP_POLICY_RESOURCE_H_
#define POLYBACKUP_RESOURCES_KVSTORE_KVSTORE_BACKUP_POLICY_RESOURCE_H_

#include <string>

#include "resources/kvstore/kvstore_policy.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::resources::kvstore {

class BackupPolicyResource : public framework::Resource<BackupPolicyModel> {
 public:
  std::string TypeSuffix() const override { return "kvstore_backup_policy"; }
  schema::ModelSchema<BackupPolicyModel> DefineSchema() const override;

  void ModifyPlan(framework::Context& ctx,
                  framework::PlanChange<BackupPolicyModel>& change) override;
  framework::ApplyResult<BackupPolicyModel> Create(framework::Context& ctx,
                                                   const BackupPolicyModel& planned) override;
  framework::ReadResult<BackupPolicyModel> Read(framework::Context& ctx,
                                                const BackupPolicyModel& state) override;
  framework::ApplyResult<BackupPolicyModel> Update(framework::Context& ctx,
                                                   const BackupPolicyModel& prior,
                                                   const BackupPolicyModel& planned) override;
  void Delete(framework::Context& ctx, const BackupPolicyModel& state) override;
  framework::ReadResult<BackupPolicyModel> Import(framework::Context& ctx,
                                                  const std::string& id) override;

 private:
  // Sends the planned policy (if it differs) and reads the result back.
  // Creating adopts the instance's policy: it is remembered for destroy and
  // checkpointed, so a failure afterwards still records it in state.
  framework::ApplyResult<BackupPolicyModel> Apply(framework::Context& ctx,
                                                  const BackupPolicyModel& planned,
                                                  const std::string& verb, bool creating);
};

}  // namespace polybackup::resources::kvstore

#endif  // POLYBACKUP_RESOURCES_KVSTORE_KVSTORE_BACKUP_POLICY_RESOURCE_H_
