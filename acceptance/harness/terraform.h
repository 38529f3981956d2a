// Driving the real Terraform CLI against the built provider, the way
// HashiCorp's terraform-plugin-testing does: a fresh working directory per
// test, a CLI config whose dev_overrides point at the build directory, and
// each step a real `terraform` command whose output and JSON we inspect.
//
// The binary is found through POLYBACKUP_PROVIDER_DIR (set by CMake for the
// acceptance tests) and the CLI through TF_ACC_TERRAFORM_PATH or PATH.
#ifndef POLYBACKUP_ACCEPTANCE_HARNESS_TERRAFORM_H_
#define POLYBACKUP_ACCEPTANCE_HARNESS_TERRAFORM_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "acceptance/harness/process.h"

namespace polybackup::acceptance {

// True when a Terraform CLI can be run here (tests skip themselves otherwise,
// saying so).
bool TerraformAvailable();

// A provider besides polybackup that a workspace needs (e.g. hashicorp/aws,
// to move its objects to polybackup), installed from a filesystem mirror.
struct ExtraProvider {
  std::string local_name;  // "aws"
  std::string source;      // "hashicorp/aws"
  std::string version;     // "5.100.0"
};

// A provider found in an unpacked filesystem mirror
// (<mirror>/registry.terraform.io/<source>/<version>/linux_amd64/).
struct MirroredProvider {
  std::string version;  // "5.100.0"
  std::string binary;   // the terraform-provider-* executable in it
};
// The newest version of `source` ("hashicorp/aws") in `mirror` that has a
// linux_amd64 binary; nullopt when there is none.
std::optional<MirroredProvider> FindInMirror(const std::string& mirror, const std::string& source);

struct WorkspaceOptions {
  // Added to every terraform run (credentials, endpoints).
  std::map<std::string, std::string> env;
  // Extra providers and the filesystem mirror (unpacked layout) they are
  // installed from by one `terraform init` when the workspace is made.
  std::vector<ExtraProvider> providers;
  std::string mirror;
  // False: the configuration does not require polybackup at all (bench/'s
  // core-only and hashicorp/aws runs), so Terraform never starts it.
  bool with_polybackup = true;
  // The directory of the polybackup binary Terraform starts; "" means
  // $POLYBACKUP_PROVIDER_DIR (bench/ points one run at the test build).
  std::string polybackup_dir;
};

class Workspace {
 public:
  // Creates a fresh directory under $TMPDIR with the CLI config and the
  // required_providers block; `env` is added to every terraform run (the
  // provider reads credentials and endpoints from it).
  explicit Workspace(std::map<std::string, std::string> env = {});
  // The same with extra providers, installed at once (see init()).
  explicit Workspace(WorkspaceOptions options);
  ~Workspace();  // removes the directory unless POLYBACKUP_KEEP_WORKSPACES is set
  // One owner per directory: a copy would remove it twice.
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  const std::string& dir() const { return dir_; }
  // The `terraform init` that installed the extra providers; nullopt when
  // there are none (polybackup itself needs no init: dev_overrides).
  const std::optional<ProcessResult>& init() const { return init_; }

  // Replaces main.tf. The `terraform { required_providers … }` block lives in
  // its own file, so configurations hold only providers and resources.
  void SetConfig(const std::string& hcl);

  // Runs `terraform <args>` in the workspace. No -input, no colour.
  ProcessResult Run(const std::vector<std::string>& args, const std::string& stdin_data = "");

  // Starts `terraform <args>` in a process group of its own and returns at
  // once: signal it as a terminal would (SIGINT for Ctrl-C), then Wait().
  std::unique_ptr<GroupProcess> Start(const std::vector<std::string>& args);

  // `terraform apply -auto-approve`; on failure the result carries the output.
  ProcessResult Apply(const std::vector<std::string>& extra = {});
  ProcessResult Destroy();
  // `terraform plan -detailed-exitcode`: exit 0 = no changes, 2 = changes.
  ProcessResult Plan(const std::vector<std::string>& extra = {});
  ProcessResult Import(const std::string& address, const std::string& id);
  ProcessResult Validate();
  // `terraform console` evaluating `expression` (one line) in the workspace's
  // configuration; the value is the output.
  ProcessResult Console(const std::string& expression);

  // `terraform show -json` of the state: the "values.root_module" resources.
  nlohmann::json State();
  // Attribute values of one resource (by address, e.g. "polybackup_x.a"), or
  // nullopt when the resource is not in state.
  std::optional<nlohmann::json> Resource(const std::string& address);
  // `terraform plan -out` + `show -json`: the resource_changes array.
  nlohmann::json PlanJson(const std::vector<std::string>& extra = {});

  // A saved plan: `plan -detailed-exitcode -out` (exit 0 = no changes, 2 =
  // changes, 1 = error), whose text failure messages show, and `show -json`
  // of it (null when planning failed). `extra` e.g. {"-refresh-only"}.
  struct SavedPlan {
    ProcessResult run;
    nlohmann::json json;
  };
  SavedPlan PlanSaved(const std::vector<std::string>& extra = {});

 private:
  void WriteRequiredProviders(bool with_polybackup);
  std::vector<std::string> Argv(const std::vector<std::string>& args) const;
  ProcessOptions RunOptions() const;

  std::string dir_;
  std::string cli_config_;
  std::map<std::string, std::string> env_;
  std::vector<ExtraProvider> providers_;
  std::optional<ProcessResult> init_;
};

// Renders a command's output for a failure message: exit code, stderr (the
// errors), then stdout.
std::string Describe(const ProcessResult& r);

// The attribute values of the resource at `address` in a `terraform show
// -json` document of the state, or nullopt when it is not there.
std::optional<nlohmann::json> FindResource(const nlohmann::json& state, const std::string& address);

// Reads an attribute by dotted path ("rule.0.name", "tags.env") from the
// attribute object `values`; nullopt if absent.
std::optional<nlohmann::json> AttrPath(const nlohmann::json& values, const std::string& path);

}  // namespace polybackup::acceptance

#endif  // POLYBACKUP_ACCEPTANCE_HARNESS_TERRAFORM_H_
