// polybackup_csbs_policy through the framework, in-process: the
// ResourceHarness plays Terraform and a scripted transport plays CSBS (a
// small fake answering by method and path), for the paths an emulator
// cannot force cheaply: a wait that times out after the policy exists, a
// policy deleted out of band, 409s on delete, what is sent on update.
#include <doctest/doctest.h>

#include <map>

#include "clients/huaweicloud/csbs_codec.h"
#include "resources/common/scripted_cloud.h"
#include "resources/csbs/csbs_policy_resource.h"
#include "resources/csbs/testing/fake_csbs.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::resources::csbs {
namespace {

namespace http = clients::http;
namespace hw = clients::huaweicloud;
using Harness = framework::testing::ResourceHarness<PolicyResource>;
using nlohmann::json;

constexpr char kPattern[] =
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

struct Fixture {
  FakeCsbs cloud;
  ScriptedCloud scripted{[this](const http::HttpRequest& r) { return cloud.Answer(r); }};
  FakeClock& clock = scripted.clock;
  Harness h{std::make_shared<PolicyResource>(), scripted.HuaweiData("csbs"),
            scripted.harness_options()};
};

PolicyModel Config(const std::string& name = "backup-policy") {
  PolicyModel m;
  m.name = name;
  ScheduledOperationModel op;
  op.name = "mybackup";
  op.enabled = true;
  op.operation_type = "backup";
  op.max_backups = 2;
  op.trigger_pattern = kPattern;
  m.scheduled_operation = {op};
  m.resource = {{"srv-1", hw::kCsbsServerType, "resource4"}};
  return m;
}

TEST_CASE("create waits for creating -> suspended; re-plan empty; updates in place; destroy") {
  Fixture f;
  f.cloud.creating_reads = 2;
  auto created = f.h.Create(Config());
  REQUIRE_MESSAGE(created.ok(), created.diags.ToString());
  const PolicyModel& s = *created.state;
  CHECK(s.id.value() == "pol-1");
  CHECK(s.status.value() == "suspended");
  CHECK(s.region.value() == "eu-de");
  CHECK(s.created_at.value() == "2026-01-02T03:04:05Z");
  CHECK(s.provider_id.value() == hw::kCsbsProviderId);
  CHECK(s.scheduled_operation.at(0).max_backups.value() == 2);  // answered "2"
  CHECK(s.scheduled_operation.at(0).id.value() == "op-1");
  CHECK(f.cloud.Count("GET /pol-1") == 3);
  CHECK_FALSE(f.h.Plan(created.state, Config()).changes);

  // A new name: a PUT of the name only, in place.
  auto plan = f.h.Plan(created.state, Config("renamed"));
  CHECK(plan.changes);
  CHECK(plan.replace_paths.empty());
  CHECK(plan.state->scheduled_operation.at(0).trigger_id.value() == "trg-1");  // stays known
  auto renamed = f.h.Update(s, Config("renamed"));
  REQUIRE_MESSAGE(renamed.ok(), renamed.diags.ToString());
  CHECK(f.cloud.bodies.back() == json({{"name", "renamed"}}));

  // A new schedule: the existing operation's id is sent, so its trigger stays.
  PolicyModel daily = Config("renamed");
  daily.scheduled_operation[0].trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  auto rescheduled = f.h.Update(*renamed.state, daily);
  REQUIRE_MESSAGE(rescheduled.ok(), rescheduled.diags.ToString());
  CHECK(f.cloud.bodies.back()["scheduled_operations"][0]["id"] == "op-1");
  CHECK(rescheduled.state->scheduled_operation.at(0).trigger_id.value() == "trg-1");
  CHECK_FALSE(f.h.Plan(rescheduled.state, daily).changes);

  auto destroyed = f.h.Destroy(*rescheduled.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.policies.empty());
}

TEST_CASE("a create wait that times out keeps the policy in state, with the error") {
  Fixture f;
  f.cloud.creating_reads = -1;  // never leaves "creating"
  auto created = f.h.Create(Config());
  CHECK_FALSE(created.ok());
  const std::string errors = created.diags.ToString();
  CHECK(errors.find("waiting for the creation of CSBS Backup Policy (pol-1)") != std::string::npos);
  CHECK(errors.find("timed out waiting for CSBS policy pol-1 to finish creating") !=
        std::string::npos);
  REQUIRE(created.state.has_value());  // recorded (Terraform taints it), not orphaned
  CHECK(created.state->id.value() == "pol-1");
  CHECK(created.state->status.value() == "creating");

  // Once it settles, destroying it (the replacement's first half) works.
  f.cloud.creating_reads = 0;
  CHECK(f.h.Destroy(*created.state).ok());
  CHECK(f.cloud.policies.empty());
}

TEST_CASE("delete waits out 409 answers, then until the policy is gone") {
  Fixture f;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  f.cloud.delete_conflicts = 2;
  auto destroyed = f.h.Destroy(*created.state);
  REQUIRE_MESSAGE(destroyed.ok(), destroyed.diags.ToString());
  CHECK(f.cloud.Count("DELETE /pol-1") == 3);
  CHECK(f.cloud.calls.back() == "GET /pol-1");  // answered 404: gone
}

TEST_CASE("a policy deleted out of band leaves state without an error") {
  Fixture f;
  auto created = f.h.Create(Config());
  REQUIRE(created.ok());
  f.cloud.policies.clear();
  auto read = f.h.Read(*created.state);
  CHECK_MESSAGE(read.ok(), read.diags.ToString());
  CHECK_FALSE(read.state.has_value());
  CHECK(f.h.Destroy(*created.state).ok());  // already gone is success
}

TEST_CASE("tags are set at creation only: a change replaces the policy") {
  Fixture f;
  PolicyModel tagged = Config();
  tagged.tags = {{"kuh", "muh"}};
  auto created = f.h.Create(tagged);
  REQUIRE(created.ok());
  CHECK(f.cloud.bodies.front()["tags"] == json::array({{{"key", "kuh"}, {"value", "muh"}}}));
  tagged.tags = {{"kuh", "other"}};
  auto plan = f.h.Plan(created.state, tagged);
  CHECK(plan.replace_paths == std::vector<std::string>{".tags"});
}

TEST_CASE("bad values are refused at validate time, before any call") {
  Fixture f;
  PolicyModel bad = Config("has space");
  bad.scheduled_operation[0].trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=25;BYMINUTE=0\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  bad.scheduled_operation[0].week_backups = 4;  // without timezone
  bad.resource[0].type = "OS::Cinder::Volume";
  auto d = f.h.Validate(bad).ToString();
  CHECK(d.find("BYHOUR value 25 is out of range") != std::string::npos);
  CHECK(d.find("timezone") != std::string::npos);
  CHECK(d.find("\"name\"") != std::string::npos);
  CHECK(d.find("OS::Nova::Server") != std::string::npos);
  CHECK(f.cloud.calls.empty());
}

TEST_CASE("import by ID; the long-term retention only from the ID; a missing policy") {
  Fixture f;
  PolicyModel week_month = Config();
  week_month.scheduled_operation[0].week_backups = 4;
  week_month.scheduled_operation[0].timezone = "UTC+03:00";
  auto created = f.h.Create(week_month);
  REQUIRE(created.ok());
  CHECK_FALSE(f.h.Plan(created.state, week_month).changes);  // kept from the configuration

  auto plain = f.h.Import("pol-1");
  REQUIRE_MESSAGE(plain.ok(), plain.diags.ToString());
  CHECK(plain.state->scheduled_operation.at(0).week_backups.is_null());  // cannot be read
  CHECK(f.h.Plan(plain.state, week_month).changes);

  auto full = f.h.Import("pol-1/week_backups=4,timezone=UTC+03:00");
  REQUIRE_MESSAGE(full.ok(), full.diags.ToString());
  CHECK(full.state->scheduled_operation.at(0).week_backups.value() == 4);
  CHECK_FALSE(f.h.Plan(full.state, week_month).changes);

  CHECK(f.h.Import("pol-1/week_backups=4").diags.ToString().find("Invalid import ID") !=
        std::string::npos);
  CHECK(f.h.Import("pol-9").diags.ToString().find("Cannot import non-existent remote object") !=
        std::string::npos);
}

TEST_CASE("moved from the OTC resource: its state, long-term retention included") {
  Fixture f;
  PolicyResource resource;
  framework::Context ctx("MoveResourceState", "polybackup_csbs_policy", std::any(), {}, nullptr,
                         &f.clock);
  framework::MoveSource source;
  source.type_name = "opentelekomcloud_csbs_backup_policy_v1";
  source.state = json::parse(R"({
    "id": "pol-7", "name": "backup-policy", "description": "", "provider_id":
    "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "common": {}, "region": "eu-de",
    "status": "suspended", "created_at": "2026-01-02T03:04:05Z",
    "resource": [{"id": "srv-1", "type": "OS::Nova::Server", "name": "resource1"}],
    "scheduled_operation": [{"id": "op-7", "name": "mybackup", "description": "",
      "enabled": true, "operation_type": "backup", "trigger_pattern": "x", "max_backups": 6,
      "retention_duration_days": 0, "permanent": false, "day_backups": 0, "week_backups": 4,
      "month_backups": 2, "year_backups": 0, "timezone": "UTC+03:00", "trigger_id": "t",
      "trigger_name": "default", "trigger_type": "time"}],
    "tags": [{"key": "kuh", "value": "muh"}],
    "timeouts": null})");
  std::optional<PolicyModel> m = resource.Move(ctx, source);
  REQUIRE_MESSAGE(m.has_value(), ctx.diagnostics().ToString());
  CHECK(m->id.value() == "pol-7");
  CHECK(m->description.is_null());  // SDKv2's "" for unset
  CHECK(m->common.is_null());
  const auto& op = m->scheduled_operation.at(0);
  CHECK(op.week_backups.value() == 4);
  CHECK(op.day_backups.is_null());
  CHECK(op.timezone.value() == "UTC+03:00");
  CHECK(op.retention_duration_days.is_null());
  CHECK(m->tags.size() == 1);

  source.type_name = "aws_backup_plan";
  framework::Context other("MoveResourceState", "polybackup_csbs_policy", std::any(), {}, nullptr,
                           &f.clock);
  CHECK_FALSE(resource.Move(other, source).has_value());
  CHECK(other.diagnostics().ToString().find("not aws_backup_plan") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::resources::csbs
