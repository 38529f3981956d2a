#include "tfplugin/server/serve.h"

#include <fcntl.h>
#include <grpc/support/log.h>
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/logging.h"
#include "tfplugin/proto/plugin.grpc.pb.h"
#include "tfplugin/server/certificate.h"
#include "tfplugin/server/handshake.h"
#include "tfplugin/server/health_service.h"
#include "tfplugin/server/listener.h"
#include "tfplugin/server/stop_signal.h"

namespace polybackup::tfplugin {
namespace {

// terraform-plugin-go's limit for both directions; gRPC C++ defaults to a
// 4 MiB receive limit, too small for large plans.
constexpr int kMaxMessageBytes = 256 << 20;
// go-plugin's client waits 2 s after Shutdown before SIGKILL; leave room for
// cleanup after the in-flight calls are cut off.
constexpr auto kGracePeriod = std::chrono::seconds(1);

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

int EnvInt(const char* name, int fallback) {
  int v = 0;
  const char* s = Env(name);
  return (s != nullptr && absl::SimpleAtoi(s, &v) && v > 0) ? v : fallback;
}

// Writes all of `text` to `fd`, retrying short writes and EINTR.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// gRPC's own diagnostics (e.g. a refused TLS handshake) would otherwise be
// written to stderr as plain text, which Terraform shows as unlabelled DEBUG
// lines; route them through the hclog JSON logger instead.
void LogFromGrpc(gpr_log_func_args* args) {
  log::Level level = args->severity == GPR_LOG_SEVERITY_ERROR  ? log::Level::kError
                     : args->severity == GPR_LOG_SEVERITY_INFO ? log::Level::kDebug
                                                               : log::Level::kTrace;
  if (!log::Enabled(level)) return;
  log::Write(
      level, absl::StrCat("grpc: ", args->message != nullptr ? args->message : ""),
      {{"grpc_source", absl::StrCat(args->file != nullptr ? args->file : "?", ":", args->line)}});
}

// go-plugin's GRPCController: Shutdown only signals the main thread. Calling
// grpc::Server::Shutdown here would wait for this very call and deadlock.
class ControllerService final : public plugin::GRPCController::Service {
 public:
  explicit ControllerService(StopLatch* latch) : latch_(latch) {}
  grpc::Status Shutdown(grpc::ServerContext*, const plugin::Empty*, plugin::Empty*) override {
    log::Debug("plugin received Shutdown RPC");
    latch_->Trigger(StopReason::kShutdownRpc);
    return grpc::Status::OK;
  }

