#include "acceptance/harness/terraform.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace polybackup::acceptance {
namespace fs = std::filesystem;
namespace {

std::string TerraformPath() {
  const char* p = std::getenv("TF_ACC_TERRAFORM_PATH");
  return (p && *p) ? p : "terraform";
}

std::string ProviderDir() {
  const char* p = std::getenv("POLYBACKUP_PROVIDER_DIR");
  return (p && *p) ? p : fs::current_path().string();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace

std::optional<MirroredProvider> FindInMirror(const std::string& mirror, const std::string& source) {
  const fs::path dir = fs::path(mirror) / "registry.terraform.io" / source;
  const std::string prefix = "terraform-provider-" + source.substr(source.find('/') + 1);
  std::error_code ec;
  std::optional<MirroredProvider> best;
  for (const auto& version : fs::directory_iterator(dir, ec)) {
    for (const auto& f : fs::directory_iterator(version.path() / "linux_amd64", ec)) {
      const std::string v = version.path().filename().string();
      if (f.path().filename().string().rfind(prefix, 0) != 0 || (best && v <= best->version)) {
        continue;
      }
      best = MirroredProvider{v, f.path().string()};
    }
  }
  return best;
}

bool TerraformAvailable() {
  ProcessOptions opts;
  opts.timeout = std::chrono::seconds(30);
  return RunProcess({TerraformPath(), "version"}, opts).exit_code == 0;
}

Workspace::Workspace(std::map<std::string, std::string> env)
    : Workspace(WorkspaceOptions{.env = std::move(env)}) {}

Workspace::Workspace(WorkspaceOptions options)
    : env_(std::move(options.env)), providers_(std::move(options.providers)) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/polybackup-acc-XXXXXX";
  dir_ = mkdtemp(pattern.data()) ? pattern : "";
  cli_config_ = dir_ + "/.terraformrc";
  // dev_overrides replaces registry installation for our provider only; both
  // the short and the fully qualified source are mapped so either spelling in
  // a configuration resolves to the binary under test. Extra providers come
  // from the mirror, never the network.
  std::string mirror, exclude;
  if (!providers_.empty()) {
    std::string include;
    for (const ExtraProvider& p : providers_) {
      include +=
          std::string(include.empty() ? "" : ", ") + "\"registry.terraform.io/" + p.source + "\"";
    }
    mirror = "  filesystem_mirror {\n    path    = \"" + options.mirror + "\"\n    include = [" +
             include + "]\n  }\n";
    exclude = "    exclude = [" + include + "]\n";
  }
  WriteFile(cli_config_,
            "provider_installation {\n"
            "  dev_overrides {\n"
            "    \"polybackup/polybackup\" = \"" +
                (options.polybackup_dir.empty() ? ProviderDir() : options.polybackup_dir) +
                "\"\n  }\n" + mirror + "  direct {\n" + exclude + "  }\n}\n");
  if (!providers_.empty()) {
    // `terraform init` would look polybackup up in the registry (dev_overrides
    // are not for init): install the others with a requirements file that
    // names only them, then add polybackup, which needs no lock entry.
    WriteRequiredProviders(/*with_polybackup=*/false);
    init_ = Run({"init", "-input=false", "-no-color"});
  }
  WriteRequiredProviders(options.with_polybackup);
}

void Workspace::WriteRequiredProviders(bool with_polybackup) {
  std::string body;
  if (with_polybackup) body += "    polybackup = { source = \"polybackup/polybackup\" }\n";
  for (const ExtraProvider& p : providers_) {
    body += "    " + p.local_name + " = { source = \"" + p.source + "\", version = \"" + p.version +
            "\" }\n";
  }
  WriteFile(fs::path(dir_) / "terraform.tf",
            "terraform {\n  required_providers {\n" + body + "  }\n}\n");
}

Workspace::~Workspace() {
  if (std::getenv("POLYBACKUP_KEEP_WORKSPACES") == nullptr && !dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

void Workspace::SetConfig(const std::string& hcl) { WriteFile(fs::path(dir_) / "main.tf", hcl); }

ProcessResult Workspace::Run(const std::vector<std::string>& args, const std::string& stdin_data) {
  ProcessOptions opts = RunOptions();
  opts.stdin_data = stdin_data;
  return RunProcess(Argv(args), opts);
}

std::unique_ptr<GroupProcess> Workspace::Start(const std::vector<std::string>& args) {
  return std::make_unique<GroupProcess>(Argv(args), RunOptions());
}

std::vector<std::string> Workspace::Argv(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {TerraformPath()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

ProcessOptions Workspace::RunOptions() const {
  ProcessOptions opts;
  opts.working_dir = dir_;
  opts.env = env_;
  opts.env["TF_CLI_CONFIG_FILE"] = cli_config_;
  opts.env["CHECKPOINT_DISABLE"] = "1";
  opts.env["TF_IN_AUTOMATION"] = "1";
  opts.env["TF_INPUT"] = "0";
  // The user's own overrides or reattach settings must not leak into tests.
  opts.unset_env = {"TF_REATTACH_PROVIDERS", "TF_CLI_ARGS",  "TF_CLI_ARGS_plan",
                    "TF_CLI_ARGS_apply",     "TF_WORKSPACE", "TF_DATA_DIR"};
  return opts;
}

ProcessResult Workspace::Apply(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"apply", "-auto-approve", "-no-color", "-input=false"};
  args.insert(args.end(), extra.begin(), extra.end());
  return Run(args);
}

ProcessResult Workspace::Destroy() {
  return Run({"destroy", "-auto-approve", "-no-color", "-input=false"});
}

ProcessResult Workspace::Plan(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"plan", "-detailed-exitcode", "-no-color", "-input=false"};
  args.insert(args.end(), extra.begin(), extra.end());
  return Run(args);
}

ProcessResult Workspace::Import(const std::string& address, const std::string& id) {
  return Run({"import", "-no-color", "-input=false", address, id});
}

ProcessResult Workspace::Validate() { return Run({"validate", "-no-color"}); }

nlohmann::json Workspace::State() {
  ProcessResult r = Run({"show", "-json", "-no-color"});
  if (r.exit_code != 0) return nlohmann::json();
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::optional<nlohmann::json> Workspace::Resource(const std::string& address) {
  return FindResource(State(), address);
}

nlohmann::json Workspace::PlanJson(const std::vector<std::string>& extra) {
  SavedPlan plan = PlanSaved(extra);
  if (plan.json.is_null()) return nlohmann::json();
  return plan.json.value("resource_changes", nlohmann::json::array());
}

Workspace::SavedPlan Workspace::PlanSaved(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"plan", "-detailed-exitcode", "-no-color", "-input=false",
                                   "-out=tfplan.bin"};
  args.insert(args.end(), extra.begin(), extra.end());
  SavedPlan plan{Run(args), nlohmann::json()};
  if (plan.run.exit_code != 0 && plan.run.exit_code != 2) return plan;
  ProcessResult shown = Run({"show", "-json", "-no-color", "tfplan.bin"});
  auto j = nlohmann::json::parse(shown.out, nullptr, false);
  plan.json = j.is_discarded() ? nlohmann::json::object() : j;
  return plan;
}

std::optional<nlohmann::json> FindResource(const nlohmann::json& state,
                                           const std::string& address) {
  const auto* module = state.contains("values") && state["values"].contains("root_module")
                           ? &state["values"]["root_module"]
                           : nullptr;
  if (module == nullptr || !module->contains("resources")) return std::nullopt;
  for (const auto& r : (*module)["resources"]) {
    if (r.value("address", "") == address) return r["values"];
  }
  return std::nullopt;
}

std::string Describe(const ProcessResult& r) {
  // stderr first: it holds Terraform's errors, and CTest cuts long output
  // (a plan of a thousand resources on stdout) at the end.
  return "exit code " + std::to_string(r.exit_code) + (r.timed_out ? " (timed out)" : "") +
         "\n--- stderr ---\n" + r.err + "\n--- stdout ---\n" + r.out;
}

std::optional<nlohmann::json> AttrPath(const nlohmann::json& values, const std::string& path) {
  const nlohmann::json* cur = &values;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string step =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur->is_object()) {
      if (!cur->contains(step)) return std::nullopt;
      cur = &(*cur)[step];
    } else if (cur->is_array()) {
      char* end = nullptr;
      unsigned long idx = std::strtoul(step.c_str(), &end, 10);
      if (end == step.c_str() || *end != '\0' || idx >= cur->size()) return std::nullopt;
      cur = &(*cur)[idx];
    } else {
      return std::nullopt;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *cur;
}

ProcessResult Workspace::Console(const std::string& expression) {
  return Run({"console", "-no-color"}, expression + "\n");
}

}  // namespace polybackup::acceptance
