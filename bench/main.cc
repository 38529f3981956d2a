// polybackup_bench: start-up, per-RPC overhead and end-to-end figures of
// polybackup side by side with HashiCorp's AWS provider, printed as tables
// and written as JSON. bench/run drives it; bench/README.md explains every
// figure. It measures and reports; it never fails on a figure.
//
// usage: polybackup_bench [--quick | --full] [--sections=startup,rpc,e2e]
//          [--sizes=10,200,1000] [--variants=core,floor,aws,polybackup,mix]
//          [--launches=N] [--rpc-iterations=N] [--aws-mirror=DIR|none]
//          [--provider=BINARY] [--test-provider-dir=DIR] [--out=FILE]
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "acceptance/harness/process.h"
#include "acceptance/harness/terraform.h"
#include "bench/end_to_end.h"
#include "bench/rpc_overhead.h"
#include "bench/startup.h"

namespace polybackup::bench {
namespace {

struct Args {
  std::vector<std::string> sections = {"startup", "rpc", "e2e"};
  StartupOptions startup{.launches = 10};
  RpcOptions rpc{.iterations = 300};
  EndToEndOptions e2e;
  std::string aws_mirror = "/opt/tf-plugins";
  std::string test_provider_dir = POLYBACKUP_BINARY_DIR "/test-provider";
  std::string provider = POLYBACKUP_PROVIDER_BINARY;
  std::string out = POLYBACKUP_BINARY_DIR "/bench/results.json";
};

std::vector<int> Ints(const std::string& list) {
  std::vector<int> out;
  for (absl::string_view s : absl::StrSplit(list, ',', absl::SkipEmpty())) {
    int v = 0;
    if (!absl::SimpleAtoi(s, &v) || v <= 0) {
      std::fprintf(stderr, "not a positive number: %s\n", std::string(s).c_str());
      std::exit(2);
    }
    out.push_back(v);
  }
  return out;
}

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string key = arg.substr(0, eq),
                      value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    auto list = [&] {
      return std::vector<std::string>(absl::StrSplit(value, ',', absl::SkipEmpty()));
    };
    if (key == "--quick") {
      a.startup.launches = 10, a.rpc.iterations = 300, a.e2e.sizes = {10};
    } else if (key == "--full") {
      a.startup.launches = 50, a.rpc.iterations = 2000, a.e2e.sizes = {10, 200, 1000};
    } else if (key == "--sections") {
      a.sections = list();
    } else if (key == "--sizes") {
      a.e2e.sizes = Ints(value);
    } else if (key == "--variants") {
      a.e2e.variants = list();
    } else if (key == "--launches") {
      a.startup.launches = Ints(value).at(0);
    } else if (key == "--rpc-iterations") {
      a.rpc.iterations = Ints(value).at(0);
    } else if (key == "--aws-mirror") {
      a.aws_mirror = value == "none" ? "" : value;
    } else if (key == "--test-provider-dir") {
      a.test_provider_dir = value;
    } else if (key == "--provider") {
      a.provider = value;
    } else if (key == "--out") {
      a.out = value;
    } else {
      std::fprintf(stderr, "unknown argument %s (see bench/README.md)\n", arg.c_str());
      std::exit(2);
    }
  }
  return a;
}

bool Has(const Args& a, const char* section) {
  return std::find(a.sections.begin(), a.sections.end(), section) != a.sections.end();
}

nlohmann::json Machine() {
  utsname u{};
  uname(&u);
  double load[3] = {0, 0, 0};
  getloadavg(load, 3);
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  acceptance::ProcessOptions o;
  o.timeout = std::chrono::seconds(30);
  std::string tf = acceptance::RunProcess({"terraform", "version"}, o).out;
  tf = tf.substr(0, tf.find('\n'));
  return {{"date", date},
          {"cores", sysconf(_SC_NPROCESSORS_ONLN)},
          {"memory_gib", sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGE_SIZE) / double(1 << 30)},
          {"kernel", std::string(u.release)},
          {"load_average_at_start", {load[0], load[1], load[2]}},
          {"terraform", tf}};
}

}  // namespace

