// Start-up as Terraform sees it: a provider process is started for each
// phase of a command (validate, plan, apply), and each one must print its
// handshake line and answer the schema call before Terraform goes on.
#ifndef POLYBACKUP_BENCH_STARTUP_H_
#define POLYBACKUP_BENCH_STARTUP_H_

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/report.h"

namespace polybackup::bench {

struct StartupOptions {
  int launches = 50;  // measured
  int warmup = 2;     // run first and not counted (page cache, CPU frequency)
};

// Launches `binary` `launches` times exactly as Terraform does (magic cookie,
// PLUGIN_PROTOCOL_VERSIONS=5,6, AutoMTLS with a P-521 client certificate)
// and, on each: exec -> handshake line; exec -> the first schema call
// answered over that TLS connection (tfplugin5.Provider/GetSchema or
// tfplugin6.Provider/GetProviderSchema, whichever protocol the handshake
// names); the schema call alone (connect + TLS + answer); the CPU time the
// provider's threads used by then; the process's
// memory right after it (VmRSS; from smaps_rollup its proportional share
// and its anonymous memory; by mapping for the last launch); its threads; the encoded schema size.
// Then Shutdown as go-plugin's Kill() does. Errors: the launch or the call failed (message).
absl::StatusOr<nlohmann::json> MeasureStartup(const std::string& binary,
                                              const StartupOptions& options);

// The side-by-side table; `peer` is null when the AWS provider is absent.
void PrintStartup(const nlohmann::json& polybackup, const nlohmann::json& peer, std::FILE* out);

// Handshake <= 5 ms, first schema answer <= 8 ms, RSS <= 10 MB (medians).
std::vector<Verdict> StartupVerdicts(const nlohmann::json& polybackup);

}  // namespace polybackup::bench

#endif  // POLYBACKUP_BENCH_STARTUP_H_
