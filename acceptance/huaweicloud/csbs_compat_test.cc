// polybackup_csbs_policy through the real Terraform CLI: the OTC provider's
// week/month acceptance configuration under the _v1 name (long-term
// retention the service never returns, kept from the configuration; then
// moved to the canonical name), and the
// data sources (one policy by id or name, the list across pages, none or
// several as errors). Targets: csbs_target.h.
#include <doctest/doctest.h>

#include "acceptance/harness/steps.h"
#include "acceptance/huaweicloud/csbs_target.h"

namespace polybackup::acceptance {
namespace {

using nlohmann::json;

// opentelekomcloud/acceptance/csbs/resource_opentelekomcloud_csbs_backup_policy_v1_test.go,
// testAccCSBSBackupPolicyV1WeekMonth, renamed; `long_term` replaces its
// week/month/timezone lines, `tag` its tag's value.
std::string WeekMonth(const CsbsTarget& t, const std::string& long_term,
                      const std::string& tag = "muh") {
  return t.ProviderBlock() + R"(
resource "polybackup_csbs_backup_policy_v1" "backup_policy_v1" {
  name = "backup-policy"

  resource {
    id   = ")" +
         t.ServerId(0) + R"("
    type = "OS::Nova::Server"
    name = "resource1"
  }
  scheduled_operation {
    name            = "mybackup"
    enabled         = true
    operation_type  = "backup"
    max_backups     = "6"
    trigger_pattern = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)" + long_term +
         R"(  }
  tags {
    key   = "kuh"
    value = ")" +
         tag + R"("
  }
}
)";
}

constexpr char kWeekMonth[] =
    "    week_backups    = \"4\"\n    month_backups   = \"2\"\n    timezone        = "
    "\"UTC+03:00\"\n";
constexpr char kWeekMonth3[] =
    "    week_backups    = \"4\"\n    month_backups   = \"3\"\n    timezone        = "
    "\"UTC+03:00\"\n";

std::string Renamed(std::string config) {
  const std::string from = "resource \"polybackup_csbs_backup_policy_v1\"";
  config.replace(config.find(from), from.size(), "resource \"polybackup_csbs_policy\"");
  return config;
}

std::optional<std::string> OnlyPolicy(const CsbsTarget& t, const std::string& name) {
  for (const std::string& id : t.PolicyIds()) {
    if (t.Read(id).name == name) return id;
  }
  return std::nullopt;
}

TEST_CASE("csbs policy, OTC week/month config under the _v1 name: kept, imported, updated") {
  auto t = CsbsTarget::Get(CsbsAuth::kAkSk);
  if (!t) return;
  std::string id;
  std::vector<Step> steps = {
      // Applied and then planned empty: the values the service never
      // returns are kept from the configuration.
      {Basic{.config = WeekMonth(*t, kWeekMonth),
             .checks = {Attr("scheduled_operation.0.week_backups", 4),
                        Attr("scheduled_operation.0.month_backups", 2),
                        Attr("scheduled_operation.0.timezone", "UTC+03:00"),
                        AttrAbsent("scheduled_operation.0.day_backups"), Attr("tags.0.key", "kuh"),
                        Attr("tags.0.value", "muh")},
             .cloud =
                 [&] {
                   id = OnlyPolicy(*t, "backup-policy").value_or("");
                   REQUIRE_FALSE(id.empty());
                   if (!t->emulated()) return;
                   // Sent, although never answered.
                   json d = t->Read(id).definition;
                   CHECK(d["week_backups"] == 4);
                   CHECK(d["timezone"] == "UTC+03:00");
                 }}},
      // Import cannot read them back (the OTC test ignores
      // scheduled_operation too): a configuration without them plans empty.
      {Import{.config = WeekMonth(*t, ""), .verify_ignore = {"scheduled_operation"}}},
      {UpdateInPlace{.config = WeekMonth(*t, kWeekMonth3),
                     .attributes = {"scheduled_operation"},
                     .checks = {Attr("scheduled_operation.0.month_backups", 3)},
                     .cloud =
                         [&] {
                           if (!t->emulated()) return;
                           json d = t->Read(id).definition;
                           CHECK(d["month_backups"] == 3);
                           CHECK(d["week_backups"] == 4);
                         }}},
      // Tags are taken at creation only.
      {Replace{.config = WeekMonth(*t, kWeekMonth3, "kuh2"),
               .checks = {Attr("tags.0.value", "kuh2")}}},
      // To the canonical name with a `moved` block: the state moves with its
      // long-term retention, nothing is replaced, the plan after is empty.
      {.kind = Basic{.config = Renamed(WeekMonth(*t, kWeekMonth3, "kuh2")) + R"(
moved {
  from = polybackup_csbs_backup_policy_v1.backup_policy_v1
  to   = polybackup_csbs_policy.backup_policy_v1
}
)",
                     .checks = {On("polybackup_csbs_policy.backup_policy_v1",
                                   Attr("scheduled_operation.0.week_backups", 4)),
                                On("polybackup_csbs_policy.backup_policy_v1",
                                   Attr("scheduled_operation.0.timezone", "UTC+03:00"))},
                     .cloud = [&] { CHECK(OnlyPolicy(*t, "backup-policy") == id); }},
       .before = [&] { id = OnlyPolicy(*t, "backup-policy").value_or(""); }},
  };
  RunScenario(t->scenario_target(),
              {.address = "polybackup_csbs_backup_policy_v1.backup_policy_v1",
               .steps = std::move(steps),
               .check_destroy = [&] { CHECK_FALSE(OnlyPolicy(*t, "backup-policy").has_value()); }});
}

