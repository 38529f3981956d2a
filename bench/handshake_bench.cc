// handshake_bench: how long a provider process takes from exec to the
// go-plugin handshake line, launched the way Terraform launches it (cookie,
// PLUGIN_PROTOCOL_VERSIONS, AutoMTLS with a P-521 client certificate).
// Terraform starts several provider processes per command, so this is paid
// many times. Also reports the first RPC over mTLS and Shutdown -> exit.
//
// usage: handshake_bench [provider-binary] [launches]
// (defaults: the tfplugin_stub_provider built alongside, 21 launches)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tfplugin/server/certificate.h"
#include "tfplugin/testing/plugin_client.h"

namespace {

using Micros = std::chrono::microseconds;
using polybackup::tfplugin::testing::CheckHealth;
using polybackup::tfplugin::testing::LaunchOptions;
using polybackup::tfplugin::testing::PluginClient;

void Report(const char* name, std::vector<double> us) {
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  auto at = [&](double q) { return us[static_cast<size_t>(q * (us.size() - 1))]; };
  std::printf("%-34s n=%-3zu median %8.2f ms   min %8.2f   p90 %8.2f   max %8.2f\n", name,
              us.size(), at(0.5) / 1000, us.front() / 1000, at(0.9) / 1000, us.back() / 1000);
}

int Run(const std::string& binary, int launches, bool auto_mtls) {
  std::vector<double> handshake, first_rpc, shutdown;
  for (int i = 0; i < launches; ++i) {
    LaunchOptions options;
    options.auto_mtls = auto_mtls;
    auto client = PluginClient::Launch(binary, options);
    if (!client.ok()) {
      std::fprintf(stderr, "launch failed: %s\n", client.status().ToString().c_str());
      return 1;
    }
    handshake.push_back(std::chrono::duration_cast<Micros>((*client)->handshake_time()).count());
    auto t0 = std::chrono::steady_clock::now();
    if (!CheckHealth((*client)->health(), "plugin").ok()) {
      std::fprintf(stderr, "health check failed\n");
      return 1;
    }
    auto t1 = std::chrono::steady_clock::now();
    first_rpc.push_back(std::chrono::duration_cast<Micros>(t1 - t0).count());
    (*client)->Shutdown();
    if (!(*client)->WaitForExit(std::chrono::seconds(5)).has_value()) {
      std::fprintf(stderr, "provider did not exit after Shutdown\n");
      return 1;
    }
    shutdown.push_back(
        std::chrono::duration_cast<Micros>(std::chrono::steady_clock::now() - t1).count());
  }
  const char* mode = auto_mtls ? "AutoMTLS" : "plaintext";
  std::printf("[%s]\n", mode);
  Report("exec -> handshake line", handshake);
  Report("first RPC (connect + health)", first_rpc);
  Report("Shutdown RPC -> process exit", shutdown);
  return 0;
}

// In-process cost of the certificate each side generates per launch: the
// server's P-256 one is on the exec -> handshake path.
void CertificateCost(int n) {
  using polybackup::tfplugin::EcCurve;
  for (EcCurve curve : {EcCurve::kP256, EcCurve::kP521}) {
    std::vector<double> us;
    for (int i = 0; i < n; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto cert = polybackup::tfplugin::GenerateSelfSignedCertificate({.curve = curve});
      if (!cert.ok()) return;
      us.push_back(
          std::chrono::duration_cast<Micros>(std::chrono::steady_clock::now() - t0).count());
    }
    Report(
        curve == EcCurve::kP256 ? "generate server cert (P-256)" : "generate client cert (P-521)",
        us);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = argc > 1 ? argv[1] : TFPLUGIN_STUB_PROVIDER;
  int launches = argc > 2 ? std::atoi(argv[2]) : 21;
  std::printf("provider: %s, %d launches per mode\n", binary.c_str(), launches);
  CertificateCost(launches);
  if (int rc = Run(binary, launches, /*auto_mtls=*/true); rc != 0) return rc;
  return Run(binary, launches, /*auto_mtls=*/false);
}
