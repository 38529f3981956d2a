#include "bench/rpc_overhead.h"

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

#include "clients/huaweicloud/csbs_types.h"
#include "resources/aws/backup_plan_resource.h"
#include "resources/aws/backup_selection_resource.h"
#include "resources/aws/backup_vault_resource.h"
#include "resources/aws/testing/fake_backup.h"
#include "resources/common/scripted_cloud.h"
#include "resources/csbs/csbs_policy_resource.h"
#include "resources/csbs/testing/fake_csbs.h"
#include "resources/dbs/backup_plan_resource.h"
#include "resources/dbs/backup_plan_test_config.h"
#include "resources/dbs/testing/fake_dbs.h"
#include "resources/kvstore/kvstore_backup_policy_resource.h"
#include "resources/kvstore/testing/fake_kvstore.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::bench {
namespace {

namespace http = clients::http;
namespace res = resources;
using framework::testing::HarnessOptions;
using framework::testing::ResourceHarness;
using Samples = std::map<std::string, std::vector<double>>;  // label -> microseconds

// A lifecycle's RPCs in the order Terraform makes them.
constexpr const char* kLabels[] = {"Validate",         "Plan (create)", "Apply (create)",
                                   "Plan (no change)", "Read",          "Apply (delete)"};

// The one RPC the harness made last, in microseconds, less the time the
// fake cloud spent answering inside it: what is left is the provider's own.
struct LastRpc {
  double us = 0;
  std::chrono::nanoseconds in_fake{0};
  HarnessOptions Options(HarnessOptions base) {
    base.on_rpc = [this](std::string_view, std::chrono::nanoseconds took) {
      us = std::chrono::duration<double, std::micro>(took - in_fake).count();
      in_fake = std::chrono::nanoseconds(0);
    };
    return base;
  }
};

// One resource type's lifecycle, `warmup + iterations` times; every RPC's
// time under its label. The fake keeps at most one object alive.
template <class R>
Samples Lifecycles(ResourceHarness<R>& h, LastRpc& last, const typename R::Model& config,
                   const RpcOptions& options) {
  Samples out;
  for (int i = 0; i < options.warmup + options.iterations; ++i) {
    const bool measured = i >= options.warmup;
    auto keep = [&](const char* label) {
      if (measured) out[label].push_back(last.us);
    };
    if (h.Validate(config).HasError()) throw std::runtime_error("validate failed");
    keep("Validate");
    auto plan = h.Plan(std::nullopt, config);
    keep("Plan (create)");
    auto created = h.Apply(std::nullopt, plan, config);
    keep("Apply (create)");
    if (!created.ok() || !created.state) {
      throw std::runtime_error("create failed: " + created.diags.ToString());
    }
    h.Plan(created.state, config);
    keep("Plan (no change)");
    auto read = h.Read(*created.state);
    keep("Read");
    if (!read.ok() || !read.state)
      throw std::runtime_error("read failed: " + read.diags.ToString());
    if (!h.Destroy(*read.state).ok()) throw std::runtime_error("destroy failed");
    keep("Apply (delete)");
  }
  return out;
}

// A fake cloud, the scripted transport in front of it, and a harness.
template <class R, class Fake>
struct Rig {
  Fake cloud;
  LastRpc last;
  res::ScriptedCloud scripted{[this](const http::HttpRequest& r) {
    const auto start = std::chrono::steady_clock::now();
    http::HttpResponse answer = cloud.Answer(r);
    last.in_fake += std::chrono::steady_clock::now() - start;
    return answer;
  }};
  template <class Data>
  std::unique_ptr<ResourceHarness<R>> Harness(Data data) {
    return std::make_unique<ResourceHarness<R>>(std::make_shared<R>(), data,
                                                last.Options(scripted.harness_options()));
  }
};

Samples Kvstore(const RpcOptions& o) {
  Rig<res::kvstore::BackupPolicyResource, res::kvstore::FakeKvstore> rig;
  rig.cloud.after_change = {};  // no "Changing" status to wait out
  auto h = rig.Harness(rig.scripted.AlicloudData("r_kvstore"));
  res::kvstore::BackupPolicyModel m;
  m.instance_id = "r-1";
  m.backup_time = "02:00Z-03:00Z";
  m.backup_period = std::set<std::string>{"Monday", "Friday"};
  return Lifecycles(*h, rig.last, m, o);
}

Samples Dbs(const RpcOptions& o) {
  Rig<res::dbs::BackupPlanResource, res::dbs::FakeDbs> rig;
  rig.cloud.too_soon = 0;  // configurable at once
  auto h = rig.Harness(rig.scripted.AlicloudData("dbs"));
  return Lifecycles(*h, rig.last, res::dbs::ReferencePayAsYouGo(), o);
}

Samples AwsPlan(const RpcOptions& o) {
  Rig<res::aws::BackupPlanResource, res::aws::FakeBackup> rig;
  auto h = rig.Harness(rig.scripted.AwsData("backup"));
  res::aws::BackupPlanModel m;
  m.name = "plan";
  res::aws::RuleModel r;
  r.rule_name = "daily";
  r.target_vault_name = "vault";
  r.schedule = "cron(0 5 ? * * *)";
  m.rule = {r};
  m.tags = std::map<std::string, std::string>{{"env", "test"}};
  return Lifecycles(*h, rig.last, m, o);
}

Samples AwsVault(const RpcOptions& o) {
  Rig<res::aws::BackupVaultResource, res::aws::FakeBackup> rig;
  auto h = rig.Harness(rig.scripted.AwsData("backup"));
  res::aws::BackupVaultModel m;
  m.name = "vault";
  return Lifecycles(*h, rig.last, m, o);
}

Samples AwsSelection(const RpcOptions& o) {
  Rig<res::aws::BackupSelectionResource, res::aws::FakeBackup> rig;
  rig.cloud.plan = nlohmann::json{{"BackupPlanName", "plan"}};  // the plan selected for
  auto h = rig.Harness(rig.scripted.AwsData("backup"));
  res::aws::BackupSelectionModel m;
  m.name = "selection";
  m.plan_id = "p-1";
  m.iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
  m.resources = std::set<std::string>{"*"};
  return Lifecycles(*h, rig.last, m, o);
}

Samples Csbs(const RpcOptions& o) {
  Rig<res::csbs::PolicyResource, res::csbs::FakeCsbs> rig;
  rig.cloud.creating_reads = 0;  // "suspended" at once
  auto h = rig.Harness(rig.scripted.HuaweiData("csbs"));
  res::csbs::PolicyModel m;
  m.name = "backup-policy";
  res::csbs::ScheduledOperationModel op;
  op.name = "mybackup";
  op.enabled = true;
  op.operation_type = "backup";
  op.max_backups = 2;
  op.trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  m.scheduled_operation = {op};
  m.resource = {{"srv-1", clients::huaweicloud::kCsbsServerType, "resource4"}};
  return Lifecycles(*h, rig.last, m, o);
}

}  // namespace

