#include "tfplugin/testing/plugin_client.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/server/certificate.h"

extern char** environ;

namespace polybackup::tfplugin::testing {
namespace {

// Variables go-plugin's client sets; inherited copies are dropped so the
// test controls them completely.
bool IsPluginVariable(const std::string& name) {
  return name == kMagicCookieKey || name.rfind("PLUGIN_", 0) == 0;
}

std::vector<std::string> BuildEnvironment(const LaunchOptions& options,
                                          const std::string& client_cert_pem) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string name = entry.substr(0, eq);
    if (!IsPluginVariable(name)) env[name] = entry.substr(eq + 1);
  }
  if (options.with_cookie) env[std::string(kMagicCookieKey)] = std::string(kMagicCookieValue);
  env["PLUGIN_PROTOCOL_VERSIONS"] = options.protocol_versions;
  env["PLUGIN_MIN_PORT"] = "10000";
  env["PLUGIN_MAX_PORT"] = "25000";
  if (!client_cert_pem.empty()) env["PLUGIN_CLIENT_CERT"] = client_cert_pem;
  for (const auto& [k, v] : options.env) env[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

struct PluginClient::Impl {
  mutable std::mutex mu;
  std::condition_variable cv;
  std::string out, err;
  size_t out_cursor = 0;
  bool out_eof = false, err_eof = false;
  std::optional<std::chrono::steady_clock::time_point> first_line_at;
  std::thread out_reader, err_reader;
  std::optional<int> exit_status;

  void Pump(int fd, bool is_stdout) {
    char buf[4096];
    while (true) {
      ssize_t n = read(fd, buf, sizeof(buf));
      if (n < 0 && errno == EINTR) continue;
      auto now = std::chrono::steady_clock::now();
      std::lock_guard<std::mutex> lock(mu);
      if (n <= 0) {
        (is_stdout ? out_eof : err_eof) = true;
        cv.notify_all();
        break;
      }
      std::string& target = is_stdout ? out : err;
      target.append(buf, static_cast<size_t>(n));
      if (is_stdout && !first_line_at && target.find('\n') != std::string::npos) {
        first_line_at = now;
      }
      cv.notify_all();
    }
    close(fd);
  }
};

PluginClient::PluginClient() : impl_(std::make_unique<Impl>()) {}

PluginClient::~PluginClient() {
  CloseChannel();
  if (pid_ > 0 && !impl_->exit_status) {
    // A SIGKILLed server leaves its socket directory behind; ask nicely first.
    kill(pid_, SIGTERM);
    if (!WaitForExit(std::chrono::milliseconds(3000)).has_value()) {
      kill(pid_, SIGKILL);
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  if (impl_->out_reader.joinable()) impl_->out_reader.join();
  if (impl_->err_reader.joinable()) impl_->err_reader.join();
}

absl::StatusOr<std::unique_ptr<PluginClient>> PluginClient::Launch(const std::string& binary,
                                                                   const LaunchOptions& options) {
  std::unique_ptr<PluginClient> client(new PluginClient());
  Certificate presented;
  if (options.auto_mtls) {
    // Terraform's client key: ECDSA P-521, ECDSA-SHA512.
    absl::StatusOr<Certificate> cert = GenerateSelfSignedCertificate({.curve = EcCurve::kP521});
    if (!cert.ok()) return cert.status();
    client->client_cert_pem_ = cert->certificate_pem;
    presented = *cert;
    if (options.present_untrusted_cert) {
      absl::StatusOr<Certificate> other = GenerateSelfSignedCertificate({.curve = EcCurve::kP521});
      if (!other.ok()) return other.status();
      presented = *other;
    }
  }

  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", std::strerror(errno)));
  }
  std::vector<std::string> env = BuildEnvironment(options, client->client_cert_pem_);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args{binary};
  args.insert(args.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  // The test process may block or ignore signals (ctest, gRPC threads); the
  // child starts like a freshly exec'd Terraform child: nothing blocked,
  // default dispositions.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t empty, defaults;
  sigemptyset(&empty);
  sigemptyset(&defaults);
  if (!options.inherit_ignored_sigint) sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  auto started = std::chrono::steady_clock::now();
  pid_t pid = -1;
  // posix_spawn can reset dispositions to default but not set SIG_IGN: the
  // child inherits an ignored SIGINT from this process for the moment of the
  // spawn.
  struct sigaction ignore {
  }, saved{};
  ignore.sa_handler = SIG_IGN;
  if (options.inherit_ignored_sigint) sigaction(SIGINT, &ignore, &saved);
  int rc = posix_spawn(&pid, binary.c_str(), &actions, &attr, argv.data(), envp.data());
  if (options.inherit_ignored_sigint) sigaction(SIGINT, &saved, nullptr);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return absl::InternalError(absl::StrCat("posix_spawn ", binary, ": ", std::strerror(rc)));
  }
  client->pid_ = pid;
  client->started_at_ = started;
  Impl* impl = client->impl_.get();
  impl->out_reader = std::thread([impl, fd = out_pipe[0]] { impl->Pump(fd, true); });
  impl->err_reader = std::thread([impl, fd = err_pipe[0]] { impl->Pump(fd, false); });
  if (!options.expect_handshake) return client;

  absl::StatusOr<std::string> line = client->ReadStdoutLine(options.handshake_timeout);
  if (!line.ok()) {
    return absl::Status(line.status().code(),
                        absl::StrCat("no handshake line: ", line.status().message(),
                                     "; stderr: ", client->StderrSoFar()));
  }
  {
    std::lock_guard<std::mutex> lock(impl->mu);
    client->handshake_time_ = *impl->first_line_at - started;
  }
  client->handshake_text_ = *line + "\n";
  absl::StatusOr<HandshakeLine> parsed = ParseHandshakeLine(*line);
  if (!parsed.ok()) return parsed.status();
  client->handshake_ = *parsed;

  std::string target = parsed->network == "unix" ? "unix:" + parsed->address : parsed->address;
  if (options.auto_mtls) {
    absl::StatusOr<std::string> root = CertificateDerToPem(parsed->cert_der);
    if (!root.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("handshake certificate: ", root.status().message()));
    }
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *root;
    if (!options.present_no_cert) {
      ssl.pem_private_key = presented.private_key_pem;
      ssl.pem_cert_chain = presented.certificate_pem;
    }
    grpc::ChannelArguments args;
    // The server certificate names only "localhost" (go-plugin's ServerName).
    args.SetSslTargetNameOverride("localhost");
    args.SetMaxReceiveMessageSize(-1);
    client->channel_ = grpc::CreateCustomChannel(target, grpc::SslCredentials(ssl), args);
  } else {
    client->channel_ = ConnectPlaintext(parsed->network, parsed->address);
  }
  client->provider_ = tfplugin6::Provider::NewStub(client->channel_);
  client->controller_ = plugin::GRPCController::NewStub(client->channel_);
  client->health_ = grpc::health::v1::Health::NewStub(client->channel_);
  return client;
}

absl::StatusOr<std::string> PluginClient::ReadStdoutLine(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(impl_->mu);
  size_t nl = std::string::npos;
  bool ready = impl_->cv.wait_for(lock, timeout, [&] {
    nl = impl_->out.find('\n', impl_->out_cursor);
    return nl != std::string::npos || impl_->out_eof;
  });
  if (!ready) return absl::DeadlineExceededError("timed out waiting for a stdout line");
  if (nl == std::string::npos) return absl::NotFoundError("stdout closed");
  std::string line = impl_->out.substr(impl_->out_cursor, nl - impl_->out_cursor);
  impl_->out_cursor = nl + 1;
  return line;
}

std::string PluginClient::StdoutSoFar() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->out;
}

std::string PluginClient::StderrSoFar() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->err;
}

