// 1,000 AWS Backup vaults created and destroyed by the real Terraform CLI
// (-parallelism 10, its default) while the emulator throttles: a burst in
// which every request is refused for 3 s, then one request in ten for the
// rest of the command. Vaults make this the cheapest meaningful test at
// that scale: a create is three calls (CreateBackupVault, then the read-back:
// DescribeBackupVault and ListTags), a destroy two reads and a delete, and
// every one of them may be throttled. Zero resources may fail, and the
// emulator must hold exactly the vaults the state records.
#include <doctest/doctest.h>

#include <chrono>

#include "acceptance/aws/backup_target.h"
#include "acceptance/faults/fault_campaign.h"
#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr int kVaults = 1000;

// Injects the throttling of one command and clears the request log.
void Throttle(Emulators& e) {
  e.Control("DELETE", "/faults");
  e.Control("POST", "/faults",
            {{"service", "aws_backup"}, {"throttle", true}, {"duration_ms", 3000}});
  e.Control("POST", "/faults",
            {{"service", "aws_backup"}, {"throttle", true}, {"fraction", 0.1}, {"count", 1000000}});
  e.Control("DELETE", "/requests");
}

// Requests and throttled answers since Throttle, printed for the notes.
int Throttled(Emulators& e, const std::string& command) {
  int requests = 0, throttled = 0;
  for (const json& r : e.Control("GET", "/requests")) {
    if (r.value("service", "") != "aws_backup") continue;
    ++requests;
    throttled += r["status"] == 429;
  }
  MESSAGE(command << ": " << requests << " AWS Backup requests, " << throttled << " throttled");
  return throttled;
}

}  // namespace

TEST_CASE("1,000 vaults under a throttling burst: apply and destroy, no resource fails") {
  auto t = BackupTarget::Get();
  if (!t || !t->emulated()) return;  // throttling is injected by the emulator only
  Emulators& e = *t->emulators();
  e.ServiceOp("aws_backup", "set_limits", {{"vaults", kVaults}});  // AWS's default quota: 100
  const std::string config = t->ProviderBlock() + R"(
resource "polybackup_aws_backup_vault" "scale" {
  count = )" + std::to_string(kVaults) +
                             R"(
  name  = "tf-scale-${count.index}"
}
)";
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
  };
  Clock::time_point phase;
  bool destroying = false;
  std::vector<Step> steps = {
      {.kind = Basic{.config = config,
                     .cloud =
                         [&] {
                           MESSAGE("apply of " << kVaults << " vaults: " << seconds(phase) << " s");
                           CHECK(Throttled(e, "apply") > 0);
                           e.Control("DELETE", "/faults");
                         }},
       .before =
           [&] {
             Throttle(e);
             phase = Clock::now();
           }},
  };
  auto started = Clock::now();
  RunScenario(t->scenario_target(),
              {.address = "polybackup_aws_backup_vault.scale[999]",
               .steps = std::move(steps),
               .cloud_matches_state =
                   [&](const json& state) {
                     e.Control("DELETE", "/faults");
                     const auto in_state = StateValues(state, "polybackup_aws_backup_vault");
                     CHECK(AwsBackupHolds(e).vaults == in_state);
                     if (!destroying) {
                       CHECK(in_state.size() == kVaults);
                       return;
                     }
                     MESSAGE("destroy of " << kVaults << " vaults: " << seconds(phase) << " s");
                     CHECK(Throttled(e, "destroy") > 0);
                   },
               .before_destroy =
                   [&] {
                     destroying = true;
                     Throttle(e);
                     phase = Clock::now();
                   }});
  MESSAGE("the whole scenario (apply, empty plan, destroy, state reads): " << seconds(started)
                                                                           << " s");
}
