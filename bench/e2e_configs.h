// The Terraform configurations of the end-to-end runs: N resources of one
// kind, written the way a user would (the AWS provider's basic backup plan
// acceptance configuration, the type renamed for polybackup), and the
// emulator fixtures they need.
#ifndef POLYBACKUP_BENCH_E2E_CONFIGS_H_
#define POLYBACKUP_BENCH_E2E_CONFIGS_H_

#include <map>
#include <string>

namespace polybackup::acceptance {
class Emulators;
}

namespace polybackup::bench {

// The vault every backup plan targets; made before the runs, outside them.
inline constexpr char kBenchVault[] = "pb-bench-vault";

// N `terraform_data` resources: Terraform core's own cost per resource.
std::string CoreOnlyConfig(int n);

// N `polybackup_test_thing` of the test build: what Terraform spends on any
// resource of an external provider (the plugin protocol, the larger state)
// when the provider does nothing but keep a JSON file.
std::string ExternalFloorConfig(int n);

// hashicorp/aws: its provider block for the emulator and N aws_backup_plan.
std::string AwsProviderConfig(int n, const acceptance::Emulators& e);

// polybackup: the same N plans with the type renamed, and its provider block
// (only the aws block).
std::string PolybackupAwsConfig(int n, const acceptance::Emulators& e);

// polybackup: N resources spread evenly over its four resource types
// (aws_backup_plan, kvstore_backup_policy, dbs_backup_plan, csbs_policy),
// with all three cloud blocks. `Seeds` makes what they refer to.
std::string PolybackupMixConfig(int n, const acceptance::Emulators& e);

// How many of each type PolybackupMixConfig(n) holds, by emulator service:
// {"aws_backup", k}, {"alicloud_kvstore", k}, {"alicloud_dbs", k},
// {"huaweicloud_csbs", k}.
std::map<std::string, int> MixShares(int n);

// Emulator fixtures for N resources of any variant, after a reset: limits
// raised above N, no artificial transition delays (the runs measure
// providers, not the emulators' simulated waits), the vault, the kvstore
// instances and the CSBS servers the mix refers to.
void PrepareEmulators(acceptance::Emulators& e, int n);

}  // namespace polybackup::bench

#endif  // POLYBACKUP_BENCH_E2E_CONFIGS_H_
