// ServeMain: the whole life of a Terraform provider process (go-plugin's
// server side, re-done in C++). Call it from main() before anything else
// creates a thread:
//
//   int main(int argc, char** argv) {
//     MyProvider provider;  // a tfplugin6::Provider::Service
//     return polybackup::tfplugin::ServeMain(argc, argv, options, &provider);
//   }
//
// Managed mode (no flags; how Terraform starts providers):
//  * without TF_PLUGIN_MAGIC_COOKIE = the magic value: go-plugin's "This
//    binary is a plugin..." message on stderr, exit 1;
//  * protocol 6 is answered whatever PLUGIN_PROTOCOL_VERSIONS offers (a set in
//    random order; if 6 is missing the client reports the mismatch);
//  * listens on a unix socket in a private 0700 directory under
//    PLUGIN_UNIX_SOCKET_DIR or $TMPDIR (TCP 127.0.0.1 in
//    PLUGIN_MIN_PORT..PLUGIN_MAX_PORT when the path is too long);
//  * AutoMTLS when PLUGIN_CLIENT_CERT is set: a fresh self-signed P-256
//    certificate, TLS only, client certificate required and verified against
//    PLUGIN_CLIENT_CERT; plaintext only when the variable is absent;
//  * serves the provider, plugin.GRPCController/Shutdown and grpc.health.v1
//    (service "plugin" = SERVING); 256 MiB message limits;
//  * prints the handshake line "1|6|unix|<path>|grpc|<cert>" as the first and
//    only stdout output; fd 1 is then pointed at stderr so no stray write can
//    reach the client's stdout pipe;
//  * SIGINT is ignored (logged), SIGTERM or the Shutdown RPC stop gracefully:
//    on_shutdown runs, in-flight RPCs get 1 s, then the socket and its
//    directory are removed and ServeMain returns 0.
// `-version`: prints options.version on stdout, returns 0.
// `-debug`: plaintext server without the cookie check; prints a banner and
// `TF_REATTACH_PROVIDERS='{...}'` on stdout and serves until SIGINT/SIGTERM.
// Other arguments: usage on stderr, returns 2. Start-up failures: logged,
// returns 1.
//
// Logs go through base/logging.h (JSON lines on stderr).
// `provider` is not owned and must outlive the call; its handlers are called
// concurrently from gRPC threads.
#ifndef POLYBACKUP_TFPLUGIN_SERVER_SERVE_H_
#define POLYBACKUP_TFPLUGIN_SERVER_SERVE_H_

#include <functional>
#include <string>

#include "tfplugin/proto/tfplugin6.grpc.pb.h"

namespace polybackup::tfplugin {

struct ServeOptions {
  // Source address Terraform knows the provider by (used in -debug output).
  std::string provider_address = "registry.terraform.io/polybackup/polybackup";
  // Printed by -version and logged at start.
  std::string version = "0.0.0-dev";
  // Executable name, e.g. "terraform-provider-polybackup" (logs, usage text).
  std::string binary_name = "terraform-provider-polybackup";
  // Runs on the main thread when a stop was requested, before the server
  // stops accepting calls: cancel in-flight work here so it ends within the
  // 1 s grace period. May be empty.
  std::function<void()> on_shutdown;
};

int ServeMain(int argc, char** argv, const ServeOptions& options,
              tfplugin6::Provider::Service* provider);

}  // namespace polybackup::tfplugin

#endif  // POLYBACKUP_TFPLUGIN_SERVER_SERVE_H_
