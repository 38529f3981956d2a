#include "bench/startup.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <map>

#include "absl/strings/str_cat.h"
#include "bench/proc_memory.h"
#include "tfplugin/testing/plugin_client.h"

namespace polybackup::bench {
namespace {

using Clock = std::chrono::steady_clock;
using polybackup::tfplugin::testing::LaunchOptions;
using polybackup::tfplugin::testing::PluginClient;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The schema RPC of the protocol the handshake named.
std::string SchemaMethod(int protocol) {
  return protocol == 5 ? "/tfplugin5.Provider/GetSchema" : "/tfplugin6.Provider/GetProviderSchema";
}

// One unary call with an empty request (both schema requests have only
// optional fields); the answer's size in bytes, or the failure.
absl::StatusOr<size_t> CallEmpty(const std::shared_ptr<grpc::Channel>& channel,
                                 const std::string& method) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat(method, ": ", status.error_message()));
  }
  return response.Length();
}

struct Launch {
  double handshake_ms = 0, schema_answered_ms = 0, schema_call_ms = 0, cpu_ms = 0;
  ProcessMemory memory;
  std::map<std::string, MappingMemory> mappings;
  int protocol = 0;
  size_t schema_bytes = 0;
};

absl::StatusOr<Launch> LaunchOnce(const std::string& binary) {
  LaunchOptions options;
  options.handshake_timeout = std::chrono::milliseconds(60000);
  auto client = PluginClient::Launch(binary, options);
  if (!client.ok()) return client.status();
  Launch out;
  out.handshake_ms = Ms((*client)->handshake_time());
  out.protocol = (*client)->handshake().app_version;
  const Clock::time_point call_start = Clock::now();
  absl::StatusOr<size_t> bytes = CallEmpty((*client)->channel(), SchemaMethod(out.protocol));
  const Clock::time_point answered = Clock::now();
  if (!bytes.ok()) return bytes.status();
  out.schema_bytes = *bytes;
  out.schema_call_ms = Ms(answered - call_start);
  out.schema_answered_ms = Ms(answered - (*client)->started_at());
  out.cpu_ms = ThreadCpuMs((*client)->pid());
  out.memory = ReadProcessMemory((*client)->pid());
  out.mappings = MemoryByMapping((*client)->pid());
  (*client)->Shutdown();
  if (!(*client)->WaitForExit(std::chrono::seconds(10)).has_value()) {
    return absl::DeadlineExceededError(binary + " did not exit after Shutdown");
  }
  return out;
}

std::string Cell(const nlohmann::json& side, const char* key, int digits) {
  if (side.is_null()) return "absent";
  const auto& s = side[key];
  return Fixed(s["p50"].get<double>(), digits) + " (" + Fixed(s["p90"].get<double>(), digits) + ")";
}

std::string Ratio(const nlohmann::json& ours, const nlohmann::json& peer, const char* key) {
  if (peer.is_null() || ours[key]["p50"].get<double>() <= 0) return "-";
  return Fixed(peer[key]["p50"].get<double>() / ours[key]["p50"].get<double>(), 1) + "x";
}

}  // namespace

absl::StatusOr<nlohmann::json> MeasureStartup(const std::string& binary,
                                              const StartupOptions& options) {
  std::map<std::string, std::vector<double>> series;
  Launch last;
  for (int i = 0; i < options.warmup + options.launches; ++i) {
    absl::StatusOr<Launch> l = LaunchOnce(binary);
    if (!l.ok()) return l.status();
    if (i < options.warmup) continue;
    series["handshake_ms"].push_back(l->handshake_ms);
    series["schema_answered_ms"].push_back(l->schema_answered_ms);
    series["schema_call_ms"].push_back(l->schema_call_ms);
    series["cpu_ms"].push_back(l->cpu_ms);
    series["rss_mib"].push_back(l->memory.rss_kib / 1024.0);
    series["pss_mib"].push_back(l->memory.pss_kib / 1024.0);
    series["anon_mib"].push_back(l->memory.anon_kib / 1024.0);
    series["threads"].push_back(l->memory.threads);
    last = *l;
  }
  nlohmann::json out = {{"binary", binary},
                        {"protocol", last.protocol},
                        {"launches", options.launches},
                        {"schema_bytes", last.schema_bytes}};
  for (const auto& [name, samples] : series) out[name] = ToJson(Summarize(samples));
  // Where the last launch's RSS went, largest first (bench/README.md).
  std::vector<std::pair<std::string, MappingMemory>> maps(last.mappings.begin(),
                                                          last.mappings.end());
  std::sort(maps.begin(), maps.end(),
            [](const auto& a, const auto& b) { return a.second.rss_kib > b.second.rss_kib; });
  for (const auto& [name, m] : maps) {
    if (m.rss_kib == 0) continue;
    out["memory_by_mapping"].push_back(
        {{"mapping", name}, {"rss_kib", m.rss_kib}, {"anon_kib", m.anon_kib}});
  }
  return out;
}

void PrintStartup(const nlohmann::json& ours, const nlohmann::json& peer, std::FILE* out) {
  Table t("Start-up as Terraform sees it (median, p90 in brackets; " +
              std::to_string(ours["launches"].get<int>()) + " starts each)",
          {"", "polybackup", "hashicorp/aws", "aws / polybackup"});
  struct Row {
    const char* label;
    const char* key;
    int digits;
  };
  for (const Row& r :
       {Row{"exec -> handshake line (ms)", "handshake_ms", 2},
        Row{"exec -> first schema answered (ms)", "schema_answered_ms", 2},
        Row{"  the schema call alone (ms)", "schema_call_ms", 2},
        Row{"VmRSS after the schema call (MiB)", "rss_mib", 1},
        Row{"  of which anonymous, its own (MiB)", "anon_mib", 1},
        Row{"  proportional share, PSS (MiB)", "pss_mib", 1}, Row{"threads", "threads", 0}}) {
    t.AddRow({r.label, Cell(ours, r.key, r.digits), Cell(peer, r.key, r.digits),
              Ratio(ours, peer, r.key)});
  }
  auto bytes = [](const nlohmann::json& side) {
    return side.is_null() ? std::string("absent")
                          : std::to_string(side["schema_bytes"].get<size_t>());
  };
  t.AddRow({"schema answer (bytes)", bytes(ours), bytes(peer), ""});
  auto protocol = [](const nlohmann::json& side) {
    return side.is_null() ? std::string("absent") : std::to_string(side["protocol"].get<int>());
  };
  t.AddRow({"plugin protocol", protocol(ours), protocol(peer), ""});
  t.Print(out);
}

std::vector<Verdict> StartupVerdicts(const nlohmann::json& ours) {
  auto p50 = [&](const char* key) { return ours[key]["p50"].get<double>(); };
  return {
      {"exec -> handshake <= 5 ms (median)", Fixed(p50("handshake_ms"), 2) + " ms",
       p50("handshake_ms") <= 5.0},
      {"exec -> first schema answer <= 8 ms (median)", Fixed(p50("schema_answered_ms"), 2) + " ms",
       p50("schema_answered_ms") <= 8.0},
      {"RSS after the schema call <= 10 MB (median VmRSS)",
       Fixed(p50("rss_mib") * 1.048576, 1) + " MB", p50("rss_mib") * 1.048576 <= 10.0},
  };
}

}  // namespace polybackup::bench
