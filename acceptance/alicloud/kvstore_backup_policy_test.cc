// Acceptance scenarios of polybackup_kvstore_backup_policy: the real
// Terraform CLI drives the built provider against the R-kvstore emulator, or
// a real account (kvstore_target.h says how). Each scenario is data for the
// step runner (acceptance/harness/steps.h).
#include <doctest/doctest.h>

#include "acceptance/alicloud/kvstore_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kAddress[] = "polybackup_kvstore_backup_policy.test";

std::string PolicyConfig(const KvstoreTarget& t, const std::string& body) {
  return t.ProviderBlock() + "resource \"polybackup_kvstore_backup_policy\" \"test\" {\n" +
         "  instance_id = \"" + t.instance_id() + "\"\n" + body + "\n}\n";
}

std::string DataSourceConfig(const KvstoreTarget& t, const std::string& name,
                             const std::string& instance_id) {
  return t.ProviderBlock() + "data \"polybackup_kvstore_backup_policy\" \"" + name + "\" {\n" +
         "  instance_id = \"" + instance_id + "\"\n}\n";
}

const KvPolicy kOriginal{"01:00Z-02:00Z", "Tuesday,Thursday", false};
const KvPolicy kFoundAtImport{"07:00Z-08:00Z", "Saturday,Sunday", false};

// A real account's instance gets the policy it had before the scenario back.
Callback RestoreRealAccount(KvstoreTarget& t) {
  return [&t] {
    if (!t.emulated()) t.Prepare(kOriginal);
  };
}

AttrCheck IsNumber(const std::string& path) {
  return AttrWith(path, "is a number", [](const json& v) { return v.is_number(); });
}

}  // namespace

TEST_CASE("kvstore backup policy: create, no-op plan, update, drift, disappear, import, destroy") {
  auto t = KvstoreTarget::Get();
  if (!t) return;
  const std::string created = PolicyConfig(*t, R"(
  backup_period = ["Monday", "Wednesday", "Friday"]
  backup_time = "02:00Z-03:00Z"
  enable_backup_log = true
)");
  const std::string updated = PolicyConfig(*t, R"(
  backup_period = ["Monday", "Wednesday", "Friday"]
  backup_time = "04:00Z-05:00Z"
  enable_backup_log = true
)");
  const std::string as_found = PolicyConfig(*t, R"(
  backup_period = ["Sunday", "Saturday"]
  backup_time = "07:00Z-08:00Z"
  enable_backup_log = false
)");
  const std::string managed = PolicyConfig(*t, R"(
  backup_period = ["Monday"]
  backup_time = "12:00Z-13:00Z"
)");
  std::vector<Step> steps = {
      // Create: the instance's policy is adopted and changed.
      {.kind =
           Basic{.config = created,
                 .checks = {Attr("id", t->instance_id()), Attr("backup_time", "02:00Z-03:00Z"),
                            Attr("backup_period", {"Friday", "Monday", "Wednesday"}),
                            Attr("enable_backup_log", true), IsNumber("backup_retention_period"),
                            AttrSet("region"), AttrSet("preferred_next_backup_time")},
                 .cloud =
                     [&] {
                       KvPolicy cloud = t->Read();
                       CHECK(cloud.time == "02:00Z-03:00Z");
                       CHECK(cloud.period == "Monday,Wednesday,Friday");
                       CHECK(cloud.log);
                     }},
       .before = [&] { t->Prepare(kOriginal); }},
      // Import reproduces the state (in a scratch workspace, so the policy
      // destroy restores stays the one found at creation).
      {Import{}},
      // Update in place (not a replacement), of the window only.
      {UpdateInPlace{.config = updated,
                     .attributes = {"backup_time"},
                     .cloud = [&] { CHECK(t->Read().time == "04:00Z-05:00Z"); }}},
      // Changed out of band: refresh shows it, the plan puts it back.
      {Drift{.change = [&] { t->ChangeWindowOutOfBand("10:00Z-11:00Z"); },
             .attribute = "backup_time",
             .drifted = "10:00Z-11:00Z",
             .configured = "04:00Z-05:00Z",
             .cloud = [&] { CHECK(t->Read().time == "04:00Z-05:00Z"); }}},
      // The instance is deleted out of band: the plan wants to create again.
      {.kind = Disappears{.remove = [&] { t->DeleteInstance(); }},
       .emulator_only = "the instance cannot be deleted out of band"},
      // A new instance with that ID and its own policy (on a real account:
      // the same one, forgotten by `state rm`). Import brings the policy in,
      // and a configuration written with the same values plans no changes.
      {.kind = Import{.config = as_found,
                      .id = t->instance_id(),
                      .verify = false,
                      .into = ImportInto::kScenarioState,
                      .checks = {Attr("backup_time", "07:00Z-08:00Z")}},
       .before = [&] { t->Prepare(kFoundAtImport); }},
      // Manage it for a while; destroy then restores the policy found at import.
      {Basic{.config = managed, .cloud = [&] { CHECK(t->Read().period == "Monday"); }}},
  };
  RunScenario(t->scenario_target(), {.address = kAddress,
                                     .steps = std::move(steps),
                                     .check_destroy =
                                         [&] {
                                           KvPolicy cloud = t->Read();
                                           CHECK(cloud.time == kFoundAtImport.time);
                                           CHECK(cloud.period == kFoundAtImport.period);
                                         },
                                     .cleanup = RestoreRealAccount(*t)});
}

