// polybackup_kvstore_backup_policy through the framework, in-process: the
// ResourceHarness plays Terraform, and a scripted transport plays R-kvstore
// (a small fake answering by action), so the paths an emulator cannot force
// on demand are tested here: the failure after adopting, the instance
// deleted out of band, the busy instance, a refused read.
#include <doctest/doctest.h>

#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"
#include "resources/common/scripted_cloud.h"
#include "resources/kvstore/kvstore_backup_policy_resource.h"
#include "resources/kvstore/testing/fake_kvstore.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::resources::kvstore {
namespace {

namespace http = clients::http;
using Harness = framework::testing::ResourceHarness<BackupPolicyResource>;

struct Fixture {
  FakeKvstore cloud;
  ScriptedCloud scripted{[this](const http::HttpRequest& r) { return cloud.Answer(r); }};
  FakeClock& clock = scripted.clock;
  Harness h{std::make_shared<BackupPolicyResource>(), scripted.AlicloudData("r_kvstore"),
            scripted.harness_options()};
};

BackupPolicyModel Config(const std::string& time, std::set<std::string> days) {
  BackupPolicyModel m;
  m.instance_id = "r-1";
  m.backup_time = time;
  m.backup_period = std::move(days);
  return m;
}

TEST_CASE(
    "create adopts and changes the policy, re-plans empty, updates in place, destroy restores") {
  Fixture f;
  auto config = Config("02:00Z-03:00Z", {"Monday", "Friday"});
  auto created = f.h.Create(config);
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  REQUIRE(created.state.has_value());
  CHECK(created.state->id.value() == "r-1");
  CHECK(created.state->region.value() == "cn-hangzhou");
  CHECK(created.state->backup_retention_period.value() == 7);
  CHECK(f.cloud.time == "02:00Z-03:00Z");
  CHECK(f.cloud.period == "Monday,Friday");
  CHECK_FALSE(f.h.Plan(created.state, config).changes);

  auto later = Config("04:00Z-05:00Z", {"Monday", "Friday"});
  auto plan = f.h.Plan(created.state, later);
  CHECK(plan.changes);
  CHECK(plan.replace_paths.empty());
  auto updated = f.h.Update(*created.state, later);
  REQUIRE_MESSAGE(updated.ok(), updated.diags.ToString());
  CHECK(f.cloud.time == "04:00Z-05:00Z");

  auto destroyed = f.h.Destroy(*updated.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK_FALSE(destroyed.state.has_value());
  CHECK(f.cloud.time == "01:00Z-02:00Z");  // the adopted policy is back
  CHECK(f.cloud.period == "Tuesday,Thursday");
}

TEST_CASE("a change that fails after adopting keeps the policy in state, with the error") {
  Fixture f;
  f.cloud.modify_errors = {{400, "InvalidParameter"}};
  auto created = f.h.Create(Config("02:00Z-03:00Z", {"Monday"}));
  CHECK_FALSE(created.ok());
  const std::string errors = created.diags.ToString();
  CHECK(errors.find("creating R-kvstore Backup Policy (r-1): ") != std::string::npos);
  CHECK(errors.find("InvalidParameter") != std::string::npos);
  // Recorded (Terraform taints it), as the instance has it now.
  REQUIRE(created.state.has_value());
  CHECK(created.state->id.value() == "r-1");
  CHECK(created.state->backup_time.value() == "01:00Z-02:00Z");
  CHECK(created.state->backup_period.value() == std::set<std::string>{"Tuesday", "Thursday"});
  // The original policy is remembered, so a later destroy can restore it.
  CHECK(f.h.private_state().find("original_policy") != std::string::npos);
}

TEST_CASE("an update that fails keeps the prior state") {
  Fixture f;
  auto created = f.h.Create(Config("02:00Z-03:00Z", {"Monday"}));
  REQUIRE(created.ok());
  f.cloud.modify_errors = {{400, "InvalidParameter"}};
  auto updated = f.h.Update(*created.state, Config("05:00Z-06:00Z", {"Monday"}));
  CHECK_FALSE(updated.ok());
  REQUIRE(updated.state.has_value());
  CHECK(updated.state->backup_time.value() == "02:00Z-03:00Z");
}

TEST_CASE("an instance deleted out of band leaves state without an error") {
  Fixture f;
  auto created = f.h.Create(Config("02:00Z-03:00Z", {"Monday"}));
  REQUIRE(created.ok());
  f.cloud.exists = false;
  auto read = f.h.Read(*created.state);
  CHECK_MESSAGE(read.ok(), read.diags.ToString());
  CHECK_FALSE(read.state.has_value());
  // Destroying a policy whose instance is gone succeeds: nothing to restore.
  CHECK(f.h.Destroy(*created.state).ok());
}

TEST_CASE("a busy instance is waited for on the injected clock, then the change is sent again") {
  Fixture f;
  f.cloud.modify_errors = {{400, "IncorrectDBInstanceState"}};
  f.cloud.statuses = {"Changing", "Changing"};
  auto created = f.h.Create(Config("02:00Z-03:00Z", {"Monday"}));
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  CHECK(f.cloud.Count("ModifyBackupPolicy") == 2);
  CHECK(f.cloud.Count("DescribeInstanceAttribute") >= 3);
  CHECK(f.cloud.time == "02:00Z-03:00Z");
  CHECK_FALSE(f.clock.sleeps().empty());
}

TEST_CASE("a refused read keeps the prior state and says why, AWS-provider style") {
  Fixture f;
  auto created = f.h.Create(Config("02:00Z-03:00Z", {"Monday"}));
  REQUIRE(created.ok());
  f.cloud.describe_errors = {{403, "Forbidden.RAM"}};
  auto read = f.h.Read(*created.state);
  CHECK_FALSE(read.ok());
  REQUIRE(read.state.has_value());
  CHECK(read.state->backup_time.value() == "02:00Z-03:00Z");
  REQUIRE(read.diags.size() == 1);
  CHECK(read.diags.items()[0].summary.rfind("reading R-kvstore Backup Policy (r-1): ", 0) == 0);
  CHECK(read.diags.items()[0].detail.find("RAM") != std::string::npos);
}

TEST_CASE("import records the policy found; destroy brings it back; a missing instance is clear") {
  Fixture f;
  auto imported = f.h.Import("r-1");
  REQUIRE_MESSAGE(imported.ok(), imported.diags.ToString());
  CHECK(imported.state->backup_time.value() == "01:00Z-02:00Z");
  auto changed = f.h.Update(*imported.state, Config("09:00Z-10:00Z", {"Sunday"}));
  REQUIRE(changed.ok());
  REQUIRE(f.h.Destroy(*changed.state).ok());
  CHECK(f.cloud.time == "01:00Z-02:00Z");

  f.cloud.exists = false;
  auto missing = f.h.Import("r-1");
  CHECK(missing.diags.ToString().find("Cannot import non-existent remote object") !=
        std::string::npos);
}

TEST_CASE("bad values are refused at validate time, before any call") {
  Fixture f;
  auto d = f.h.Validate(Config("02:00Z-04:00Z", {"Funday"}));
  CHECK(d.ToString().find("backup_time") != std::string::npos);
  CHECK(d.ToString().find("backup_period") != std::string::npos);
  CHECK(f.cloud.actions.empty());
}

}  // namespace
}  // namespace polybackup::resources::kvstore