int Main(int argc, char** argv) {
  Args args = Parse(argc, argv);
  // The acceptance harness finds the emulators and the provider from these.
  setenv("POLYBACKUP_SOURCE_DIR", POLYBACKUP_SOURCE_DIR, /*overwrite=*/0);
  setenv("POLYBACKUP_PROVIDER_DIR",
         std::filesystem::path(args.provider).parent_path().string().c_str(), 0);
  setenv("CHECKPOINT_DISABLE", "1", 0);
  std::optional<acceptance::MirroredProvider> aws;
  if (!args.aws_mirror.empty()) aws = acceptance::FindInMirror(args.aws_mirror, "hashicorp/aws");

  nlohmann::json results = {{"machine", Machine()}};
  std::vector<Verdict> verdicts;
  if (Has(args, "startup")) {
    std::fprintf(stderr, "start-up: %d launches each\n", args.startup.launches);
    auto ours = MeasureStartup(args.provider, args.startup);
    if (!ours.ok()) {
      std::fprintf(stderr, "polybackup start-up: %s\n", ours.status().ToString().c_str());
      return 1;
    }
    nlohmann::json peer;  // null: absent
    if (aws) {
      auto theirs = MeasureStartup(aws->binary, args.startup);
      if (!theirs.ok()) {
        std::fprintf(stderr, "hashicorp/aws start-up: %s\n", theirs.status().ToString().c_str());
        return 1;
      }
      peer = *theirs;
    }
    results["startup"] = {{"polybackup", *ours}, {"aws", peer}};
    auto v = StartupVerdicts(*ours);
    verdicts.insert(verdicts.end(), v.begin(), v.end());
  }
  if (Has(args, "rpc")) {
    std::fprintf(stderr, "per-RPC overhead: %d lifecycles per resource type\n",
                 args.rpc.iterations);
    results["rpc_overhead"] = MeasureRpcOverhead(args.rpc);
    auto v = RpcVerdicts(results["rpc_overhead"]);
    verdicts.insert(verdicts.end(), v.begin(), v.end());
  }
  if (Has(args, "e2e")) {
    std::fprintf(stderr, "end to end: terraform apply / plan / destroy\n");
    if (aws) {
      args.e2e.aws_mirror = args.aws_mirror;
      args.e2e.aws_version = aws->version;
    }
    args.e2e.test_provider_dir = args.test_provider_dir;
    auto e2e = MeasureEndToEnd(args.e2e);
    if (!e2e.ok()) {
      std::fprintf(stderr, "end to end: %s\n", e2e.status().ToString().c_str());
      return 1;
    }
    results["end_to_end"] = *e2e;
    auto v = EndToEndVerdicts(*e2e);
    verdicts.insert(verdicts.end(), v.begin(), v.end());
  }
  nlohmann::json targets = nlohmann::json::array();
  for (const Verdict& v : verdicts) targets.push_back(ToJson(v));
  results["targets"] = targets;

  std::printf("polybackup bench, %s, %d cores, Terraform %s\n",
              results["machine"]["date"].get<std::string>().c_str(),
              results["machine"]["cores"].get<int>(),
              results["machine"]["terraform"].get<std::string>().c_str());
  if (results.contains("startup")) {
    PrintStartup(results["startup"]["polybackup"], results["startup"]["aws"], stdout);
  }
  if (results.contains("rpc_overhead")) PrintRpcOverhead(results["rpc_overhead"], stdout);
  if (results.contains("end_to_end")) PrintEndToEnd(results["end_to_end"], stdout);
  PrintVerdicts(verdicts, stdout);

  std::filesystem::create_directories(std::filesystem::path(args.out).parent_path());
  std::ofstream(args.out) << results.dump(2) << "\n";
  std::printf("\nwritten: %s\n", args.out.c_str());
  return 0;
}

}  // namespace polybackup::bench

int main(int argc, char** argv) {
  // The emulators' control client and the in-process fakes report a broken
  // fixture by throwing: say what broke instead of aborting.
  try {
    return polybackup::bench::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "polybackup_bench: %s\n", e.what());
    return 1;
  }
}
