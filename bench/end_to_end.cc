#include "bench/end_to_end.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "acceptance/harness/emulators.h"
#include "acceptance/harness/terraform.h"
#include "bench/e2e_configs.h"
#include "bench/proc_memory.h"

namespace polybackup::bench {
namespace {

using acceptance::Emulators;
using acceptance::ProcessResult;
using acceptance::Workspace;
using nlohmann::json;

constexpr char kProviderComm[] = "terraform-provi";  // /proc comm: 15 characters
constexpr const char* kCommands[] = {"apply", "plan", "destroy"};

struct Variant {
  const char* name;
  const char* label;
  bool aws_provider;  // needs hashicorp/aws from the mirror
  bool polybackup;    // the configuration requires polybackup
  bool test_build;    // ... and the test build of it (polybackup_test_thing)
  std::function<std::string(int, const Emulators&)> config;
};

const std::vector<Variant>& Variants() {
  static const std::vector<Variant> v = {
      {"core", "terraform_data (core only)", false, false, false,
       [](int n, const Emulators&) { return CoreOnlyConfig(n); }},
      {"floor", "test_thing (external, no cloud)", false, true, true,
       [](int n, const Emulators&) { return ExternalFloorConfig(n); }},
      {"aws", "hashicorp/aws aws_backup_plan", true, false, false, &AwsProviderConfig},
      {"polybackup", "polybackup_aws_backup_plan", false, true, false, &PolybackupAwsConfig},
      {"mix", "polybackup, 4 resource types", false, true, false, &PolybackupMixConfig},
  };
  return v;
}

// User + system CPU seconds of this process's reaped descendants so far.
double ChildrenCpuSeconds() {
  rusage r{};
  getrusage(RUSAGE_CHILDREN, &r);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(r.ru_utime) + s(r.ru_stime);
}

ProcessResult RunCommand(Workspace& ws, const std::string& command) {
  if (command == "apply") return ws.Apply();
  if (command == "plan") return ws.Plan();  // -detailed-exitcode: 0 = no changes
  return ws.Destroy();
}

// One command, timed, with its API calls, the emulators' CPU time and the
// peak memory of the processes it started.
absl::StatusOr<json> Measure(Emulators& e, pid_t emulator, Workspace& ws,
                             const std::string& command, int n) {
  e.Control("DELETE", "/requests");
  const double cpu_before = CpuSeconds(emulator);
  const double children_before = ChildrenCpuSeconds();
  PeakSampler sampler(getpid());
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = RunCommand(ws, command);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sampler.Stop();
  const double cpu = CpuSeconds(emulator) - cpu_before;
  // Terraform and every provider it started and reaped, together.
  const double terraform_and_providers = ChildrenCpuSeconds() - children_before;
  const double providers = sampler.CpuSeconds(kProviderComm);
  const bool ok = r.exit_code == 0;
  if (!ok && !(command == "plan" && r.exit_code == 2)) {
    return absl::InternalError(absl::StrCat("terraform ", command, " failed: ", Describe(r)));
  }
  std::map<std::string, int> by_service;
  int calls = 0;
  for (const json& entry : e.Control("GET", "/requests")) {
    ++by_service[entry.value("service", "?")];
    ++calls;
  }
  return json{{"command", command},
              {"n", n},
              {"wall_s", wall},
              {"exit_code", r.exit_code},
              {"changes_planned", command == "plan" && r.exit_code == 2},
              {"api_calls", calls},
              {"calls_per_resource", n > 0 ? static_cast<double>(calls) / n : 0.0},
              {"calls_by_service", by_service},
              {"emulator_cpu_s", cpu},
              {"provider_cpu_s", providers},
              {"terraform_cpu_s", std::max(0.0, terraform_and_providers - providers)},
              {"provider_peak_mib", sampler.PeakKib(kProviderComm) / 1024.0},
              {"provider_processes", sampler.Processes(kProviderComm)},
              {"terraform_peak_mib", sampler.PeakKib("terraform") / 1024.0}};
}

absl::StatusOr<std::vector<json>> RunVariant(Emulators& e, pid_t emulator, const Variant& v, int n,
                                             const EndToEndOptions& options) {
  PrepareEmulators(e, n);
  acceptance::WorkspaceOptions wo{.env = e.ProviderEnv(), .with_polybackup = v.polybackup};
  std::string store;
  if (v.test_build) {
    wo.polybackup_dir = options.test_provider_dir;
    // The test resource's objects live in a file, so plan and destroy (new
    // provider processes) find what apply made. It is read and written whole
    // on every call: a cost that grows with N, large by N = 1000.
    store = std::filesystem::temp_directory_path() / ("pb-bench-store-" + std::to_string(getpid()));
    std::filesystem::remove(store);
    wo.env["POLYBACKUP_TEST_STORE"] = store;
  }
  if (v.aws_provider) {
    wo.providers = {
        {.local_name = "aws", .source = "hashicorp/aws", .version = options.aws_version}};
    wo.mirror = options.aws_mirror;
  }
  Workspace ws(std::move(wo));
  if (ws.init().has_value() && ws.init()->exit_code != 0) {
    return absl::InternalError("terraform init failed: " + Describe(*ws.init()));
  }
  ws.SetConfig(v.config(n, e));
  std::vector<json> runs;
  for (const char* command : kCommands) {
    std::fprintf(stderr, "  %-10s n=%-5d %-8s", v.name, n, command);
    absl::StatusOr<json> run = Measure(e, emulator, ws, command, n);
    if (!run.ok()) return run.status();
    (*run)["variant"] = v.name;
    std::fprintf(stderr, " %8.2f s\n", (*run)["wall_s"].get<double>());
    runs.push_back(*std::move(run));
  }
  if (!store.empty()) std::filesystem::remove(store);
  return runs;
}

const json* Find(const json& e2e, const std::string& variant, int n, const std::string& command) {
  for (const json& r : e2e["runs"]) {
    if (r["variant"] == variant && r["n"] == n && r["command"] == command) return &r;
  }
  return nullptr;
}

std::string Label(const std::string& variant) {
  for (const Variant& v : Variants()) {
    if (variant == v.name) return v.label;
  }
  return variant;
}

}  // namespace

absl::StatusOr<json> MeasureEndToEnd(const EndToEndOptions& options) {
  if (!acceptance::TerraformAvailable()) {
    return absl::FailedPreconditionError("the Terraform CLI is not on PATH");
  }
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  if (e == nullptr) return absl::UnavailableError(error);
  const std::vector<pid_t> node = ChildrenNamed(getpid(), "node");
  if (node.empty()) return absl::InternalError("cannot find the emulators' node process");
  json out = {{"sizes", options.sizes}, {"runs", json::array()}, {"absent", json::array()}};
  for (int n : options.sizes) {
    for (const Variant& v : Variants()) {
      const auto& only = options.variants;
      if (!only.empty() && std::find(only.begin(), only.end(), v.name) == only.end()) continue;
      const bool no_test_build =
          v.test_build &&
          (options.test_provider_dir.empty() ||
           !std::filesystem::exists(std::filesystem::path(options.test_provider_dir) /
                                    "terraform-provider-polybackup"));
      if ((v.aws_provider && options.aws_mirror.empty()) || no_test_build) {
        if (n == options.sizes.front()) out["absent"].push_back(v.name);
        continue;
      }
      absl::StatusOr<std::vector<json>> runs = RunVariant(*e, node.front(), v, n, options);
      if (!runs.ok()) return runs.status();
      for (json& r : *runs) out["runs"].push_back(std::move(r));
    }
  }
  return out;
}

void PrintEndToEnd(const json& e2e, std::FILE* out) {
  for (int n : e2e["sizes"]) {
    Table t(absl::StrCat("End to end, Terraform CLI against the emulators, N = ", n),
            {"", "command", "wall s", "x core", "calls/res", "API CPU s", "provider CPU s",
             "terraform CPU s", "provider peak MiB", "starts", "terraform MiB"});
    for (const Variant& v : Variants()) {
      for (const char* command : kCommands) {
        const json* r = Find(e2e, v.name, n, command);
        if (r == nullptr) {
          if (std::find(e2e["absent"].begin(), e2e["absent"].end(), v.name) !=
              e2e["absent"].end()) {
            t.AddRow({v.label, command, "absent"});
          }
          continue;
        }
        const json* core = Find(e2e, "core", n, command);
        const double wall = (*r)["wall_s"].get<double>();
        std::string ratio =
            core != nullptr ? Fixed(wall / (*core)["wall_s"].get<double>(), 2) : "-";
        std::string peak = v.aws_provider || v.polybackup
                               ? Fixed((*r)["provider_peak_mib"].get<double>(), 1)
                               : "-";
        t.AddRow({v.label, command, Fixed(wall, 2), ratio,
                  Fixed((*r)["calls_per_resource"].get<double>(), 2),
                  Fixed((*r)["emulator_cpu_s"].get<double>(), 2),
                  Fixed((*r)["provider_cpu_s"].get<double>(), 2),
                  Fixed((*r)["terraform_cpu_s"].get<double>(), 2), peak,
                  std::to_string((*r)["provider_processes"].get<int>()),
                  Fixed((*r)["terraform_peak_mib"].get<double>(), 0)});
        if ((*r)["changes_planned"].get<bool>()) t.AddNote("! the plan was not empty");
      }
    }
    t.Print(out);
  }
  const std::vector<int> sizes = e2e["sizes"];
  if (sizes.size() < 2) return;
  const int lo = sizes.front(), hi = sizes.back();
  std::vector<std::string> columns = {"", "command"};
  for (int n : sizes) columns.push_back(absl::StrCat("s @", n));
  columns.push_back("ms per added resource");
  for (int n : sizes) columns.push_back(absl::StrCat("MiB @", n));
  Table g(absl::StrCat("Growth from N = ", lo, " to N = ", hi,
                       " (wall seconds; provider peak RSS, terraform's for core)"),
          columns);
  for (const Variant& v : Variants()) {
    for (const char* command : kCommands) {
      std::vector<std::string> row = {v.label, command};
      std::vector<std::string> mem;
      for (int n : sizes) {
        const json* r = Find(e2e, v.name, n, command);
        row.push_back(r ? Fixed((*r)["wall_s"].get<double>(), 2) : "-");
        const char* key =
            v.polybackup || v.aws_provider ? "provider_peak_mib" : "terraform_peak_mib";
        mem.push_back(r ? Fixed((*r)[key].get<double>(), 1) : "-");
      }
      const json* a = Find(e2e, v.name, lo, command);
      const json* b = Find(e2e, v.name, hi, command);
      if (a == nullptr || b == nullptr) continue;
      row.push_back(Fixed(
          1000.0 * ((*b)["wall_s"].get<double>() - (*a)["wall_s"].get<double>()) / (hi - lo), 2));
      row.insert(row.end(), mem.begin(), mem.end());
      g.AddRow(row);
    }
  }
  g.Print(out);
}

std::vector<Verdict> EndToEndVerdicts(const json& e2e) {
  std::vector<Verdict> out;
  for (int n : e2e["sizes"]) {
    for (const char* command : kCommands) {
      const json* core = Find(e2e, "core", n, command);
      const json* aws = Find(e2e, "aws", n, command);
      const json* floor = Find(e2e, "floor", n, command);
      for (const char* variant : {"polybackup", "mix"}) {
        const json* ours = Find(e2e, variant, n, command);
        if (ours == nullptr) continue;
        const double wall = (*ours)["wall_s"], api = (*ours)["emulator_cpu_s"];
        // wall <= 1.10 x the reference's wall + API time; the floor
        // (Terraform's cost for any external provider) beside core alone
        // shows what the provider can change.
        auto bound_by = [&](const json* reference, const char* what) {
          if (reference == nullptr) return;
          const double bound = 1.10 * (*reference)["wall_s"].get<double>() + api;
          out.push_back({absl::StrCat(Label(variant), " ", command, " N=", n, ": wall <= 1.10 x ",
                                      what, " + API time"),
                         absl::StrCat(Fixed(wall, 2), " s vs ", Fixed(bound, 2), " s"),
                         wall <= bound});
        };
        bound_by(core, "core");
        bound_by(floor, "external floor");
      }
      const json* ours = Find(e2e, "polybackup", n, command);
      if (ours == nullptr) continue;
      if (aws == nullptr) {
        out.push_back({absl::StrCat("calls per resource, ", command, " N=", n,
                                    ": polybackup <= hashicorp/aws"),
                       "hashicorp/aws absent", std::nullopt});
        continue;
      }
      const double mine = (*ours)["calls_per_resource"], theirs = (*aws)["calls_per_resource"];
      out.push_back(
          {absl::StrCat("calls per resource, ", command, " N=", n, ": polybackup <= hashicorp/aws"),
           absl::StrCat(Fixed(mine, 2), " vs ", Fixed(theirs, 2)), mine <= theirs});
    }
  }
  return out;
}

}  // namespace polybackup::bench