std::string Lookups(const CsbsTarget& t, const std::string& extra = "") {
  return t.ProviderBlock() + R"(
locals {
  servers = [")" +
         t.ServerId(0) + R"(", ")" + t.ServerId(1) + R"(", ")" + t.ServerId(2) + R"("]
}

resource "polybackup_csbs_policy" "p" {
  count = 3
  name  = "ds-policy-${count.index}"
  resource {
    id   = local.servers[count.index]
    type = "OS::Nova::Server"
    name = "server-${count.index}"
  }
  scheduled_operation {
    operation_type  = "backup"
    trigger_pattern = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=${count.index};BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    max_backups     = 7
  }
}

data "polybackup_csbs_policies" "all" {
  depends_on = [polybackup_csbs_policy.p]
}

data "polybackup_csbs_policies" "for_server" {
  resource_id = local.servers[1]
  depends_on  = [polybackup_csbs_policy.p]
}

data "polybackup_csbs_policy" "by_name" {
  name = polybackup_csbs_policy.p[1].name
}

data "polybackup_csbs_backup_policy_v1" "by_id" {
  id = polybackup_csbs_policy.p[2].id
}
)" + extra;
}

TEST_CASE("csbs data sources: one by id or name, the list across pages, none or several fail") {
  auto t = CsbsTarget::Get(CsbsAuth::kAkSk);
  if (!t) return;
  auto size_at_least = [](size_t n) {
    return [n](const json& v) { return v.is_array() && v.size() >= n; };
  };
  std::vector<Step> steps = {
      {.kind = Basic{.config = Lookups(*t),
                     .checks = {On("data.polybackup_csbs_policies.all",
                                   AttrWith("ids", "lists the 3 policies", size_at_least(3))),
                                On("data.polybackup_csbs_policies.all",
                                   AttrSet("policies.0.scheduled_operation.0.trigger_pattern")),
                                On("data.polybackup_csbs_policies.for_server",
                                   AttrWith("ids", "lists one policy",
                                            [](const json& v) { return v.size() == 1; })),
                                On("data.polybackup_csbs_policies.for_server",
                                   Attr("policies.0.name", "ds-policy-1")),
                                On("data.polybackup_csbs_policy.by_name",
                                   Attr("status", "suspended")),
                                On("data.polybackup_csbs_policy.by_name",
                                   Attr("scheduled_operation.0.max_backups", 7)),
                                On("data.polybackup_csbs_backup_policy_v1.by_id",
                                   Attr("name", "ds-policy-2"))},
                     .cloud =
                         [&] {
                           if (!t->emulated()) return;
                           // Pages of two: the list followed the marker.
                           int lists = 0;
                           for (const auto& [route, status] : t->Requests()) {
                             lists += route == "ListPolicies" && status == 200;
                           }
                           CHECK(lists >= 2);
                         }},
       .before = [&] { t->SetPageLimit(2); }},
      {ExpectError{.config = Lookups(*t, R"(
data "polybackup_csbs_policy" "none" {
  name = "no-such-policy"
}
)"),
                   .messages = {"No CSBS backup policy found", "name = \"no-such-policy\""}}},
      {ExpectError{.config = Lookups(*t, R"(
data "polybackup_csbs_policy" "many" {
  status = "suspended"
}
)"),
                   .messages = {"More than one CSBS backup policy found"}}},
  };
  RunScenario(
      t->scenario_target(),
      {.address = "polybackup_csbs_policy.p[0]", .steps = std::move(steps), .check_destroy = [&] {
         for (int i = 0; i < 3; ++i) {
           CHECK_FALSE(OnlyPolicy(*t, "ds-policy-" + std::to_string(i)).has_value());
         }
       }});
}

}  // namespace
}  // namespace polybackup::acceptance
