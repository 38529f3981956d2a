// A test-side go-plugin client: launches a provider binary exactly as
// Terraform does and connects to it over gRPC.
//
// Launch() builds the child environment like go-plugin's client (the magic
// cookie, PLUGIN_PROTOCOL_VERSIONS, PLUGIN_MIN_PORT/MAX_PORT and, with
// AutoMTLS, a fresh ECDSA P-521 client certificate in PLUGIN_CLIENT_CERT),
// starts the binary with stdout and stderr on pipes, reads and parses the
// handshake line, and opens a channel: TLS with the handshake certificate as
// the only root, the client key pair, and target name "localhost"; plaintext
// when AutoMTLS is off. Options reproduce the failure cases: no cookie, an
// untrusted client certificate, no AutoMTLS, extra arguments (-version,
// -debug) and environment.
//
// Test-only; not thread-safe except where noted. The destructor closes the
// connection and, if the child still runs, sends SIGTERM (so the server can
// remove its socket directory), waits up to 3 s, then SIGKILLs and reaps it.
#ifndef POLYBACKUP_TFPLUGIN_TESTING_PLUGIN_CLIENT_H_
#define POLYBACKUP_TFPLUGIN_TESTING_PLUGIN_CLIENT_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tfplugin/proto/health.grpc.pb.h"
#include "tfplugin/proto/plugin.grpc.pb.h"
#include "tfplugin/proto/tfplugin6.grpc.pb.h"
#include "tfplugin/server/handshake.h"

namespace polybackup::tfplugin::testing {

struct LaunchOptions {
  // Arguments after argv[0].
  std::vector<std::string> args;
  // Set TF_PLUGIN_MAGIC_COOKIE (Terraform always does).
  bool with_cookie = true;
  // PLUGIN_PROTOCOL_VERSIONS as Terraform would send it.
  std::string protocol_versions = "5,6";
  // Generate a client certificate, put it in PLUGIN_CLIENT_CERT and use TLS.
  bool auto_mtls = true;
  // With auto_mtls: present this certificate/key instead of the one announced
  // in PLUGIN_CLIENT_CERT (the server must refuse it).
  bool present_untrusted_cert = false;
  // With auto_mtls: connect over TLS (trusting the server) but present no
  // client certificate at all (the server must refuse).
  bool present_no_cert = false;
  // Extra environment (name, value); replaces inherited values.
  std::vector<std::pair<std::string, std::string>> env;
  // Start the child with SIGINT ignored, as a shell starts a background job
  // (`provider -debug &`).
  bool inherit_ignored_sigint = false;
  // Read and parse the handshake line and connect. False: only launch (for
  // -version, -debug, or refusal tests).
  bool expect_handshake = true;
  std::chrono::milliseconds handshake_timeout{15000};
};

class PluginClient {
 public:
  // Errors: Internal when the process cannot be started; DeadlineExceeded /
  // FailedPrecondition when no handshake arrives (the message includes the
  // child's stderr); InvalidArgument for a malformed handshake line.
  static absl::StatusOr<std::unique_ptr<PluginClient>> Launch(const std::string& binary,
                                                              const LaunchOptions& options);
  ~PluginClient();
  PluginClient(const PluginClient&) = delete;
  PluginClient& operator=(const PluginClient&) = delete;

  pid_t pid() const { return pid_; }
  // The raw first stdout line (with its '\n') and its parsed form.
  const std::string& handshake_text() const { return handshake_text_; }
  const HandshakeLine& handshake() const { return handshake_; }
  // Time from just before exec to the arrival of the handshake line.
  std::chrono::steady_clock::duration handshake_time() const { return handshake_time_; }
  // Just before exec (bench/ times later answers from it).
  std::chrono::steady_clock::time_point started_at() const { return started_at_; }
  // PEM of the certificate announced in PLUGIN_CLIENT_CERT (empty without
  // AutoMTLS).
  const std::string& client_cert_pem() const { return client_cert_pem_; }

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  tfplugin6::Provider::Stub& provider() { return *provider_; }
  plugin::GRPCController::Stub& controller() { return *controller_; }
  grpc::health::v1::Health::Stub& health() { return *health_; }

  // What go-plugin's Kill() does: calls plugin.GRPCController/Shutdown (5 s
  // deadline) and then closes the connection. The server's graceful stop
  // completes only when client connections are gone (or its grace period
  // expires), so keeping the channel open would delay the exit by ~1 s.
  // Returns the RPC's status. The stubs are unusable afterwards.
  grpc::Status Shutdown();
  // Drops the channel and stubs, closing the connection.
  void CloseChannel();

  // Next stdout line without its '\n'. NotFound at end of stream,
  // DeadlineExceeded on timeout.
  absl::StatusOr<std::string> ReadStdoutLine(std::chrono::milliseconds timeout);
  // Everything read from stdout / stderr so far. Thread-safe.
  std::string StdoutSoFar() const;
  std::string StderrSoFar() const;

  // Waits for the child to exit; returns its waitpid status, or nullopt on
  // timeout. Once reaped, returns the same status immediately.
  std::optional<int> WaitForExit(std::chrono::milliseconds timeout);
  bool Signal(int sig) const;

 private:
  struct Impl;
  PluginClient();
  std::unique_ptr<Impl> impl_;
  pid_t pid_ = -1;
  std::string handshake_text_;
  HandshakeLine handshake_;
  std::chrono::steady_clock::duration handshake_time_{};
  std::chrono::steady_clock::time_point started_at_{};
  std::string client_cert_pem_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<tfplugin6::Provider::Stub> provider_;
  std::unique_ptr<plugin::GRPCController::Stub> controller_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

// A plaintext channel to a server address as announced by a handshake or
// TF_REATTACH_PROVIDERS (network "unix" or "tcp") — how Terraform attaches
// to a -debug server.
std::shared_ptr<grpc::Channel> ConnectPlaintext(const std::string& network,
                                                const std::string& address);

// Calls grpc.health.v1.Health/Check for `service` with a deadline; returns the
// status enum value or the gRPC error.
absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus> CheckHealth(
    grpc::health::v1::Health::Stub& stub, const std::string& service,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

}  // namespace polybackup::tfplugin::testing

#endif  // POLYBACKUP_TFPLUGIN_TESTING_PLUGIN_CLIENT_H_
