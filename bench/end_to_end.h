// End to end with the real Terraform CLI against the local emulators:
// `apply`, a no-change `plan` and `destroy` of N resources, for
//   core        N terraform_data: what Terraform itself costs per resource;
//   aws         N aws_backup_plan with hashicorp/aws (where the machine's
//               filesystem mirror has it; otherwise reported absent);
//   polybackup  the same configuration with the type renamed;
//   mix         N resources over polybackup's four resource types.
// Each command is timed as a whole (wall clock), the emulators' request log
// counts its API calls, their CPU time stands for the API calls' own time,
// and the provider processes Terraform starts are polled for their peak RSS.
#ifndef POLYBACKUP_BENCH_END_TO_END_H_
#define POLYBACKUP_BENCH_END_TO_END_H_

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/report.h"

namespace polybackup::bench {

struct EndToEndOptions {
  std::vector<int> sizes = {10};
  // hashicorp/aws in an unpacked filesystem mirror; "" = none (absent).
  std::string aws_mirror;
  std::string aws_version;
  // Variants to run, of "core", "aws", "polybackup", "mix"; empty = all.
  std::vector<std::string> variants;
  // The directory of the test build of polybackup (its in-memory
  // polybackup_test_thing); "" or no binary there = the floor is absent.
  std::string test_provider_dir;
};

// {"sizes", "runs": [{variant, n, command, wall_s, exit_code, api_calls,
// calls_per_resource, calls_by_service, emulator_cpu_s, provider_peak_mib,
// provider_processes, terraform_peak_mib}], "absent": [variants]}.
// Errors: the emulators or Terraform cannot start, or a command fails.
absl::StatusOr<nlohmann::json> MeasureEndToEnd(const EndToEndOptions& options);

// One table per size, the growth from the smallest to the largest size.
void PrintEndToEnd(const nlohmann::json& e2e, std::FILE* out);

// polybackup <= 1.10 x core + the API calls' own time; no more calls per
// resource than hashicorp/aws; for every size and command.
std::vector<Verdict> EndToEndVerdicts(const nlohmann::json& e2e);

}  // namespace polybackup::bench

#endif  // POLYBACKUP_BENCH_END_TO_END_H_
