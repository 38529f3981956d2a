// Acceptance scenarios of polybackup_dbs_backup_plan and its data sources:
// the real Terraform CLI drives the built provider against the DBS emulator,
// or a real account (dbs_target.h says how). Each scenario is data for the
// step runner (acceptance/harness/steps.h). The configurations are those of
// the Alibaba provider's own acceptance tests for alicloud_dbs_backup_plan,
// with the type renamed.
#include <doctest/doctest.h>

#include <map>

#include "acceptance/alicloud/dbs_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kAddress[] = "polybackup_dbs_backup_plan.test";
constexpr char kPrefix[] = "tf-acc-polybackup-dbs";

using Attrs = std::map<std::string, std::string>;  // name → HCL expression

// TestAccAlicloudDBSBackupPlan_basic0's arguments: a pay-as-you-go logical
// backup of one MySQL database, backup_retention_period written as a string.
Attrs Reference(const DbsTarget& t, const std::string& name) {
  const DbsSource& s = t.source();
  return {{"backup_plan_name", "\"" + name + "\""},
          {"payment_type", "\"PayAsYouGo\""},
          {"instance_class", "\"xlarge\""},
          {"backup_method", "\"logical\""},
          {"database_type", "\"MySQL\""},
          {"database_region", "\"" + s.region + "\""},
          {"storage_region", "\"" + s.region + "\""},
          {"instance_type", "\"RDS\""},
          {"source_endpoint_instance_type", "\"RDS\""},
          {"source_endpoint_region", "\"" + s.region + "\""},
          {"source_endpoint_instance_id", "\"" + s.instance_id + "\""},
          {"source_endpoint_user_name", "\"" + s.user + "\""},
          {"source_endpoint_password", "\"" + s.password + "\""},
          {"backup_objects", "\"[{\\\"DBName\\\":\\\"" + s.database + "\\\"}]\""},
          {"backup_period", "\"Monday\""},
          {"backup_start_time", "\"14:22\""},
          {"backup_storage_type", "\"system\""},
          {"backup_retention_period", "\"740\""}};
}

Attrs With(Attrs a, const Attrs& changes) {
  for (const auto& [k, v] : changes) {
    if (v.empty()) {
      a.erase(k);
    } else {
      a[k] = v;
    }
  }
  return a;
}

// What import cannot recover: DBS does not report the purchase parameters.
Attrs AsImported(Attrs a) {
  return With(std::move(a),
              {{"database_region", ""}, {"storage_region", ""}, {"instance_type", ""}});
}
const std::vector<std::string> kNotImported = {"database_region", "storage_region",
                                               "instance_type"};

std::string Resource(const std::string& name, const Attrs& attrs) {
  std::string hcl = "resource \"polybackup_dbs_backup_plan\" \"" + name + "\" {\n";
  for (const auto& [k, v] : attrs) hcl += "  " + k + " = " + v + "\n";
  return hcl + "}\n";
}

std::string Config(const DbsTarget& t, const Attrs& attrs) {
  return t.ProviderBlock() + Resource("test", attrs);
}

json OnlyPlan(const DbsTarget& t, const std::string& prefix) {
  std::vector<json> plans = t.Plans(prefix);
  REQUIRE(plans.size() == 1);
  return plans[0];
}

}  // namespace

