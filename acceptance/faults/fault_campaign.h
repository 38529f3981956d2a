// Fault campaigns: a resource created, updated and destroyed by the real
// Terraform CLI while its emulator answers badly. In every phase (each
// apply, then the destroy) the emulator
//   - drops the answer to the first request of each of the phase's writes
//     after committing it (the client must not make a duplicate, nor lose
//     the object it created),
//   - throttles half of the requests for a burst of 1.5 s,
//   - answers 500 or 503 to one request in four (an 8th each),
//   - and holds one request in three back by 400 ms (a latency spike) for
//     3 s.
// Every command must still succeed, and after each phase the emulator must
// hold exactly the objects the state records (`cloud_matches_state`: no
// duplicate, no orphan). Each kind of fault must have been applied in each
// phase, so a campaign that misses its target fails instead of passing
// vacuously. Emulator only: a real account has no fault injection.
#ifndef POLYBACKUP_ACCEPTANCE_FAULTS_FAULT_CAMPAIGN_H_
#define POLYBACKUP_ACCEPTANCE_FAULTS_FAULT_CAMPAIGN_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "acceptance/harness/emulators.h"
#include "acceptance/harness/steps.h"

namespace polybackup::acceptance {

// One apply of a campaign: the configuration, and the write operations
// (emulator route names, e.g. "CreateBackupPlan") it must make, whose first
// answers are dropped.
struct CampaignApply {
  std::string config;
  std::vector<std::string> writes;
};

struct Campaign {
  std::string service;  // the emulator service under faults, e.g. "aws_backup"
  ScenarioTarget target;
  std::string address;                 // one resource of the configurations
  Callback prepare;                    // fixtures, before the first apply
  std::vector<CampaignApply> applies;  // create, then updates
  std::vector<std::string> destroy_writes;
  // Asks the emulator (faults off) that it holds exactly what `state`
  // records; after the destroy `state` has no resources.
  std::function<void(const nlohmann::json& state)> cloud_matches_state;
};

// Runs `campaign` on the step runner (one Basic step per apply, then the
// destroy), reporting failures through doctest.
void RunCampaign(Emulators& emulators, const Campaign& campaign);

// What the AWS Backup emulator holds: live plans' IDs, vaults' names and
// selections' IDs, each sorted (as StateValues sorts the state's).
struct AwsBackupObjects {
  std::vector<std::string> plans, vaults, selections;
};
AwsBackupObjects AwsBackupHolds(Emulators& emulators);

// The values of `attribute` of every managed resource of `type` in a
// `terraform show -json` state, sorted (a duplicate shows twice).
std::vector<std::string> StateValues(const nlohmann::json& state, const std::string& type,
                                     const std::string& attribute = "id");

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_FAULTS_FAULT_CAMPAIGN_H_
