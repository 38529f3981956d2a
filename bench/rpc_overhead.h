// Per-RPC overhead of a warm provider: each resource type's Validate, Plan,
// Apply and Read, driven in-process through the framework's RPC handlers
// (ResourceHarness), with the cloud answered instantly by an in-memory fake
// behind the scripted transport. What is left is the provider's own work per
// call: decoding the request, validation, planning, the client's request
// building, signing and parsing, encoding the answer.
#ifndef POLYBACKUP_BENCH_RPC_OVERHEAD_H_
#define POLYBACKUP_BENCH_RPC_OVERHEAD_H_

#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "bench/report.h"

namespace polybackup::bench {

struct RpcOptions {
  int iterations = 2000;  // lifecycles per resource type (measured)
  int warmup = 100;
};

// [{"resource", "rpc", "us": Summary}] for kvstore, dbs, aws plan, vault and
// selection, and csbs; each lifecycle is validate, plan (create), apply
// (create), plan (no change), read, plan + apply (delete).
nlohmann::json MeasureRpcOverhead(const RpcOptions& options);

void PrintRpcOverhead(const nlohmann::json& rows, std::FILE* out);

// p99 <= 100 us for every resource type and RPC.
std::vector<Verdict> RpcVerdicts(const nlohmann::json& rows);

}  // namespace polybackup::bench

#endif  // POLYBACKUP_BENCH_RPC_OVERHEAD_H_
