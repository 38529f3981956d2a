// tfplugin_stub_provider: ServeMain around the generated tfplugin6 base
// service, so every provider RPC answers UNIMPLEMENTED. Used by the protocol
// tests and the handshake benchmark to exercise the launch contract alone.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "tfplugin/proto/tfplugin6.grpc.pb.h"
#include "tfplugin/server/serve.h"

int main(int argc, char** argv) {
  tfplugin6::Provider::Service provider;
  polybackup::tfplugin::ServeOptions options;
  options.version = "0.0.0-stub";
  options.binary_name = "tfplugin_stub_provider";
  options.provider_address = "registry.terraform.io/polybackup/stub";
  // Lets the tests see that the hook runs before the server stops, and that
  // a stray stdout write (as a careless library might do) never reaches the
  // client's stdout pipe: ServeMain points fd 1 at stderr after the handshake.
  // TFPLUGIN_STUB_ABORT_ON_SHUTDOWN=1 crashes there instead, to test that a
  // crashing provider still removes its socket directory.
  options.on_shutdown = [] {
    std::fputs("stub provider: on_shutdown called\n", stderr);
    std::printf("stub provider: stray stdout write\n");
    std::fflush(stdout);
    const char* crash = std::getenv("TFPLUGIN_STUB_ABORT_ON_SHUTDOWN");
    if (crash != nullptr && std::string_view(crash) == "1") std::abort();
  };
  return polybackup::tfplugin::ServeMain(argc, argv, options, &provider);
}
