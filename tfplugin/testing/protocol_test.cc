// End-to-end tests of the go-plugin launch contract against the stub provider
// (ServeMain + the generated base service), driven like Terraform drives a
// provider: environment, handshake line, AutoMTLS, Shutdown, signals.
#include <doctest/doctest.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "nlohmann/json.hpp"
#include "tfplugin/testing/plugin_client.h"

namespace polybackup::tfplugin::testing {
namespace {

using std::chrono::milliseconds;
using Health = grpc::health::v1::HealthCheckResponse;

const std::string kStub = TFPLUGIN_STUB_PROVIDER;

std::unique_ptr<PluginClient> MustLaunch(const LaunchOptions& options = {}) {
  auto client = PluginClient::Launch(kStub, options);
  REQUIRE_MESSAGE(client.ok(), client.status().ToString());
  return *std::move(client);
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string Dirname(const std::string& path) { return path.substr(0, path.rfind('/')); }

int ExitCode(std::optional<int> status) {
  REQUIRE(status.has_value());
  REQUIRE(WIFEXITED(*status));
  return WEXITSTATUS(*status);
}

TEST_CASE("without the magic cookie the binary refuses to run") {
  LaunchOptions o;
  o.with_cookie = false;
  o.expect_handshake = false;
  auto client = MustLaunch(o);
  CHECK(ExitCode(client->WaitForExit(milliseconds(10000))) == 1);
  CHECK(client->StderrSoFar().find("This binary is a plugin") != std::string::npos);
  CHECK(client->StdoutSoFar().empty());
}

TEST_CASE("handshake line format and server certificate") {
  auto client = MustLaunch();
  const std::string& line = client->handshake_text();
  CHECK(std::count(line.begin(), line.end(), '|') == 5);
  CHECK(line.find('=') == std::string::npos);
  CHECK(line.back() == '\n');
  const HandshakeLine& h = client->handshake();
  CHECK(h.core_version == 1);
  CHECK(h.app_version == 6);
  CHECK(h.network == "unix");
  CHECK(h.protocol == "grpc");
  CHECK(Exists(h.address));
  struct stat st;
  REQUIRE(stat(Dirname(h.address).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);

  const auto* p = reinterpret_cast<const unsigned char*>(h.cert_der.data());
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(h.cert_der.size()));
  REQUIRE(cert != nullptr);
  CHECK(X509_check_host(cert, "localhost", 0, 0, nullptr) == 1);
  X509_free(cert);
  MESSAGE("exec -> handshake: ",
          std::chrono::duration_cast<std::chrono::microseconds>(client->handshake_time()).count(),
          " us");
}

TEST_CASE("health service reports plugin SERVING over mutual TLS") {
  auto client = MustLaunch();
  auto status = CheckHealth(client->health(), "plugin");
  REQUIRE_MESSAGE(status.ok(), status.status().ToString());
  CHECK(*status == Health::SERVING);
  // The server as a whole too; any other service is unknown, as with gRPC's
  // default health service.
  auto overall = CheckHealth(client->health(), "");
  REQUIRE(overall.ok());
  CHECK(*overall == Health::SERVING);
  CHECK(CheckHealth(client->health(), "other").status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("the provider service is registered; the base class answers UNIMPLEMENTED") {
  auto client = MustLaunch();
  for (bool metadata : {false, true}) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + milliseconds(5000));
    grpc::Status s;
    if (metadata) {
      tfplugin6::GetProviderMetadata::Response resp;
      s = client->provider().GetMetadata(&ctx, {}, &resp);
    } else {
      tfplugin6::GetProviderSchema::Response resp;
      s = client->provider().GetProviderSchema(&ctx, {}, &resp);
    }
    CHECK(s.error_code() == grpc::StatusCode::UNIMPLEMENTED);
  }
}

TEST_CASE("requests larger than gRPC's 4 MiB default are accepted (256 MiB limit)") {
  auto client = MustLaunch();
  tfplugin6::ValidateProviderConfig::Request req;
  req.mutable_config()->set_msgpack(std::string(6 << 20, 'x'));
  tfplugin6::ValidateProviderConfig::Response resp;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + milliseconds(10000));
  grpc::Status s = client->provider().ValidateProviderConfig(&ctx, req, &resp);
  // The message was received and dispatched to the (unimplemented) handler
  // instead of being refused with RESOURCE_EXHAUSTED.
  CHECK(s.error_code() == grpc::StatusCode::UNIMPLEMENTED);
}

TEST_CASE("an unparseable PLUGIN_CLIENT_CERT stops the server before the handshake") {
  LaunchOptions o;
  o.auto_mtls = false;
  o.expect_handshake = false;
  o.env = {{"PLUGIN_CLIENT_CERT", "not a certificate"}, {"TF_LOG", "ERROR"}};
  auto client = MustLaunch(o);
  CHECK(ExitCode(client->WaitForExit(milliseconds(10000))) == 1);
  CHECK(client->StdoutSoFar().empty());
  CHECK(client->StderrSoFar().find("PLUGIN_CLIENT_CERT") != std::string::npos);
}

TEST_CASE("protocol 6 is answered whatever order the client offers") {
  for (const char* offered : {"5,6", "6,5", "5"}) {
    CAPTURE(offered);
    LaunchOptions o;
    o.protocol_versions = offered;
    auto client = MustLaunch(o);
    CHECK(client->handshake().app_version == 6);
    auto status = CheckHealth(client->health(), "plugin");
    CHECK(status.ok());
  }
}

TEST_CASE(
    "a client certificate other than PLUGIN_CLIENT_CERT, or none, is refused at the TLS layer") {
  struct Client {
    bool untrusted, no_cert;
    const char* reason;  // what the server's TLS stack says
  };
  for (const Client c : {Client{true, false, "certificate verify failed"},
                         Client{false, true, "peer did not return a certificate"}}) {
    CAPTURE(c.reason);
    LaunchOptions o;
    o.present_untrusted_cert = c.untrusted;
    o.present_no_cert = c.no_cert;
    o.env = {{"TF_LOG", "ERROR"}};
    auto client = MustLaunch(o);
    auto status = CheckHealth(client->health(), "plugin", milliseconds(3000));
    REQUIRE_FALSE(status.ok());
    CHECK(status.status().code() == absl::StatusCode::kUnavailable);
    // The server's TLS stack refused the client, and gRPC's own message
    // reached stderr as an hclog JSON line, not as plain text.
    std::string logged;
    for (int i = 0; i < 300 && logged.find(c.reason) == std::string::npos; ++i) {
      std::this_thread::sleep_for(milliseconds(10));
      logged = client->StderrSoFar();
    }
    INFO(logged);
    CHECK(logged.find(R"("@level":"error","@message":"grpc: Handshake failed)") !=
          std::string::npos);
    CHECK(logged.find(c.reason) != std::string::npos);
    // The server is unharmed and keeps serving.
    CHECK_FALSE(client->WaitForExit(milliseconds(0)).has_value());
  }
}

TEST_CASE("with AutoMTLS on, a plaintext client cannot talk to the server") {
  auto client = MustLaunch();
  auto channel = ConnectPlaintext(client->handshake().network, client->handshake().address);
  auto stub = grpc::health::v1::Health::NewStub(channel);
  CHECK_FALSE(CheckHealth(*stub, "plugin", milliseconds(3000)).ok());
}

TEST_CASE("without PLUGIN_CLIENT_CERT the server is plaintext with an empty cert field") {
  LaunchOptions o;
  o.auto_mtls = false;
  auto client = MustLaunch(o);
  CHECK(client->handshake().cert_der.empty());
  CHECK(client->handshake_text().size() > 2);
  CHECK(client->handshake_text().substr(client->handshake_text().size() - 2) == "|\n");
  auto status = CheckHealth(client->health(), "plugin");
  REQUIRE(status.ok());
  CHECK(*status == Health::SERVING);
}

TEST_CASE("Shutdown RPC: on_shutdown runs, process exits 0, socket directory removed") {
  auto client = MustLaunch();
  std::string socket = client->handshake().address;
  REQUIRE(CheckHealth(client->health(), "plugin").ok());
  auto sent = std::chrono::steady_clock::now();
  // Shutdown RPC, then close the connection, as go-plugin's Kill() does.
  CHECK(client->Shutdown().ok());
  // go-plugin SIGKILLs a plugin that has not exited 2 s after Shutdown.
  CHECK(ExitCode(client->WaitForExit(milliseconds(2000))) == 0);
  MESSAGE(
      "Shutdown -> exit: ",
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - sent)
          .count(),
      " us");
  CHECK(client->StderrSoFar().find("on_shutdown called") != std::string::npos);
  CHECK_FALSE(Exists(socket));
  CHECK_FALSE(Exists(Dirname(socket)));
  // Nothing but the handshake line ever reached stdout: the stub's stray
  // printf in on_shutdown was diverted to stderr.
  CHECK(client->StdoutSoFar() == client->handshake_text());
  CHECK(client->StderrSoFar().find("stray stdout write") != std::string::npos);
}

TEST_CASE("a crashing provider still removes its socket directory") {
  LaunchOptions o;
  o.env = {{"TFPLUGIN_STUB_ABORT_ON_SHUTDOWN", "1"}};
  auto client = MustLaunch(o);
  std::string socket = client->handshake().address;
  REQUIRE(Exists(socket));
  client->Shutdown();  // the stub aborts in on_shutdown
  auto status = client->WaitForExit(milliseconds(5000));
  REQUIRE(status.has_value());
  REQUIRE(WIFSIGNALED(*status));
  CHECK(WTERMSIG(*status) == SIGABRT);  // the crash still ends the process as a crash
  CHECK_FALSE(Exists(socket));
  CHECK_FALSE(Exists(Dirname(socket)));
}

TEST_CASE("SIGINT is ignored; SIGTERM stops the server cleanly") {
  auto client = MustLaunch();
  std::string socket = client->handshake().address;
  REQUIRE(client->Signal(SIGINT));
  // The process keeps serving after the interrupt.
  auto status = CheckHealth(client->health(), "plugin");
  CHECK(status.ok());
  CHECK_FALSE(client->WaitForExit(milliseconds(100)).has_value());

  REQUIRE(client->Signal(SIGTERM));
  CHECK(ExitCode(client->WaitForExit(milliseconds(5000))) == 0);
  CHECK_FALSE(Exists(Dirname(socket)));
}

TEST_CASE("the socket directory is private whatever the umask: 0700, owned by this user") {
  const mode_t before = umask(0);  // the child inherits the most permissive umask
  auto client = MustLaunch();
  umask(before);
  const std::string dir = Dirname(client->handshake().address);
  struct stat st;
  REQUIRE(lstat(dir.c_str(), &st) == 0);
  CHECK(S_ISDIR(st.st_mode));  // not a symlink planted by someone else
  CHECK((st.st_mode & 07777) == 0700);
  CHECK(st.st_uid == getuid());
  // The server still answers through it.
  CHECK(CheckHealth(client->health(), "plugin").ok());
}

TEST_CASE("the socket directory honours PLUGIN_UNIX_SOCKET_DIR, then TMPDIR") {
  std::string base = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
  std::string a = base + "/polybackup-sockdir-a", b = base + "/polybackup-sockdir-b";
  mkdir(a.c_str(), 0700);
  mkdir(b.c_str(), 0700);
  {
    LaunchOptions o;
    o.env = {{"PLUGIN_UNIX_SOCKET_DIR", a}, {"TMPDIR", b}};
    auto client = MustLaunch(o);
    CHECK(client->handshake().address.rfind(a + "/plugin-", 0) == 0);
  }
  {
    LaunchOptions o;
    o.env = {{"TMPDIR", b}};
    auto client = MustLaunch(o);
    CHECK(client->handshake().address.rfind(b + "/plugin-", 0) == 0);
  }
  // Both servers removed their directories on the way out.
  CHECK(rmdir(a.c_str()) == 0);
  CHECK(rmdir(b.c_str()) == 0);
}

TEST_CASE("the socket falls back to TCP in the port range when the path is too long") {
  std::string base = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                     "/polybackup-long-" + std::string(90, 'x');
  mkdir(base.c_str(), 0700);
  LaunchOptions o;
  o.env = {
      {"PLUGIN_UNIX_SOCKET_DIR", base}, {"PLUGIN_MIN_PORT", "23000"}, {"PLUGIN_MAX_PORT", "23100"}};
  auto client = MustLaunch(o);
  CHECK(client->handshake().network == "tcp");
  CHECK(client->handshake().address.rfind("127.0.0.1:", 0) == 0);
  int port = std::atoi(client->handshake().address.substr(10).c_str());
  CHECK(port >= 23000);
  CHECK(port <= 23100);
  CHECK(CheckHealth(client->health(), "plugin").ok());
  client.reset();
  rmdir(base.c_str());  // empty: the too-long socket directory was removed
  CHECK_FALSE(Exists(base));
}

TEST_CASE("-version prints the version and exits 0") {
  LaunchOptions o;
  o.args = {"-version"};
  o.with_cookie = false;
  o.expect_handshake = false;
  auto client = MustLaunch(o);
  CHECK(ExitCode(client->WaitForExit(milliseconds(10000))) == 0);
  CHECK(client->StdoutSoFar() == "0.0.0-stub\n");
}

TEST_CASE("an unknown flag prints usage and exits 2") {
  LaunchOptions o;
  o.args = {"-bogus"};
  o.expect_handshake = false;
  auto client = MustLaunch(o);
  CHECK(ExitCode(client->WaitForExit(milliseconds(10000))) == 2);
  CHECK(client->StdoutSoFar().empty());
}

TEST_CASE("-debug started as a shell background job (SIGINT ignored) still stops on SIGINT") {
  LaunchOptions o;
  o.args = {"-debug"};
  o.with_cookie = false;
  o.auto_mtls = false;
  o.expect_handshake = false;
  o.inherit_ignored_sigint = true;
  auto client = MustLaunch(o);
  REQUIRE(client->ReadStdoutLine(milliseconds(15000)).ok());  // banner: server is up
  REQUIRE(client->Signal(SIGINT));
  CHECK(ExitCode(client->WaitForExit(milliseconds(5000))) == 0);
}

TEST_CASE("-debug prints TF_REATTACH_PROVIDERS that Terraform can attach with") {
  LaunchOptions o;
  o.args = {"-debug"};
  o.with_cookie = false;
  o.auto_mtls = false;
  o.expect_handshake = false;
  auto client = MustLaunch(o);
  std::string reattach;
  while (reattach.empty()) {
    auto line = client->ReadStdoutLine(milliseconds(15000));
    REQUIRE_MESSAGE(line.ok(), line.status().ToString(), " stderr: ", client->StderrSoFar());
    const std::string prefix = "\tTF_REATTACH_PROVIDERS='";
    if (line->rfind(prefix, 0) == 0 && line->back() == '\'') {
      reattach = line->substr(prefix.size(), line->size() - prefix.size() - 1);
    }
  }
  CHECK(client->StdoutSoFar().rfind("Provider started.", 0) == 0);
  auto json = nlohmann::json::parse(reattach);
  auto& entry = json.at("registry.terraform.io/polybackup/stub");
  CHECK(entry.at("Protocol") == "grpc");
  CHECK(entry.at("ProtocolVersion") == 6);
  CHECK(entry.at("Pid") == client->pid());
  CHECK(entry.at("Test") == true);
  std::string network = entry.at("Addr").at("Network");
  std::string address = entry.at("Addr").at("String");
  CHECK(network == "unix");

  // What Terraform's unmanaged provider factory does: plaintext, no cookie.
  auto stub = grpc::health::v1::Health::NewStub(ConnectPlaintext(network, address));
  auto status = CheckHealth(*stub, "plugin");
  REQUIRE_MESSAGE(status.ok(), status.status().ToString());
  CHECK(*status == Health::SERVING);

  // In debug mode Ctrl-C does stop the server.
  REQUIRE(client->Signal(SIGINT));
  CHECK(ExitCode(client->WaitForExit(milliseconds(5000))) == 0);
  CHECK_FALSE(Exists(Dirname(address)));
}

}  // namespace
}  // namespace polybackup::tfplugin::testing
