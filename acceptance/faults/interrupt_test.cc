// Ctrl-C during an apply, as a terminal sends it: SIGINT to Terraform's
// process group (Terraform and the provider it started). Terraform asks the
// provider to stop (StopProvider) and waits for the operations in flight;
// what was created must be in the state, and nothing the state does not
// record may be left in the cloud.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "acceptance/aws/backup_target.h"
#include "acceptance/faults/fault_campaign.h"
#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;
using std::chrono::milliseconds;

TEST_CASE("Ctrl-C during an apply: Terraform stops gracefully, the state has every vault made") {
  auto t = BackupTarget::Get();
  if (!t || !t->emulated()) return;  // the slow answers are the emulator's
  Emulators& e = *t->emulators();
  constexpr int kVaults = 40;
  // Each create is held for 1.5 s before the emulator carries it out, so
  // ten creates (Terraform's parallelism) are in flight when the signal
  // comes: the worst moment, since the emulator commits them after the
  // client may have given up.
  e.Control("POST", "/faults",
            {{"service", "aws_backup"},
             {"route", "CreateBackupVault"},
             {"latency_ms", 1500},
             {"count", kVaults}});
  Workspace ws(t->scenario_target().env);
  ws.SetConfig(t->ProviderBlock() + R"(
resource "polybackup_aws_backup_vault" "many" {
  count = )" + std::to_string(kVaults) +
               R"(
  name  = "tf-interrupt-${count.index}"
}
)");
  auto apply = ws.Start({"apply", "-auto-approve", "-no-color", "-input=false"});
  REQUIRE(apply->started());
  // Interrupt once the first wave is in the cloud and the second in flight.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  size_t made = 0;
  while ((made = AwsBackupHolds(e).vaults.size()) < 12 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  REQUIRE_MESSAGE(made >= 12, "the apply made " << made << " vaults in 60 s");
  std::this_thread::sleep_for(milliseconds(300));  // the next creates are sent
  const auto interrupted = std::chrono::steady_clock::now();
  REQUIRE(apply->SignalGroup(SIGINT));
  ProcessResult r = apply->Wait(milliseconds(120000));
  const auto stopped_in =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - interrupted);
  INFO(Describe(r));
  MESSAGE("Terraform exited " << stopped_in.count() << " ms after SIGINT");
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 1);  // an interrupted apply is an error
  const std::string output = r.out + r.err;
  CHECK(output.find("Interrupt received") != std::string::npos);
  CHECK(output.find("Gracefully shutting down") != std::string::npos);
  // Nothing crashed on the way.
  CHECK(r.err.find("panic") == std::string::npos);
  CHECK(r.err.find("Plugin did not respond") == std::string::npos);

  // Give any create still held in the emulator time to land, then compare.
  std::this_thread::sleep_for(milliseconds(1600));
  const json state = ws.State();
  const std::vector<std::string> in_state = StateValues(state, "polybackup_aws_backup_vault");
  const std::vector<std::string> in_cloud = AwsBackupHolds(e).vaults;
  MESSAGE(in_cloud.size() << " of " << kVaults << " vaults made before the stop, "
                          << in_state.size() << " in state");
  CHECK(in_cloud.size() < kVaults);  // the stop did stop the apply
  CHECK(in_state == in_cloud);

  // The state is sound: destroy removes every vault it records.
  ProcessResult destroyed = ws.Destroy();
  INFO(Describe(destroyed));
  CHECK(destroyed.exit_code == 0);
  CHECK(AwsBackupHolds(e).vaults.empty());
}
