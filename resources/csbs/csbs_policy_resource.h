// polybackup_csbs_policy: a CSBS backup policy of Huawei Cloud / Open
// Telekom Cloud (docs/resources/csbs_policy.md), with the arguments of
// opentelekomcloud_csbs_backup_policy_v1 (and huaweicloud_csbs_backup_policy).
//
// Also registered as polybackup_csbs_backup_policy_v1, so a configuration
// written for either reference provider moves over by changing only the
// provider prefix of its type, as the Huawei provider keeps both names; and
// `moved` blocks bring state over from the alias, from the OTC resource and
// from the Huawei one (MoveResourceState), long-term retention included.
//
// Create records the policy (Checkpoint) as soon as the service answers with
// its ID, then waits for it to leave "creating": a wait that times out
// leaves it in state (tainted), never orphaned. Update sends only what
// changed, the scheduled operation under its existing ID. Delete waits out
// 409 (busy) and until the policy is gone.
#ifndef POLYBACKUP_RESOURCES_CSBS_CSBS_POLICY_RESOURCE_H_
#define POLYBACKUP_RESOURCES_CSBS_CSBS_POLICY_RESOURCE_H_

#include <optional>
#include <string>

#include "resources/csbs/csbs_policy.h"
#include "tfplugin/framework/resource.h"

namespace polybackup::resources::csbs {

inline constexpr char kPolicyType[] = "csbs_policy";
inline constexpr char kPolicyV1Type[] = "csbs_backup_policy_v1";

class PolicyResource : public framework::Resource<PolicyModel> {
 public:
  // `type_suffix`: kPolicyType, or kPolicyV1Type for the alias.
  explicit PolicyResource(std::string type_suffix = kPolicyType)
      : type_suffix_(std::move(type_suffix)) {}

  std::string TypeSuffix() const override { return type_suffix_; }
  schema::ModelSchema<PolicyModel> DefineSchema() const override;

  void Validate(framework::Context& ctx, const PolicyModel& config) override;
  void ModifyPlan(framework::Context& ctx, framework::PlanChange<PolicyModel>& change) override;
  framework::ApplyResult<PolicyModel> Create(framework::Context& ctx,
                                             const PolicyModel& planned) override;
  framework::ReadResult<PolicyModel> Read(framework::Context& ctx,
                                          const PolicyModel& state) override;
  framework::ApplyResult<PolicyModel> Update(framework::Context& ctx, const PolicyModel& prior,
                                             const PolicyModel& planned) override;
  void Delete(framework::Context& ctx, const PolicyModel& state) override;
  framework::ReadResult<PolicyModel> Import(framework::Context& ctx,
                                            const std::string& id) override;
  bool SupportsMove() const override { return true; }
  std::optional<PolicyModel> Move(framework::Context& ctx,
                                  const framework::MoveSource& source) override;

 private:
  std::string type_suffix_;
};

}  // namespace polybackup::resources::csbs

#endif  // POLYBACKUP_RESOURCES_CSBS_CSBS_POLICY_RESOURCE_H_
