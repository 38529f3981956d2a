// provider_bench: what the real provider binary costs Terraform per process.
// Terraform starts a provider process for each phase of a command and calls
// GetProviderSchema on each, so start-up, the schema call and the memory a
// process holds are paid many times per `terraform apply`.
//
// Reports, over N launches with AutoMTLS (as Terraform launches it): exec →
// handshake line, the first GetProviderSchema, the resident set size (VmRSS)
// right after it, and the encoded schema size.
//
// usage: provider_bench [provider-binary] [launches]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tfplugin/testing/plugin_client.h"

namespace {

using polybackup::tfplugin::testing::LaunchOptions;
using polybackup::tfplugin::testing::PluginClient;

long RssKiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

void Report(const char* name, std::vector<double> v, const char* unit) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[static_cast<size_t>(q * (v.size() - 1))]; };
  std::printf("%-36s n=%-3zu median %9.2f %s   min %9.2f   max %9.2f\n", name, v.size(), at(0.5),
              unit, v.front(), v.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = argc > 1 ? argv[1] : POLYBACKUP_PROVIDER_BINARY;
  int launches = argc > 2 ? std::atoi(argv[2]) : 15;
  std::vector<double> handshake_ms, schema_ms, rss_mib;
  size_t schema_bytes = 0;
  for (int i = 0; i < launches; ++i) {
    auto client = PluginClient::Launch(binary, LaunchOptions{});
    if (!client.ok()) {
      std::fprintf(stderr, "launch failed: %s\n", client.status().ToString().c_str());
      return 1;
    }
    handshake_ms.push_back(
        std::chrono::duration<double, std::milli>((*client)->handshake_time()).count());
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    tfplugin6::GetProviderSchema::Request req;
    tfplugin6::GetProviderSchema::Response resp;
    auto t0 = std::chrono::steady_clock::now();
    if (!(*client)->provider().GetProviderSchema(&ctx, req, &resp).ok()) {
      std::fprintf(stderr, "GetProviderSchema failed\n");
      return 1;
    }
    schema_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    schema_bytes = resp.ByteSizeLong();
    rss_mib.push_back(RssKiB((*client)->pid()) / 1024.0);
    (*client)->Shutdown();
    (*client)->WaitForExit(std::chrono::seconds(5));
  }
  std::printf("provider: %s\n", binary.c_str());
  Report("exec -> handshake (AutoMTLS)", handshake_ms, "ms ");
  Report("first GetProviderSchema", schema_ms, "ms ");
  Report("VmRSS after GetProviderSchema", rss_mib, "MiB");
  std::printf("%-36s %zu bytes\n", "GetProviderSchema response", schema_bytes);
  return 0;
}
