// The AWS Backup resources through the framework, in-process: the
// ResourceHarness plays Terraform and a small fake plays AWS Backup, for the
// paths an emulator cannot force on demand: a failure after the plan
// exists, AWS's own "not found" answers, selections still referencing a
// plan until the delete timeout, a tag-only update, bad import IDs.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"
#include "resources/aws/backup_plan_resource.h"
#include "resources/aws/backup_selection_resource.h"
#include "resources/aws/backup_vault_resource.h"
#include "resources/aws/testing/fake_backup.h"
#include "resources/common/provider_data.h"
#include "resources/common/scripted_cloud.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::resources::aws {
namespace {

namespace http = clients::http;
using nlohmann::json;
using Tags = std::map<std::string, std::string>;

template <class R>
struct Fixture {
  FakeBackup cloud;
  ScriptedCloud scripted{[this](const http::HttpRequest& r) { return cloud.Answer(r); }};
  std::shared_ptr<ProviderData> data = WithDefaultTags(scripted.AwsData("backup"));
  framework::testing::ResourceHarness<R> h{std::make_shared<R>(), data, scripted.harness_options()};

  static std::shared_ptr<ProviderData> WithDefaultTags(std::shared_ptr<ProviderData> d) {
    d->aws->default_tags = {{"team", "ops"}};
    return d;
  }
};

BackupPlanModel PlanConfig(const std::string& schedule) {
  BackupPlanModel m;
  m.name = "plan";
  RuleModel r;
  r.rule_name = "daily";
  r.target_vault_name = "vault";
  r.schedule = schedule;
  m.rule = {r};
  m.tags = Tags{{"env", "test"}};
  return m;
}

}  // namespace

TEST_CASE("plan: create, re-plan empty, a tag-only change sends no new version, destroy") {
  Fixture<BackupPlanResource> f;
  auto config = PlanConfig("cron(0 5 ? * * *)");
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(created.state->id.value() == "p-1");
  CHECK(created.state->version.value() == "v1");
  CHECK(created.state->tags_all.value() == Tags{{"env", "test"}, {"team", "ops"}});
  CHECK(f.cloud.tags[FakeBackup::kArn] == Tags{{"env", "test"}, {"team", "ops"}});
  CHECK_FALSE(f.h.Plan(created.state, config).changes);

  auto retagged = config;
  retagged.tags = Tags{{"env", "prod"}};
  auto plan = f.h.Plan(created.state, retagged);
  CHECK(plan.changes);
  CHECK(plan.state->version.value() == "v1");  // known: no new version
  auto updated = f.h.Update(*created.state, retagged);
  REQUIRE_MESSAGE(updated.ok(), updated.diags.ToString());
  CHECK(f.cloud.Count("UpdateBackupPlan") == 0);
  CHECK(f.cloud.tags[FakeBackup::kArn].at("env") == "prod");

  auto destroyed = f.h.Destroy(*updated.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.plan_deleted);
}

TEST_CASE("plan: a failure after AWS made the plan keeps it in state, with the error") {
  Fixture<BackupPlanResource> f;
  f.cloud.errors["GetBackupPlan"] = {
      {500, "InternalFailure"}, {500, "InternalFailure"}, {500, "InternalFailure"}};
  auto created = f.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  CHECK_FALSE(created.ok());
  CHECK(created.diags.ToString().find("Backup Plan (p-1)") != std::string::npos);
  REQUIRE(created.state.has_value());  // recorded (Terraform taints it)
  CHECK(created.state->id.value() == "p-1");
  CHECK(f.cloud.Count("CreateBackupPlan") == 1);
}

TEST_CASE("plan: deleted out of band leaves state; a throttled read is retried") {
  Fixture<BackupPlanResource> f;
  auto created = f.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  REQUIRE(created.ok());
  f.cloud.errors["GetBackupPlan"] = {{429, "ThrottlingException"}};
  auto read = f.h.Read(*created.state);
  CHECK_MESSAGE(read.ok(), read.diags.ToString());
  CHECK(read.state.has_value());
  f.cloud.plan_deleted = true;
  auto gone = f.h.Read(*created.state);
  CHECK_MESSAGE(gone.ok(), gone.diags.ToString());
  CHECK_FALSE(gone.state.has_value());
}