nlohmann::json MeasureRpcOverhead(const RpcOptions& options) {
  nlohmann::json rows = nlohmann::json::array();
  const std::pair<const char*, Samples (*)(const RpcOptions&)> types[] = {
      {"polybackup_kvstore_backup_policy", &Kvstore},
      {"polybackup_dbs_backup_plan", &Dbs},
      {"polybackup_aws_backup_plan", &AwsPlan},
      {"polybackup_aws_backup_vault", &AwsVault},
      {"polybackup_aws_backup_selection", &AwsSelection},
      {"polybackup_csbs_policy", &Csbs}};
  for (const auto& [type, run] : types) {
    Samples samples = run(options);
    for (const char* rpc : kLabels) {
      rows.push_back({{"resource", type}, {"rpc", rpc}, {"us", ToJson(Summarize(samples[rpc]))}});
    }
  }
  return rows;
}

void PrintRpcOverhead(const nlohmann::json& rows, std::FILE* out) {
  Table t("Per-RPC overhead of a warm provider, in-process, cloud answered instantly (us)",
          {"resource", "rpc", "p50", "p99", "max", "n"});
  for (const auto& r : rows) {
    const auto& s = r["us"];
    t.AddRow({r["resource"], r["rpc"], Fixed(s["p50"].get<double>(), 1),
              Fixed(s["p99"].get<double>(), 1), Fixed(s["max"].get<double>(), 0),
              std::to_string(s["n"].get<size_t>())});
  }
  t.Print(out);
}

std::vector<Verdict> RpcVerdicts(const nlohmann::json& rows) {
  double worst = 0;
  std::string where;
  for (const auto& r : rows) {
    const double p99 = r["us"]["p99"].get<double>();
    if (p99 <= worst) continue;
    worst = p99;
    where = r["resource"].get<std::string>() + " " + r["rpc"].get<std::string>();
  }
  return {{"per-RPC p99 <= 100 us (every resource type and RPC)",
           Fixed(worst, 1) + " us worst (" + where + ")", worst <= 100.0}};
}

}  // namespace polybackup::bench
