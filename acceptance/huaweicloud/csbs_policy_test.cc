// polybackup_csbs_policy through the real Terraform CLI, against the CSBS
// and IAM emulators (or a real project, csbs_target.h). The configurations
// are the reference providers' own acceptance-test configurations
// (opentelekomcloud/acceptance/csbs/resource_opentelekomcloud_csbs_backup_policy_v1_test.go,
// huaweicloud/services/acceptance/deprecated/*csbs_backup_policy_v1_test.go) with
// only the type renamed and the server resource replaced by a server ID.
#include <doctest/doctest.h>

#include <algorithm>

#include "acceptance/harness/steps.h"
#include "acceptance/huaweicloud/csbs_target.h"

namespace polybackup::acceptance {
namespace {

constexpr char kWeeklyThursday[] =
    R"(BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n)";
constexpr char kDailyTwo[] =
    R"(BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n)";

std::string Pattern(const std::string& rule) {
  return R"(BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:)" + rule +
         R"(\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n)";
}

std::string Resource(const std::string& id, const std::string& name) {
  return "  resource {\n    id   = \"" + id + "\"\n    type = \"OS::Nova::Server\"\n    name = \"" +
         name + "\"\n  }\n";
}

// The reference providers' basic policy as a `type` resource named
// backup_policy_v1: `extra` goes into scheduled_operation, `tail` after it.
std::string Policy(const std::string& type, const std::string& resources,
                   const std::string& pattern, const std::string& extra = "",
                   const std::string& tail = "") {
  return "resource \"" + type + "\" \"backup_policy_v1\" {\n  name = \"backup-policy\"\n\n" +
         resources +
         "  scheduled_operation {\n"
         "    name            = \"mybackup\"\n"
         "    enabled         = true\n"
         "    operation_type  = \"backup\"\n"
         "    max_backups     = \"2\"\n"
         "    trigger_pattern = \"" +
         pattern + "\"\n" + extra + "  }\n" + tail + "}\n";
}

std::optional<std::string> IdByName(const CsbsTarget& t, const std::string& name) {
  for (const std::string& id : t.PolicyIds()) {
    if (t.Read(id).name == name) return id;
  }
  return std::nullopt;
}

int Count(const std::vector<std::pair<std::string, int>>& requests, const std::string& route,
          int status = 0, size_t from = 0) {
  int n = 0;
  for (size_t i = from; i < requests.size(); ++i) {
    n += requests[i].first == route && (status == 0 || requests[i].second == status);
  }
  return n;
}

// Validation steps: each bad value is refused by `terraform validate`, naming
// the attribute and what is wrong, before any request reaches the cloud.
std::vector<Step> BadValues(CsbsTarget& t, const std::string& type, const std::string& server) {
  auto calls = [&t] { return static_cast<int>(t.Requests().size()); };
  auto bad = [&](const std::string& pattern, const std::string& extra,
                 std::vector<std::string> messages) {
    return Step{ExpectError{
        .config = t.ProviderBlock() + Policy(type, Resource(server, "resource4"), pattern, extra),
        .at = Command::kValidate,
        .messages = std::move(messages),
        .api_calls = calls}};
  };
  const std::string all_hours =
      "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
      "BYMINUTE=0,30";
  return {
      bad(Pattern("FREQ=HOURLY;BYHOUR=1;BYMINUTE=0"), "",
          {"trigger_pattern", "FREQ must be WEEKLY or DAILY, got HOURLY"}),
      bad(Pattern("FREQ=DAILY;BYHOUR=25;BYMINUTE=0"), "",
          {"trigger_pattern", "BYHOUR value 25 is out of range"}),
      bad(Pattern("FREQ=DAILY;BYHOUR=3;BYMINUTE=0,30"), "",
          {"trigger_pattern", "03:00 and 03:30 are only 30 minutes apart"}),
      bad(Pattern(all_hours), "", {"trigger_pattern", "48 backups a day", "at most 24"}),
      bad(kWeeklyThursday, "    week_backups = 4\n", {"timezone", "required"}),
      bad(kWeeklyThursday, "    retention_duration_days = 30\n",
          {"retention_duration_days", "not both"}),
  };
}

// Create, no-change plan, schedule and servers changed in place, drift,
// import (plan empty), out-of-band deletion, and a destroy the service
// first refuses with 409.
void Lifecycle(CsbsTarget& t, const std::string& type, bool expire_token_mid_apply) {
  const std::string address = type + ".backup_policy_v1";
  const std::string one =
      t.ProviderBlock() + Policy(type, Resource(t.ServerId(0), "resource4"), kWeeklyThursday);
  const std::string two =
      t.ProviderBlock() +
      Policy(type, Resource(t.ServerId(0), "resource4") + Resource(t.ServerId(1), "resource5"),
             kDailyTwo);
  std::string id, operation_id;
  size_t mark = 0;
  std::vector<Step> steps = {
      {Basic{.config = one,
             .checks = {Attr("name", "backup-policy"), Attr("status", "suspended"), AttrSet("id"),
                        Attr("region", "eu-de"),
                        Attr("provider_id", "fc4d5750-22e7-4798-8a46-f48f62c4c1da"),
                        Attr("scheduled_operation.0.max_backups", 2),
                        Attr("scheduled_operation.0.permanent", false),
                        AttrSet("scheduled_operation.0.trigger_id"),
                        Attr("resource.0.id", t.ServerId(0))},
             .cloud =
                 [&] {
                   auto found = IdByName(t, "backup-policy");
                   REQUIRE(found.has_value());
                   id = *found;
                   CsbsCloudPolicy p = t.Read(id);
                   CHECK(p.definition["max_backups"] == 2);
                   CHECK(p.server_ids == std::vector<std::string>{t.ServerId(0)});
                   operation_id = p.operation_id;
                 }}},
  };
  for (Step& s : BadValues(t, type, t.ServerId(0))) steps.push_back(std::move(s));
  steps.push_back(
      {.kind = UpdateInPlace{.config = two,
                             .attributes = {"scheduled_operation", "resource"},
                             .cloud =
                                 [&] {
                                   CsbsCloudPolicy p = t.Read(id);
                                   CHECK(p.server_ids.size() == 2);
                                   CHECK(p.trigger_pattern.find("FREQ=DAILY") != std::string::npos);
                                   // Updated, not recreated: same operation.
                                   CHECK(p.operation_id == operation_id);
                                   if (!expire_token_mid_apply || !t.emulated()) return;
                                   // The token expired at the PUT: refreshed once, PUT again.
                                   auto r = t.Requests();
                                   CHECK(Count(r, "UpdatePolicy", 401, mark) == 1);
                                   CHECK(Count(r, "UpdatePolicy", 200, mark) == 1);
                                   CHECK(Count(r, "KeystoneCreateUserTokenByPassword", 201, mark) >=
                                         2);
                                 }},
       .before = [&] {
         if (!expire_token_mid_apply || !t.emulated()) return;
         t.ExpireTokensOn("UpdatePolicy");
         mark = t.Requests().size();
       }});
  steps.push_back({Drift{.change = [&] { t.SetMaxBackups(id, 5); },
                         .attribute = "scheduled_operation.0.max_backups",
                         .drifted = 5,
                         .configured = 2,
                         .cloud = [&] { CHECK(t.Read(id).definition["max_backups"] == 2); }}});
  steps.push_back({Import{}});
  steps.push_back({Disappears{.remove = [&] { t.Delete(id); }}});
  steps.push_back({Basic{.config = two, .cloud = [&] {
                           id = IdByName(t, "backup-policy").value_or("");
                           // Destroy meets a busy policy first.
                           if (t.emulated()) t.RefuseDeletes(2);
                         }}});
  RunScenario(t.scenario_target(),
              {.address = address, .steps = std::move(steps), .check_destroy = [&] {
                 CHECK_FALSE(t.Read(id).exists);
                 if (!t.emulated()) return;
                 auto r = t.Requests();
                 CHECK(Count(r, "DeletePolicy", 409) == 2);
                 CHECK(Count(r, "DeletePolicy", 200) >= 1);
               }});
}

TEST_CASE("csbs policy with AK/SK: create, validate, update, drift, import, disappear, 409") {
  auto t = CsbsTarget::Get(CsbsAuth::kAkSk);
  if (!t) return;
  Lifecycle(*t, "polybackup_csbs_policy", /*expire_token_mid_apply=*/false);
  if (!t->emulated()) return;
  // AK/SK without a project ID: looked up in IAM's project list.
  CHECK(Count(t->Requests(), "KeystoneListProjects", 200) >= 1);
}

TEST_CASE("csbs policy with a Keystone password (the _v1 name): a token expiring mid-apply") {
  auto t = CsbsTarget::Get(CsbsAuth::kPassword);
  if (!t) return;
  Lifecycle(*t, "polybackup_csbs_backup_policy_v1", /*expire_token_mid_apply=*/true);
  if (!t->emulated()) return;
  // The block's password was used (not the AK/SK in the environment), the
  // project taken from the token's scope.
  auto r = t->Requests();
  CHECK(Count(r, "KeystoneCreateUserTokenByPassword", 201) >= 1);
  CHECK(Count(r, "KeystoneListProjects") == 0);
}

TEST_CASE("csbs policy: a create wait that times out keeps the ID; the next apply converges") {
  auto t = CsbsTarget::Get(CsbsAuth::kAkSk);
  if (!t) return;
  const std::string policy =
      Policy("polybackup_csbs_policy", Resource(t->ServerId(0), "r"), kWeeklyThursday);
  const std::string quick =
      t->ProviderBlock() + Policy("polybackup_csbs_policy", Resource(t->ServerId(0), "r"),
                                  kWeeklyThursday, "", "  timeouts {\n    create = \"5s\"\n  }\n");
  std::string first;
  const char* kEmulatorOnly = "a policy cannot be held in \"creating\" on a real project";
  std::vector<Step> steps = {
      {.kind = ExpectError{.config = quick,
                           .at = Command::kApply,
                           .messages = {"waiting for the creation of CSBS Backup Policy",
                                        "timed out waiting for CSBS policy", "to finish creating"}},
       .before = [&] { t->HoldCreating(true); },
       .emulator_only = kEmulatorOnly},
      // The timed-out policy was in state (tainted): it is replaced, not
      // duplicated (a second create would clash on the name, CSBS.9007).
      {.kind = Basic{.config = t->ProviderBlock() + policy,
                     .checks = {Attr("status", "suspended")},
                     .cloud =
                         [&] {
                           auto ids = t->PolicyIds();
                           REQUIRE(ids.size() == 1);
                           CHECK(ids[0] != first);
                         },
                     .log_has = {"is tainted, so must be replaced"}},
       .before =
           [&] {
             auto ids = t->PolicyIds();
             REQUIRE(ids.size() == 1);
             first = ids[0];
             t->Settle(first);
             t->HoldCreating(false);
           },
       .emulator_only = kEmulatorOnly},
  };
  RunScenario(t->scenario_target(), {.address = "polybackup_csbs_policy.backup_policy_v1",
                                     .steps = std::move(steps),
                                     .check_destroy = [&] {
                                       if (t->emulated()) CHECK(t->PolicyIds().empty());
                                     }});
}

}  // namespace
}  // namespace polybackup::acceptance