TEST_CASE("plan: delete waits while selections reference it, up to the delete timeout") {
  Fixture<BackupPlanResource> f;
  auto created = f.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  REQUIRE(created.ok());
  f.cloud.referenced = 2;  // the selections go while we wait
  auto destroyed = f.h.Destroy(*created.state);
  CHECK_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.Count("DeleteBackupPlan") == 3);

  Fixture<BackupPlanResource> g;
  created = g.h.Create(PlanConfig("cron(0 5 ? * * *)"));
  REQUIRE(created.ok());
  g.cloud.referenced = 1000;  // never
  destroyed = g.h.Destroy(*created.state);
  CHECK_FALSE(destroyed.ok());
  const std::string errors = destroyed.diags.ToString();
  CHECK(errors.find("deleting Backup Plan (p-1)") != std::string::npos);
  CHECK(errors.find("selections of plan p-1") != std::string::npos);
  REQUIRE(destroyed.state.has_value());  // still in state
}

TEST_CASE("plan and selection import IDs are checked before any call") {
  Fixture<BackupPlanResource> f;
  auto bad = f.h.Import("p-1|s-1");
  CHECK_FALSE(bad.ok());
  CHECK(bad.diags.ToString().find("Import a backup plan by its ID") != std::string::npos);
  Fixture<BackupSelectionResource> g;
  for (const std::string id : {"p-1", "|s-1", "p-1|", "p|s|x"}) {
    CAPTURE(id);
    auto refused = g.h.Import(id);
    CHECK_FALSE(refused.ok());
    CHECK(refused.diags.ToString().find("<plan-id>|<selection-id>") != std::string::npos);
  }
  CHECK(f.cloud.calls.empty());
  CHECK(g.cloud.calls.empty());
}

TEST_CASE("vault: AWS's access denied for a missing vault reads as gone") {
  Fixture<BackupVaultResource> f;
  BackupVaultModel config;
  config.name = "vault";
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(created.state->kms_key_arn.value() == "arn:aws:kms:us-east-1:123456789012:key/k");
  CHECK(created.state->tags.value().empty());
  CHECK(created.state->tags_all.value() == Tags{{"team", "ops"}});
  f.cloud.vaults.clear();
  auto gone = f.h.Read(*created.state);
  CHECK_MESSAGE(gone.ok(), gone.diags.ToString());
  CHECK_FALSE(gone.state.has_value());
  // Any other refusal is an error, and the state stays.
  f.cloud.vaults.insert("vault");
  f.cloud.errors["DescribeBackupVault"] = {{400, "InvalidParameterValueException"}};
  auto refused = f.h.Read(*created.state);
  CHECK_FALSE(refused.ok());
}

TEST_CASE("selection: create, re-plan empty, read, gone with its plan, destroy") {
  Fixture<BackupSelectionResource> f;
  f.cloud.plan = json{{"BackupPlanName", "plan"}};
  BackupSelectionModel config;
  config.name = "selection";
  config.plan_id = "p-1";
  config.iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole";
  config.resources = std::set<std::string>{"arn:aws:ec2:*:*:instance/*"};
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(created.state->id.value() == "s-1");
  CHECK(f.cloud.Count("CreateBackupSelection") == 1);
  CHECK_FALSE(f.h.Plan(created.state, config).changes);
  auto read = f.h.Read(*created.state);
  REQUIRE_MESSAGE(read.ok(), read.diags.ToString());
  CHECK(read.state->resources.value() == std::set<std::string>{"arn:aws:ec2:*:*:instance/*"});

  auto destroyed = f.h.Destroy(*read.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.selections.empty());
  // A selection whose plan is gone reads as gone (AWS answers
  // InvalidParameterValueException "Cannot find Backup plan").
  created = f.h.Create(config);
  REQUIRE(created.ok());
  f.cloud.plan_deleted = true;
  auto gone = f.h.Read(*created.state);
  CHECK_MESSAGE(gone.ok(), gone.diags.ToString());
  CHECK_FALSE(gone.state.has_value());
}

}  // namespace polybackup::resources::aws
