// Where the AWS Backup acceptance scenarios run: the AWS Backup emulator
// (the default), or a real account when POLYBACKUP_ACC_REAL=1, with AWS
// credentials and region in the environment (AWS_ACCESS_KEY_ID, …,
// AWS_REGION) and POLYBACKUP_ACC_AWS_ROLE_ARN naming an IAM role AWS Backup
// may assume. Out-of-band changes go through polybackup's own AWS Backup
// client, against either; steps only an emulator can do (deleting a plan
// with its selections at once, seeding recovery points, dropping an answer,
// counting requests) are skipped on a real account, and say so.
//
// The real hashicorp/aws provider, where the machine has it (a Terraform
// filesystem mirror, /opt/tf-plugins or POLYBACKUP_ACC_AWS_PROVIDER_MIRROR),
// is a second client: scenarios that need it skip with a message when it
// is absent, even under POLYBACKUP_ACC_REQUIRED.
#ifndef POLYBACKUP_ACCEPTANCE_AWS_BACKUP_TARGET_H_
#define POLYBACKUP_ACCEPTANCE_AWS_BACKUP_TARGET_H_

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "acceptance/harness/emulators.h"
#include "acceptance/harness/steps.h"
#include "clients/aws/aws_factory.h"

namespace polybackup::acceptance {

class BackupTarget {
 public:
  // The target for this run, or nullptr after reporting why the scenario
  // cannot run (which fails it when POLYBACKUP_ACC_REQUIRED is set).
  static std::unique_ptr<BackupTarget> Get();

  bool emulated() const { return emulators_ != nullptr; }
  const std::string& region() const { return region_; }
  const std::string& account() const { return account_; }
  // An IAM role AWS Backup may assume (the emulator's seeded
  // service-role/AWSBackupDefaultServiceRole).
  const std::string& role_arn() const { return role_arn_; }
  // `base` made unique to this run on a real account ("pbacc-1a2b3c-base").
  std::string Name(const std::string& base) const;

  // provider "polybackup" with its aws block (`extra` goes inside it, e.g.
  // a default_tags block).
  std::string ProviderBlock(const std::string& extra = "") const;
  // provider "aws" (hashicorp/aws) for the same account or emulator.
  std::string AwsProviderBlock() const;
  ScenarioTarget scenario_target() const { return {emulated(), env_}; }
  // The target with hashicorp/aws installed; nullopt (after a message) when
  // this machine has no mirror of it.
  std::optional<ScenarioTarget> WithAwsProvider() const;

  // --- out of band, through polybackup's client ---------------------------
  const clients::aws::BackupClient& client() const { return *clients_.backup; }
  // Changes one rule of a plan as the console would (a new plan version).
  void ChangeRuleOutOfBand(const std::string& plan_id, const std::string& rule_name,
                           const std::function<void(clients::aws::BackupRule&)>& change);
  void TagOutOfBand(const std::string& arn, const std::string& key, const std::string& value);
  void DeleteVaultOutOfBand(const std::string& name);
  void DeleteSelectionOutOfBand(const std::string& plan_id, const std::string& selection_id);
  void DeletePlanOutOfBand(const std::string& plan_id);
  std::optional<clients::aws::BackupPlan> FindPlan(const std::string& plan_id) const;
  bool VaultExists(const std::string& name) const;
  // Live plans with this name.
  int PlansNamed(const std::string& name) const;
  // The ID of the one live plan of this name, of the selection of this name.
  std::string PlanId(const std::string& name) const;
  std::string SelectionId(const std::string& plan_id, const std::string& name) const;

  // --- emulator only --------------------------------------------------------
  Emulators* emulators() const { return emulators_; }
  // Requests the AWS Backup emulator received so far (0 on a real account).
  int ApiCalls() const;
  // The next request of `route` is carried out, then its answer dropped.
  void DropAnswerAfterCommit(const std::string& route);
  void SeedRecoveryPoints(const std::string& vault, int count);
  // The emulator's request log entries of AWS Backup for `route`.
  std::vector<nlohmann::json> Requests(const std::string& route) const;

 private:
  BackupTarget() = default;

  Emulators* emulators_ = nullptr;
  std::string region_, account_, role_arn_, prefix_, endpoint_;
  std::map<std::string, std::string> env_;
  clients::aws::AwsClients clients_;
};

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_AWS_BACKUP_TARGET_H_