std::optional<int> PluginClient::WaitForExit(std::chrono::milliseconds timeout) {
  if (impl_->exit_status) return impl_->exit_status;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      impl_->exit_status = status;
      // Let the readers drain what the child wrote before it exited.
      std::unique_lock<std::mutex> lock(impl_->mu);
      impl_->cv.wait_for(lock, std::chrono::seconds(2),
                         [this] { return impl_->out_eof && impl_->err_eof; });
      return status;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

grpc::Status PluginClient::Shutdown() {
  grpc::Status status;
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    plugin::Empty resp;
    status = controller_->Shutdown(&ctx, plugin::Empty(), &resp);
  }
  CloseChannel();
  return status;
}

void PluginClient::CloseChannel() {
  health_.reset();
  controller_.reset();
  provider_.reset();
  channel_.reset();
}

bool PluginClient::Signal(int sig) const {
  return pid_ > 0 && !impl_->exit_status && kill(pid_, sig) == 0;
}

std::shared_ptr<grpc::Channel> ConnectPlaintext(const std::string& network,
                                                const std::string& address) {
  std::string target = network == "unix" ? "unix:" + address : address;
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus> CheckHealth(
    grpc::health::v1::Health::Stub& stub, const std::string& service,
    std::chrono::milliseconds timeout) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + timeout);
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status s = stub.Check(&ctx, req, &resp);
  if (!s.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                        absl::StrCat("health check: ", s.error_message()));
  }
  return resp.status();
}

}  // namespace polybackup::tfplugin::testing