TEST_CASE(
    "kvstore backup policy: an omitted period keeps the instance's, keep_on_destroy keeps all") {
  auto t = KvstoreTarget::Get();
  if (!t) return;
  const std::string kept = PolicyConfig(*t, R"(
  backup_time = "05:00Z-06:00Z"
  keep_on_destroy = true
)");
  std::vector<Step> steps = {
      {.kind = Basic{.config = kept,
                     .checks = {Attr("backup_period", {"Thursday", "Tuesday"})},
                     .cloud =
                         [&] {
                           KvPolicy cloud = t->Read();
                           CHECK(cloud.time == "05:00Z-06:00Z");
                           CHECK(cloud.period == "Tuesday,Thursday");
                         }},
       .before = [&] { t->Prepare(kOriginal); }},
  };
  RunScenario(t->scenario_target(),
              {.address = kAddress,
               .steps = std::move(steps),
               // Left as it was.
               .check_destroy = [&] { CHECK(t->Read().time == "05:00Z-06:00Z"); },
               .cleanup = RestoreRealAccount(*t)});
}

TEST_CASE("kvstore backup policy: bad values are refused at validate time, before any API call") {
  auto t = KvstoreTarget::Get();
  if (!t) return;
  auto refused = [&](const std::string& body, const std::string& attribute,
                     const std::string& allowed) -> Step {
    return {ExpectError{.config = PolicyConfig(*t, body),
                        .at = Command::kValidate,
                        .messages = {attribute, allowed},
                        .api_calls = [&] { return t->ApiCalls(); }}};
  };
  std::vector<Step> steps = {
      refused(R"(  backup_time = "2:00-3:00")", "backup_time", "HH:00Z-HH:00Z"),
      refused(R"(  backup_time = "02:00Z-04:00Z")", "backup_time", "HH:00Z-HH:00Z"),
      refused(R"(  backup_period = ["Monday", "Funday"])", "backup_period", "Monday"),
  };
  RunScenario(t->scenario_target(), {.address = kAddress, .steps = std::move(steps)});
}

TEST_CASE("kvstore backup policy data source reads the current policy") {
  auto t = KvstoreTarget::Get();
  if (!t) return;
  const std::string current = DataSourceConfig(*t, "current", t->instance_id()) + R"(
output "window" {
  value = data.polybackup_kvstore_backup_policy.current.backup_time
}
)";
  const std::string missing = DataSourceConfig(*t, "missing", "r-does-not-exist");
  std::vector<Step> steps = {
      {.kind = Basic{.config = current,
                     .checks = {Attr("backup_time", "01:00Z-02:00Z"),
                                On(kOutputs, Attr("window", "01:00Z-02:00Z"))}},
       .before = [&] { t->Prepare(kOriginal); }},
      {ExpectError{.config = missing, .at = Command::kPlan, .messages = {"r-does-not-exist"}}},
  };
  RunScenario(t->scenario_target(), {.address = "data.polybackup_kvstore_backup_policy.current",
                                     .steps = std::move(steps)});
}

TEST_CASE(
    "kvstore backup policy: the last window of the day, in either spelling, plans no change") {
  // "23:00Z-24:00Z" is the Alibaba provider's only spelling and failed at
  // apply; the client sends it for "23:00Z-00:00Z" too, and the state keeps
  // the spelling written.
  auto t = KvstoreTarget::Get();
  if (!t) return;
  for (const std::string window : {"23:00Z-24:00Z", "23:00Z-00:00Z"}) {
    CAPTURE(window);
    std::vector<Step> steps = {
        {.kind = Basic{.config = PolicyConfig(*t, "  backup_time = \"" + window +
                                                      "\"\n  backup_period = [\"Sunday\"]\n"),
                       .checks = {Attr("backup_time", window)},
                       .cloud = [&] { CHECK(t->Read().time == "23:00Z-24:00Z"); }},
         .before = [&] { t->Prepare(kOriginal); }},
    };
    RunScenario(t->scenario_target(),
                {.address = kAddress,
                 .steps = std::move(steps),
                 // Destroy puts the earlier window back.
                 .check_destroy = [&] { CHECK(t->Read().time == kOriginal.time); },
                 .cleanup = RestoreRealAccount(*t)});
  }
}