 private:
  StopLatch* latch_;
};

struct Endpoint {
  std::string network;  // "unix" or "tcp"
  std::string address;  // socket path or 127.0.0.1:port
  std::string grpc_uri;
  std::optional<SocketDirectory> socket_dir;
};

absl::StatusOr<Endpoint> ChooseEndpoint() {
  std::string base = SocketBaseDirectory(Env("PLUGIN_UNIX_SOCKET_DIR"), Env("TMPDIR"));
  absl::StatusOr<SocketDirectory> dir = SocketDirectory::Create(base);
  if (dir.ok() && FitsInSunPath(dir->socket_path())) {
    Endpoint e{"unix", dir->socket_path(), absl::StrCat("unix:", dir->socket_path()), {}};
    e.socket_dir.emplace(*std::move(dir));
    return e;
  }
  if (!dir.ok()) {
    log::Warn("cannot create a unix socket directory, falling back to TCP",
              {{"error", std::string(dir.status().message())}});
  } else {
    log::Debug("unix socket path too long, falling back to TCP", {{"path", dir->socket_path()}});
  }
  // go-plugin's client fills in 10000/25000 when the host left them unset.
  absl::StatusOr<int> port =
      FindFreeTcpPort(EnvInt("PLUGIN_MIN_PORT", 10000), EnvInt("PLUGIN_MAX_PORT", 25000));
  if (!port.ok()) return port.status();
  std::string addr = absl::StrCat("127.0.0.1:", *port);
  return Endpoint{"tcp", addr, addr, std::nullopt};
}

struct ServerSetup {
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::string cert_der;               // empty without TLS
  const char* client_cert = nullptr;  // PLUGIN_CLIENT_CERT, with TLS
};

absl::StatusOr<ServerSetup> MakeCredentials(bool managed) {
  const char* client_cert = managed ? Env("PLUGIN_CLIENT_CERT") : nullptr;
  if (client_cert == nullptr) {
    return ServerSetup{grpc::InsecureServerCredentials(), ""};
  }
  // PLUGIN_CLIENT_CERT is not parsed here: gRPC parses it as the only
  // trusted root and refuses to start without a certificate in it
  // (LogWhyServerFailed says why). With OpenSSL 3.0 every certificate parse
  // builds a key decoder, about 0.3 ms each (bench/README.md).
  absl::StatusOr<Certificate> cert = GenerateSelfSignedCertificate({});
  if (!cert.ok()) return cert.status();
  // TLS 1.2 and 1.3 stay enabled (gRPC's defaults): capping at 1.2 breaks
  // Terraform's P-521 client certificate ("wrong curve").
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = client_cert;
  ssl.pem_key_cert_pairs.push_back({cert->private_key_pem, cert->certificate_pem});
  return ServerSetup{grpc::SslServerCredentials(ssl), cert->certificate_der, client_cert};
}

// Why BuildAndStart returned no server: a PLUGIN_CLIENT_CERT that holds no
// certificate (the usual cause, named as such), or gRPC's own reason, which
// it has logged.
void LogWhyServerFailed(const ServerSetup& setup, const Endpoint& endpoint) {
  if (setup.client_cert != nullptr) {
    if (absl::Status s = ValidateCertificatePem(setup.client_cert); !s.ok()) {
      log::Error("cannot set up TLS",
                 {{"error", absl::StrCat("PLUGIN_CLIENT_CERT: ", s.message())}});
      return;
    }
  }
  log::Error("gRPC server failed to start", {{"address", endpoint.grpc_uri}});
}

int Usage(const ServeOptions& options) {
  std::fprintf(stderr,
               "usage: %s [-version | -debug]\n"
               "  (no flags)  run as a Terraform plugin (started by Terraform)\n"
               "  -version    print the version and exit\n"
               "  -debug      serve without Terraform and print TF_REATTACH_PROVIDERS\n",
               options.binary_name.c_str());
  return 2;
}

int Serve(bool debug, const ServeOptions& options, tfplugin6::Provider::Service* provider) {
  StopLatch latch;
  SignalWatcher watcher(&latch, /*interrupt_stops=*/debug);

  // Keep the real stdout for the handshake only; everything else that writes
  // to fd 1 (a library's printf, a stray std::cout) lands on stderr, which
  // Terraform logs, instead of corrupting the handshake channel.
  int handshake_fd = debug ? STDOUT_FILENO : fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (handshake_fd < 0 || (!debug && dup2(STDERR_FILENO, STDOUT_FILENO) < 0)) {
    log::Error("cannot set up stdout", {{"error", std::strerror(errno)}});
    return 1;
  }

  if (!debug) {
    const char* offered = Env("PLUGIN_PROTOCOL_VERSIONS");
    if (!PickProtocolVersion(offered != nullptr ? offered : "").offered) {
      log::Warn("client did not offer plugin protocol 6; answering 6 anyway",
                {{"offered", offered != nullptr ? offered : ""}});
    }
  }

  absl::StatusOr<ServerSetup> setup = MakeCredentials(!debug);
  if (!setup.ok()) {
    log::Error("cannot set up TLS", {{"error", std::string(setup.status().message())}});
    return 1;
  }
  absl::StatusOr<Endpoint> endpoint = ChooseEndpoint();
  if (!endpoint.ok()) {
    log::Error("cannot choose a listen address",
               {{"error", std::string(endpoint.status().message())}});
    return 1;
  }
  if (endpoint->socket_dir.has_value()) InstallCrashCleanup(*endpoint->socket_dir);

  ControllerService controller(&latch);
  HealthService health;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(endpoint->grpc_uri, setup->credentials);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  builder.RegisterService(provider);
  builder.RegisterService(&controller);
  builder.RegisterService(&health);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) {
    LogWhyServerFailed(*setup, *endpoint);
    return 1;
  }
  if (const char* group = Env("PLUGIN_UNIX_SOCKET_GROUP");
      group != nullptr && endpoint->socket_dir.has_value()) {
    if (absl::Status s = endpoint->socket_dir->ShareWithGroup(group); !s.ok()) {
      log::Warn("cannot share the plugin socket", {{"error", std::string(s.message())}});
    }
  }

  log::Info("plugin server started", {{"version", options.version},
                                      {"network", endpoint->network},
                                      {"address", endpoint->address},
                                      {"tls", setup->cert_der.empty() ? "false" : "true"},
                                      {"debug", debug ? "true" : "false"}});
  std::string announce =
      debug ? DebugBanner(ReattachJson(options.provider_address, static_cast<long>(getpid()),
                                       endpoint->network, endpoint->address))
            : FormatHandshakeLine(endpoint->network, endpoint->address, setup->cert_der);
  if (!WriteAll(handshake_fd, announce)) {
    log::Error("cannot write the handshake line", {{"error", std::strerror(errno)}});
  }

  StopReason reason = latch.Wait();
  log::Info("plugin server stopping", {{"reason", StopReasonName(reason)}});
  if (options.on_shutdown) options.on_shutdown();
  server->Shutdown(std::chrono::system_clock::now() + kGracePeriod);
  server->Wait();
  if (endpoint->socket_dir.has_value()) endpoint->socket_dir->Remove();
  log::Debug("plugin server stopped");
  return 0;
}

}  // namespace

int ServeMain(int argc, char** argv, const ServeOptions& options,
              tfplugin6::Provider::Service* provider) {
  // Before anything can start a thread: every thread inherits this mask and
  // signals are taken only by the SignalWatcher's sigwait().
  BlockServerSignals();
  log::InitFromEnvironment();
  gpr_set_log_function(&LogFromGrpc);

  bool debug = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-version" || arg == "--version") {
      std::printf("%s\n", options.version.c_str());
      std::fflush(stdout);
      return 0;
    }
    if (arg == "-debug" || arg == "--debug") {
      debug = true;
      continue;
    }
    return Usage(options);
  }

  if (!debug) {
    const char* cookie = std::getenv(std::string(kMagicCookieKey).c_str());
    if (cookie == nullptr || kMagicCookieValue != cookie) {
      std::fwrite(kNotAPluginMessage.data(), 1, kNotAPluginMessage.size(), stderr);
      std::fflush(stderr);
      return 1;
    }
  }
  // Last resort: a start-up exception (e.g. std::bad_alloc) becomes a logged
  // error and exit 1 instead of std::terminate.
  try {
    return Serve(debug, options, provider);
  } catch (const std::exception& e) {
    log::Error("plugin server failed", {{"error", e.what()}});
  } catch (...) {
    log::Error("plugin server failed with an unknown exception");
  }
  return 1;
}

}  // namespace polybackup::tfplugin
