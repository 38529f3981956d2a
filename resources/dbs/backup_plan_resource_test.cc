// polybackup_dbs_backup_plan through the framework, in-process: the
// ResourceHarness plays Terraform, and a scripted transport plays DBS (a
// small fake answering by action), so the paths an emulator cannot force on
// demand are tested here: "too soon" answers on the injected clock, a step
// failing after the plan exists, the plan released out of band, a refused
// read answered with HTTP 200 and Success=false, and the write-only password
// on old and new Terraform cores.
#include "resources/dbs/backup_plan_resource.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"
#include "resources/common/scripted_cloud.h"
#include "resources/dbs/backup_plan_test_config.h"
#include "resources/dbs/testing/fake_dbs.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::resources::dbs {
namespace {

namespace http = clients::http;
using nlohmann::json;
using Harness = framework::testing::ResourceHarness<BackupPlanResource>;

struct Fixture {
  FakeDbs cloud;
  ScriptedCloud scripted{[this](const http::HttpRequest& r) { return cloud.Answer(r); }};
  FakeClock& clock = scripted.clock;
  Harness h{std::make_shared<BackupPlanResource>(), scripted.AlicloudData("dbs"),
            scripted.harness_options()};
};

// The reference configuration, with a two-day schedule (one day can only
// be set by replacement).
BackupPlanModel Config() {
  BackupPlanModel m = ReferencePayAsYouGo();
  m.backup_period = "Monday,Thursday";
  return m;
}

TEST_CASE("create waits out 'too soon', starts, re-plans empty; the password is not in state") {
  Fixture f;
  auto created = f.h.Create(Config());
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  REQUIRE(created.state.has_value());
  const BackupPlanModel& s = *created.state;
  CHECK(s.id.value() == "dbs1");
  CHECK(s.status.value() == "running");
  CHECK(s.payment_type.value() == "PayAsYouGo");
  CHECK(s.backup_period.value() == "Monday,Thursday");      // answered MONDAY,THURSDAY
  CHECK(s.source_endpoint_instance_type.value() == "RDS");  // answered rds
  CHECK(s.region.value() == "cn-hangzhou");
  CHECK(s.source_endpoint_password.is_null());
  CHECK(f.cloud.Count("ConfigureBackupPlan") == 3);
  CHECK(f.clock.sleeps().size() >= 2);  // the "too soon" pauses, on the injected clock
  CHECK(f.cloud.last["CreateBackupPlan"]["PayType"] == "postpay");
  CHECK(f.cloud.last["ConfigureBackupPlan"]["SourceEndpointPassword"] == "Test12345@");
  CHECK(f.cloud.last["StartBackupPlan"]["ClientToken"].rfind("tf-", 0) == 0);
  CHECK_FALSE(f.h.Plan(created.state, Config()).changes);
}

TEST_CASE("status pause at create: started, then paused; toggled in place later") {
  Fixture f;
  BackupPlanModel config = Config();
  config.status = "pause";
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(created.state->status.value() == "pause");
  CHECK(f.cloud.Count("StartBackupPlan") == 1);
  CHECK(f.cloud.Count("StopBackupPlan") == 1);
  CHECK(f.cloud.last["StopBackupPlan"]["StopMethod"] == "ALL");
  config.status = "running";
  auto plan = f.h.Plan(created.state, config);
  CHECK(plan.replace_paths.empty());
  auto running = f.h.Update(*created.state, config);
  REQUIRE_MESSAGE(running.ok(), running.diags.ToString());
  CHECK(running.state->status.value() == "running");
  CHECK(f.cloud.Count("StartBackupPlan") == 2);
}

TEST_CASE("configure failing after create: the plan is recorded, and replacing it leaves none") {
  Fixture f;
  f.cloud.too_soon = 0;
  f.cloud.fail_once["ConfigureBackupPlan"] = "InvalidParameter";
  auto created = f.h.Create(Config());
  CHECK_FALSE(created.ok());
  const std::string errors = created.diags.ToString();
  CHECK(errors.find("creating DBS Backup Plan (dbs1): configuring") != std::string::npos);
  CHECK(errors.find("InvalidParameter") != std::string::npos);
  REQUIRE(created.state.has_value());  // checkpointed: Terraform taints it
  CHECK(created.state->id.value() == "dbs1");
  CHECK(created.state->status.is_null());  // not known yet: null, not a provider bug
  CHECK(created.state->source_endpoint_password.is_null());  // write-only, even here
  // The next apply replaces the tainted plan: destroy it, create another.
  auto destroyed = f.h.Destroy(*created.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  auto again = f.h.Create(Config());
  REQUIRE_MESSAGE(again.ok(), again.diags.ToString());
  CHECK(f.cloud.plans.size() == 1);
  CHECK(f.cloud.plans.count("dbs2") == 1);
}

TEST_CASE("a failed start after create is recorded too") {
  Fixture f;
  f.cloud.too_soon = 0;
  f.cloud.fail_once["StartBackupPlan"] = "PrecheckFailed";
  auto created = f.h.Create(Config());
  CHECK_FALSE(created.ok());
  CHECK(created.diags.ToString().find("PrecheckFailed") != std::string::npos);
  REQUIRE(created.state.has_value());
  CHECK(created.state->id.value() == "dbs1");
}

TEST_CASE("rename and a new schedule are two Modify calls, in place; a new source restarts") {
  Fixture f;
  f.cloud.too_soon = 0;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  f.cloud.actions.clear();
  BackupPlanModel later = Config();
  later.backup_plan_name = "nightly";
  later.backup_period = "Tuesday,Saturday";
  later.backup_start_time = "03:00";
  auto plan = f.h.Plan(created.state, later);
  CHECK(plan.changes);
  CHECK(plan.replace_paths.empty());
  auto updated = f.h.Update(*created.state, later);
  REQUIRE_MESSAGE(updated.ok(), updated.diags.ToString());
  CHECK(f.cloud.Count("ModifyBackupPlanName") == 1);
  CHECK(f.cloud.Count("ModifyBackupStrategy") == 1);
  CHECK(f.cloud.Count("ModifyBackupSourceEndpoint") == 0);
  CHECK(f.cloud.Count("StartBackupPlan") == 0);
  CHECK(f.cloud.last["ModifyBackupStrategy"]["BackupPeriod"] == "Tuesday,Saturday");
  CHECK(updated.state->backup_plan_name.value() == "nightly");

  // A rotated password reaches DBS with the whole source; the plan runs again.
  later.source_endpoint_password = "R0tated";
  later.source_endpoint_password_wo_version = 2;
  auto rotated = f.h.Update(*updated.state, later);
  REQUIRE_MESSAGE(rotated.ok(), rotated.diags.ToString());
  CHECK(f.cloud.last["ModifyBackupSourceEndpoint"]["SourceEndpointPassword"] == "R0tated");
  CHECK(f.cloud.last["ModifyBackupSourceEndpoint"]["SourceEndpointInstanceID"] == "rm-bp1");
  CHECK(f.cloud.Count("StartBackupPlan") == 1);
  CHECK(rotated.state->status.value() == "running");
  CHECK(rotated.state->source_endpoint_password.is_null());
}

TEST_CASE("a one-day schedule is replaced, not modified (DBS needs two days)") {
  Fixture f;
  f.cloud.too_soon = 0;
  BackupPlanModel one_day = Config();
  one_day.backup_period = "Monday";
  auto created = f.h.Create(one_day);
  REQUIRE(created.ok());
  one_day.backup_start_time = "05:00";
  auto plan = f.h.Plan(created.state, one_day);
  CHECK(plan.replace_paths == std::vector<std::string>{".backup_start_time"});
  // Renaming alone stays in place.
  BackupPlanModel renamed = Config();
  renamed.backup_period = "Monday";
  renamed.backup_plan_name = "x";
  CHECK(f.h.Plan(created.state, renamed).replace_paths.empty());
}

TEST_CASE("a plan released out of band is gone; delete of it succeeds") {
  Fixture f;
  f.cloud.too_soon = 0;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  f.cloud.plans.clear();
  auto read = f.h.Read(*created.state);
  CHECK_MESSAGE(read.ok(), read.diags.ToString());
  CHECK_FALSE(read.state.has_value());
  CHECK(f.h.Destroy(*created.state).ok());
}

TEST_CASE("a refusal answered as HTTP 200 with Success=false keeps the state and says why") {
  Fixture f;
  f.cloud.too_soon = 0;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  f.cloud.fail_once["DescribeBackupPlanList"] = "Forbidden.RAM";
  auto read = f.h.Read(*created.state);
  CHECK_FALSE(read.ok());
  REQUIRE(read.state.has_value());
  CHECK(read.state->backup_plan_name.value() == "tf-testacc");
  CHECK(read.diags.ToString().find("reading DBS Backup Plan (dbs1): ") != std::string::npos);
}

TEST_CASE("destroy releases the plan and waits until DBS no longer lists it") {
  Fixture f;
  f.cloud.too_soon = 0;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  auto destroyed = f.h.Destroy(*created.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK_FALSE(destroyed.state.has_value());
  CHECK(f.cloud.plans.empty());
  CHECK(f.cloud.last["ReleaseBackupPlan"]["ClientToken"].rfind("tf-", 0) == 0);
}

TEST_CASE("import by plan ID; the same configuration then plans no change") {
  Fixture f;
  f.cloud.too_soon = 0;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  auto imported = f.h.Import("dbs1");
  REQUIRE_MESSAGE(imported.ok(), imported.diags.ToString());
  CHECK(imported.state->backup_period.value() == "Monday,Thursday");
  CHECK(imported.state->payment_type.value() == "PayAsYouGo");
  // What DBS does not report (the password, purchase terms) is not imported:
  // a configuration without them matches.
  BackupPlanModel matching = Config();
  matching.database_region = matching.storage_region = matching.instance_type = {};
  CHECK_FALSE(f.h.Plan(imported.state, matching).changes);
  CHECK(f.h.Import("dbs/1").diags.ToString().find("Invalid import ID") != std::string::npos);
  CHECK(f.h.Import("dbs404").diags.ToString().find("Cannot import non-existent remote object") !=
        std::string::npos);
}

TEST_CASE("the write-only password: refused clearly by old cores, accepted by new ones") {
  Fixture f;
  framework::ValidateOptions old_core{.write_only_allowed = false};
  auto refused = f.h.Validate(Config(), old_core);
  const std::string why = refused.ToString();
  CHECK(why.find("source_endpoint_password") != std::string::npos);
  CHECK(why.find("Terraform 1.11") != std::string::npos);
  CHECK_FALSE(f.h.Validate(Config()).HasError());
  CHECK(f.cloud.actions.empty());
}

TEST_CASE("bad values are refused at validate time, naming the attribute, before any call") {
  Fixture f;
  struct Bad {
    std::function<void(BackupPlanModel&)> set;
    std::string attribute;
  };
  const std::vector<Bad> table = {
      {[](BackupPlanModel& m) { m.backup_method = "snapshot"; }, "backup_method"},
      {[](BackupPlanModel& m) { m.instance_class = "huge"; }, "instance_class"},
      {[](BackupPlanModel& m) { m.backup_period = "Funday"; }, "backup_period"},
      {[](BackupPlanModel& m) { m.backup_start_time = "25:00"; }, "backup_start_time"},
      {[](BackupPlanModel& m) { m.backup_retention_period = 2000; }, "backup_retention_period"},
      {[](BackupPlanModel& m) { m.status = "stopped"; }, "status"},
      {[](BackupPlanModel& m) { m.backup_objects = "orders"; }, "backup_objects"},
      {[](BackupPlanModel& m) { m.payment_type = "Monthly"; }, "payment_type"},
      {[](BackupPlanModel& m) { m.source_endpoint_instance_id = {}; },
       "source_endpoint_instance_id"},
  };
  for (const Bad& b : table) {
    CAPTURE(b.attribute);
    BackupPlanModel m = Config();
    b.set(m);
    CHECK(f.h.Validate(m).ToString().find(b.attribute) != std::string::npos);
  }
  CHECK(f.cloud.actions.empty());
}

TEST_CASE("what only buying needs is refused when the plan is planned, before any call") {
  Fixture f;
  BackupPlanModel m = Config();
  m.storage_region = {};
  m.source_endpoint_password = {};
  CHECK_FALSE(f.h.Validate(m).HasError());  // an imported plan's configuration may omit them
  auto plan = f.h.Plan(std::nullopt, m);
  const std::string errors = plan.diags.ToString();
  CHECK(errors.find("storage_region") != std::string::npos);
  CHECK(errors.find("source_endpoint_password") != std::string::npos);
  CHECK(f.cloud.actions.empty());
}

TEST_CASE("changing the source without the password is refused at plan time") {
  Fixture f;
  f.cloud.too_soon = 0;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  BackupPlanModel moved = Config();
  moved.source_endpoint_password = {};
  CHECK_FALSE(f.h.Plan(created.state, moved).diags.HasError());  // nothing to send
  moved.source_endpoint_instance_id = "rm-other";
  auto plan = f.h.Plan(created.state, moved);
  CHECK(plan.diags.ToString().find("ModifyBackupSourceEndpoint") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::resources::dbs
