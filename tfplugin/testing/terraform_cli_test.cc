// The stub provider driven by the real Terraform CLI (when `terraform` is on
// PATH): proves the launch contract against go-plugin's own client, which our
// C++ test client can only imitate — TLS 1.3 with Terraform's P-521 client
// certificate, ALPN, the unpadded base64 certificate, Shutdown within 2 s —
// and the -debug reattach path. The stub answers UNIMPLEMENTED to
// GetProviderSchema, so a run that got that far had a working connection.
#include <doctest/doctest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "tfplugin/testing/plugin_client.h"

namespace polybackup::tfplugin::testing {
namespace {

const std::string kStub = TFPLUGIN_STUB_PROVIDER;

bool TerraformAvailable() { return std::system("command -v terraform >/dev/null 2>&1") == 0; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

// A scratch directory with a configuration that requires polybackup/stub.
struct Workspace {
  std::string dir;
  Workspace() {
    std::string base = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    std::string templ = base + "/polybackup-tfcli-XXXXXX";
    dir = mkdtemp(templ.data());
    mkdir((dir + "/bin").c_str(), 0700);
    mkdir((dir + "/cfg").c_str(), 0700);
    // dev_overrides looks for terraform-provider-<type> in the directory.
    REQUIRE(symlink(kStub.c_str(), (dir + "/bin/terraform-provider-stub").c_str()) == 0);
    WriteFile(dir + "/cli.tfrc",
              "provider_installation {\n"
              "  dev_overrides { \"registry.terraform.io/polybackup/stub\" = \"" +
                  dir + "/bin\" }\n  direct {}\n}\n");
    WriteFile(dir + "/cfg/main.tf",
              "terraform {\n  required_providers {\n"
              "    stub = { source = \"polybackup/stub\" }\n  }\n}\n"
              "provider \"stub\" {}\n");
  }
  ~Workspace() { std::system(("rm -rf '" + dir + "'").c_str()); }

  // Runs `terraform plan`; returns the exit status, fills output and log.
  int Plan(const std::string& extra_env, std::string* output, std::string* log) const {
    std::string cmd = "cd '" + dir + "/cfg' && env CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 " +
                      "TF_CLI_CONFIG_FILE='" + dir + "/cli.tfrc' TF_LOG=DEBUG TF_LOG_PATH='" + dir +
                      "/log.txt' " + extra_env + " terraform plan -no-color -input=false > '" +
                      dir + "/out.txt' 2>&1";
    int status = std::system(cmd.c_str());
    *output = ReadFile(dir + "/out.txt");
    *log = ReadFile(dir + "/log.txt");
    return status;
  }
};

TEST_CASE("Terraform launches the stub over AutoMTLS and shuts it down gracefully") {
  if (!TerraformAvailable()) {
    MESSAGE("terraform is not on PATH; skipped");
    return;
  }
  Workspace ws;
  std::string output, log;
  int status = ws.Plan("", &output, &log);
  CAPTURE(output);
  CHECK(status != 0);
  CHECK(output.find("Unsupported plugin method") != std::string::npos);
  CHECK(output.find("GetProviderSchema") != std::string::npos);
  CHECK(log.find("configuring client automatic mTLS") != std::string::npos);
  CHECK(log.find("using plugin: version=6") != std::string::npos);
  // Our JSON log lines were re-logged under the provider's logger.
  CHECK(log.find("plugin server started") != std::string::npos);
  CHECK(log.find("plugin process exited") != std::string::npos);
  // go-plugin SIGKILLs a plugin that is still alive 2 s after Shutdown.
  CHECK(log.find("plugin failed to exit gracefully") == std::string::npos);
}

TEST_CASE("Terraform attaches to a -debug server through TF_REATTACH_PROVIDERS") {
  if (!TerraformAvailable()) {
    MESSAGE("terraform is not on PATH; skipped");
    return;
  }
  LaunchOptions o;
  o.args = {"-debug"};
  o.with_cookie = false;
  o.auto_mtls = false;
  o.expect_handshake = false;
  auto client = PluginClient::Launch(kStub, o);
  REQUIRE(client.ok());
  std::string reattach;
  while (reattach.empty()) {
    auto line = (*client)->ReadStdoutLine(std::chrono::milliseconds(15000));
    REQUIRE(line.ok());
    const std::string prefix = "\tTF_REATTACH_PROVIDERS=";
    if (line->rfind(prefix, 0) == 0) reattach = line->substr(prefix.size());
  }
  Workspace ws;
  std::string output, log;
  // The banner's value is already single-quoted for the shell.
  int status = ws.Plan("TF_REATTACH_PROVIDERS=" + reattach, &output, &log);
  CAPTURE(output);
  CHECK(status != 0);
  CHECK(output.find("Unsupported plugin method") != std::string::npos);
  CHECK(log.find("unmanaged provider") != std::string::npos);
  // Test=true: Terraform leaves the debug server running for the next run.
  CHECK_FALSE((*client)->WaitForExit(std::chrono::milliseconds(0)).has_value());
  REQUIRE((*client)->Signal(SIGINT));
  CHECK((*client)->WaitForExit(std::chrono::milliseconds(5000)).has_value());
}

}  // namespace
}  // namespace polybackup::tfplugin::testing
