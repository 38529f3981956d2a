// tfplugin_stub_provider: ServeMain around the generated tfplugin6 base
// service, so every provider RPC answers UNIMPLEMENTED. Used by the protocol
// tests and the handshake benchmark to exercise the launch contract alone.
#include <cstdio>

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
  options.on_shutdown = [] {
    std::fputs("stub provider: on_shutdown called\n", stderr);
    std::printf("stub provider: stray stdout write\n");
    std::fflush(stdout);
  };
  return polybackup::tfplugin::ServeMain(argc, argv, options, &provider);
}