TEST_CASE("dbs backup plan: create, rename and reschedule in place, pause, drift, import, gone") {
  auto t = DbsTarget::Get();
  if (!t) return;
  const std::string name = std::string(kPrefix) + "-orders";
  const Attrs created = With(Reference(*t, name), {{"backup_period", "\"Monday,Thursday\""}});
  const Attrs renamed = With(created, {{"backup_plan_name", "\"" + name + "-nightly\""},
                                       {"backup_period", "\"Tuesday,Saturday\""},
                                       {"backup_start_time", "\"03:30\""}});
  const Attrs paused = With(renamed, {{"status", "\"pause\""}});
  std::string id;
  std::vector<Step> steps = {
      // Create: CreateBackupPlan, "too soon" answers until configure is
      // taken (the emulator refuses it for 5 s), start, running.
      {.kind = Basic{.config = Config(*t, created),
                     .checks = {AttrSet("id"), Attr("status", "running"),
                                Attr("payment_type", "PayAsYouGo"),
                                Attr("backup_period", "Monday,Thursday"),
                                Attr("source_endpoint_instance_type", "RDS"),
                                Attr("backup_retention_period", 740),
                                Attr("region", t->source().region),
                                AttrAbsent("source_endpoint_password")},
                     .cloud =
                         [&] {
                           json plan = OnlyPlan(*t, name);
                           id = plan["BackupPlanId"];
                           CHECK(plan["BackupPlanStatus"] == "running");
                           if (t->emulated()) {
                             CHECK(plan["BackupPeriod"] == "MONDAY,THURSDAY");
                             CHECK(t->PasswordReceived(id) == t->source().password);
                             // Refused while too soon, then taken.
                             CHECK(t->ApiCalls("ConfigureBackupPlan") > 1);
                           }
                         }},
       .before = [&] { t->Prepare(5); }},
      // Rename and a new schedule: ModifyBackupPlanName and
      // ModifyBackupStrategy, an update in place.
      {UpdateInPlace{.config = Config(*t, renamed),
                     .attributes = {"backup_plan_name", "backup_period", "backup_start_time"},
                     .cloud =
                         [&] {
                           json plan = OnlyPlan(*t, name + "-nightly");
                           CHECK(plan["BackupPlanId"] == id);
                           CHECK(plan["BackupStartTime"] == "03:30");
                         }}},
      {UpdateInPlace{.config = Config(*t, paused),
                     .attributes = {"status"},
                     .cloud = [&] { CHECK(OnlyPlan(*t, name)["BackupPlanStatus"] == "pause"); }}},
      // Changed out of band: refresh shows it, the plan puts it back.
      {Drift{.change = [&] { t->ChangeStartTimeOutOfBand(id, "05:05"); },
             .attribute = "backup_start_time",
             .drifted = "05:05",
             .configured = "03:30",
             .cloud =
                 [&] {
                   json plan = OnlyPlan(*t, name);
                   CHECK(plan["BackupStartTime"] == "03:30");
                   CHECK(plan["BackupPlanStatus"] == "pause");
                 }}},
      // Import by plan ID reproduces the state; what DBS does not report is
      // not imported, and a configuration without it plans no change.
      {Import{.config = Config(*t, AsImported(paused)), .verify_ignore = kNotImported}},
      // Released out of band: the plan wants to create it again.
      {Disappears{.remove = [&] { t->ReleaseOutOfBand(id); }}},
  };
  RunScenario(t->scenario_target(), {.address = kAddress,
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK(t->Plans(kPrefix).empty()); }});
}

TEST_CASE("dbs backup plan: the reference provider's acceptance configurations, type renamed") {
  // TestAccAlicloudDBSBackupPlan_basic0 (with resource_group_id), then
  // basic1's status steps: pause, running; then its import.
  auto t = DbsTarget::Get();
  if (!t) return;
  const std::string name = std::string(kPrefix) + "-basic0";
  const Attrs basic0 = With(Reference(*t, name), {{"resource_group_id", "\"rg-aek2qkbrnvh6xzi\""}});
  std::vector<Step> steps = {
      {.kind = Basic{.config = Config(*t, basic0),
                     .checks = {Attr("backup_plan_name", name), Attr("payment_type", "PayAsYouGo"),
                                Attr("instance_class", "xlarge"), Attr("backup_method", "logical"),
                                Attr("database_type", "MySQL"), AttrSet("database_region"),
                                AttrSet("storage_region"), Attr("instance_type", "RDS"),
                                Attr("backup_retention_period", 740),
                                Attr("backup_period", "Monday"), Attr("status", "running"),
                                Attr("resource_group_id", "rg-aek2qkbrnvh6xzi")}},
       .before = [&] { t->Prepare(1); }},
      {UpdateInPlace{.config = Config(*t, With(basic0, {{"status", "\"pause\""}})),
                     .attributes = {"status"},
                     .checks = {Attr("status", "pause")}}},
      {UpdateInPlace{.config = Config(*t, With(basic0, {{"status", "\"running\""}})),
                     .attributes = {"status"},
                     .checks = {Attr("status", "running")}}},
      {Import{.config = Config(*t, AsImported(With(basic0, {{"status", "\"running\""}}))),
              .verify_ignore = kNotImported}},
  };
  RunScenario(t->scenario_target(), {.address = kAddress,
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK(t->Plans(kPrefix).empty()); }});
}

TEST_CASE("dbs backup plan: configure fails after create; the next apply replaces the plan") {
  auto t = DbsTarget::Get();
  if (!t || !t->emulated()) return;  // faults are injected by the emulator only
  const std::string config = Config(*t, Reference(*t, std::string(kPrefix) + "-fault"));
  std::string orphan;
  std::vector<Step> steps = {
      {.kind =
           ExpectError{.config = config,
                       .at = Command::kApply,
                       .messages = {"creating DBS Backup Plan", "configuring", "InvalidParameter"}},
       .before =
           [&] {
             t->Prepare(0);
             t->FailNext("ConfigureBackupPlan", "InvalidParameter");
           }},
      // The plan created before the failure is in state (tainted): the
      // next apply releases it and creates another, leaving exactly one.
      {.kind = Basic{.config = config,
                     .checks = {Attr("status", "running")},
                     .cloud =
                         [&] {
                           std::vector<json> plans = t->Plans("");
                           REQUIRE(plans.size() == 1);
                           CHECK(plans[0]["BackupPlanId"] != orphan);
                         }},
       .before =
           [&] {
             std::vector<json> plans = t->Plans("");
             REQUIRE(plans.size() == 1);  // not configured: named after its ID
             orphan = plans[0]["BackupPlanId"];
           }},
  };
  RunScenario(t->scenario_target(), {.address = kAddress,
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK(t->Plans("").empty()); }});
}

TEST_CASE("dbs backup plan: a rotated password is sent when its version changes, never stored") {
  auto t = DbsTarget::Get();
  if (!t || !t->emulated()) return;  // the emulator shows the password it received
  const Attrs first =
      With(Reference(*t, std::string(kPrefix) + "-rotate"),
           {{"backup_period", "\"Monday,Friday\""}, {"source_endpoint_password_wo_version", "1"}});
  const Attrs rotated = With(first, {{"source_endpoint_password", "\"R0tated-Passw0rd\""},
                                     {"source_endpoint_password_wo_version", "2"}});
  std::string id;
  std::vector<Step> steps = {
      {.kind = Basic{.config = Config(*t, first),
                     .checks = {AttrAbsent("source_endpoint_password")},
                     .cloud =
                         [&] {
                           id = OnlyPlan(*t, kPrefix)["BackupPlanId"];
                           CHECK(t->PasswordReceived(id) == t->source().password);
                         }},
       .before = [&] { t->Prepare(0); }},
      // The database's password changed: DBS's precheck only passes with
      // the new one, which ModifyBackupSourceEndpoint sends.
      {.kind =
           UpdateInPlace{
               .config = Config(*t, rotated),
               .attributes = {"source_endpoint_password_wo_version"},
               .checks = {AttrAbsent("source_endpoint_password"), Attr("status", "running")},
               .cloud = [&] { CHECK(t->PasswordReceived(id) == "R0tated-Passw0rd"); }},
       .before = [&] { t->ChangeDatabasePassword("R0tated-Passw0rd"); }},
  };
  RunScenario(t->scenario_target(), {.address = kAddress,
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK(t->Plans("").empty()); }});
}

TEST_CASE("dbs backup plan: bad values are refused at validate time, before any API call") {
  auto t = DbsTarget::Get();
  if (!t) return;
  const Attrs base = Reference(*t, std::string(kPrefix) + "-bad");
  auto refused = [&](const Attrs& changes, std::vector<std::string> messages) -> Step {
    return {ExpectError{.config = Config(*t, With(base, changes)),
                        .at = Command::kValidate,
                        .messages = std::move(messages),
                        .api_calls = [&] { return t->ApiCalls(); }}};
  };
  std::vector<Step> steps = {
      refused({{"backup_period", "\"Monday,Funday\""}}, {"backup_period", "Monday,Thursday"}),
      refused({{"backup_start_time", "\"2:22\""}}, {"backup_start_time", "HH:mm"}),
      refused({{"instance_class", "\"huge\""}}, {"instance_class", "xlarge"}),
      refused({{"backup_method", "\"snapshot\""}}, {"backup_method", "logical"}),
      refused({{"backup_retention_period", "2000"}}, {"backup_retention_period", "1825"}),
      refused({{"status", "\"stopped\""}}, {"status", "pause"}),
      refused({{"backup_objects", "\"orders\""}}, {"backup_objects", "JSON array"}),
      refused({{"payment_type", "\"Subscription\""}, {"period", "\"Year\""}, {"used_time", "10"}},
              {"used_time", "1 to 9"}),
      refused({{"payment_type", "\"Subscription\""}, {"period", "\"Month\""}, {"used_time", "12"}},
              {"used_time", "11"}),
      refused({{"source_endpoint_instance_id", ""}}, {"source_endpoint_instance_id", "RDS"}),
  };
  // What only buying a plan needs is refused when planning one, still before
  // any call (an imported plan's configuration may leave it out).
  auto unbuyable = [&](const Attrs& changes, std::vector<std::string> messages) -> Step {
    return {ExpectError{.config = Config(*t, With(base, changes)),
                        .at = Command::kPlan,
                        .messages = std::move(messages),
                        .api_calls = [&] { return t->ApiCalls(); }}};
  };
  steps.push_back(unbuyable({{"storage_region", ""}}, {"storage_region", "pay-as-you-go"}));
  steps.push_back(unbuyable({{"payment_type", "\"Subscription\""}}, {"period", "used_time"}));
  steps.push_back(unbuyable({{"source_endpoint_password", ""}}, {"source_endpoint_password"}));
  RunScenario(t->scenario_target(), {.address = kAddress, .steps = std::move(steps)});
}
