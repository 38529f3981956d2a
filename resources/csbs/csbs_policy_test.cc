#include "resources/csbs/csbs_policy.h"

#include <doctest/doctest.h>

#include "clients/huaweicloud/csbs_codec.h"
#include "tfplugin/cty/value.h"

namespace polybackup::resources::csbs {
namespace {

namespace hw = clients::huaweicloud;

constexpr char kPattern[] =
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

diag::Diagnostics Check(const schema::ValidatorPtr& v, cty::Value value) {
  diag::Diagnostics d;
  v->Validate(value, cty::Path().Attribute("x"), d);
  return d;
}

// The OTC acceptance test's week/month configuration.
PolicyModel WeekMonth() {
  PolicyModel m;
  m.name = "backup-policy";
  m.provider_id = std::string(hw::kCsbsProviderId);
  ScheduledOperationModel op;
  op.name = "mybackup";
  op.enabled = true;
  op.operation_type = "backup";
  op.max_backups = 6;
  op.trigger_pattern = kPattern;
  op.week_backups = 4;
  op.month_backups = 2;
  op.timezone = "UTC+03:00";
  m.scheduled_operation = {op};
  m.resource = {{"srv-1", hw::kCsbsServerType, "resource1"}};
  m.tags = {{"kuh", "muh"}};
  return m;
}

TEST_CASE("validators name what is allowed") {
  CHECK_FALSE(Check(NameValidator(), cty::Value::String("tf-acc_test-1")).HasError());
  CHECK(Check(NameValidator(), cty::Value::String("has space")).ToString().find("1 to 255") !=
        std::string::npos);
  CHECK_FALSE(Check(DescriptionValidator(), cty::Value::String(std::string(255, 'x'))).HasError());
  // 255 characters of three bytes each are still 255 characters.
  std::string wide;
  for (int i = 0; i < 255; ++i) wide += "\xE5\xA4\x87";
  CHECK_FALSE(Check(DescriptionValidator(), cty::Value::String(wide)).HasError());
  CHECK(Check(DescriptionValidator(), cty::Value::String(std::string(256, 'x'))).HasError());
  CHECK(Check(DescriptionValidator(), cty::Value::String("a <b>")).ToString().find("< or >") !=
        std::string::npos);
  CHECK_FALSE(Check(TriggerPatternValidator(), cty::Value::String(kPattern)).HasError());
  auto bad = Check(TriggerPatternValidator(),
                   cty::Value::String("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=HOURLY;"
                                      "BYHOUR=1;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"));
  CHECK(bad.ToString().find("FREQ must be WEEKLY or DAILY, got HOURLY") != std::string::npos);
  CHECK(bad.ToString().find("\"x\"") != std::string::npos);
  CHECK_FALSE(Check(RetentionValidator(), cty::Value::Number(cty::Number::FromInt(-1))).HasError());
  CHECK(Check(RetentionValidator(), cty::Value::Number(cty::Number::FromInt(-2))).HasError());
  CHECK(Check(RetentionValidator(), cty::Value::Number(cty::Number::FromInt(100000))).HasError());
  CHECK_FALSE(Check(TimezoneValidator(), cty::Value::String("UTC-03:30")).HasError());
  CHECK(Check(TimezoneValidator(), cty::Value::String("Europe/Berlin")).HasError());
  CHECK(Check(TagKeyValidator(), cty::Value::String("")).HasError());
  CHECK_FALSE(Check(TagValueValidator(), cty::Value::String("")).HasError());
}

TEST_CASE("rules across attributes") {
  diag::Diagnostics ok;
  CheckPolicy(WeekMonth(), ok);
  CHECK_FALSE(ok.HasError());

  PolicyModel no_zone = WeekMonth();
  no_zone.scheduled_operation[0].timezone = schema::String::Null();
  diag::Diagnostics d1;
  CheckPolicy(no_zone, d1);
  CHECK(d1.ToString().find("timezone") != std::string::npos);

  PolicyModel lonely_zone = WeekMonth();
  lonely_zone.scheduled_operation[0].week_backups = schema::Int64::Null();
  lonely_zone.scheduled_operation[0].month_backups = schema::Int64::Null();
  diag::Diagnostics d2;
  CheckPolicy(lonely_zone, d2);
  CHECK(d2.ToString().find("only taken together") != std::string::npos);

  PolicyModel unknown = no_zone;  // an unknown count decides nothing yet
  unknown.scheduled_operation[0].week_backups = schema::Int64::Unknown();
  diag::Diagnostics d3;
  CheckPolicy(unknown, d3);
  CHECK_FALSE(d3.HasError());

  PolicyModel both = WeekMonth();
  both.scheduled_operation[0].retention_duration_days = 30;
  diag::Diagnostics d4;
  CheckPolicy(both, d4);
  CHECK(d4.ToString().find("either by count (max_backups) or by days") != std::string::npos);
  both.scheduled_operation[0].max_backups = -1;  // off by count: fine
  diag::Diagnostics d5;
  CheckPolicy(both, d5);
  CHECK_FALSE(d5.HasError());

  PolicyModel dup = WeekMonth();
  dup.tags.push_back({"kuh", "other"});
  diag::Diagnostics d6;
  CheckPolicy(dup, d6);
  CHECK(d6.ToString().find("\"kuh\" appears more than once") != std::string::npos);
}

TEST_CASE("create request: the seed's shape, long-term retention included") {
  auto r = CreateRequest(WeekMonth());
  nlohmann::json body = hw::CreatePolicyBody(r);
  const auto& p = body["policy"];
  CHECK(p["name"] == "backup-policy");
  CHECK(p["provider_id"] == hw::kCsbsProviderId);
  CHECK(p["parameters"] == nlohmann::json({{"common", nlohmann::json::object()}}));
  CHECK(p["resources"][0] ==
        nlohmann::json({{"id", "srv-1"}, {"type", "OS::Nova::Server"}, {"name", "resource1"}}));
  const auto& op = p["scheduled_operations"][0];
  CHECK(op["enabled"] == true);
  CHECK(op["operation_type"] == "backup");
  CHECK(op["trigger"]["properties"]["pattern"] == kPattern);
  CHECK(op["operation_definition"] == nlohmann::json({{"max_backups", 6},
                                                      {"week_backups", 4},
                                                      {"month_backups", 2},
                                                      {"timezone", "UTC+03:00"}}));
  CHECK(p["tags"] == nlohmann::json::array({{{"key", "kuh"}, {"value", "muh"}}}));
}

TEST_CASE("update request: only what changed, the operation under its existing id") {
  PolicyModel prior = WeekMonth();
  prior.scheduled_operation[0].id = "op-1";
  PolicyModel planned = prior;
  CHECK(IsEmpty(UpdateRequest(prior, planned)));

  planned.name = "renamed";
  auto r = UpdateRequest(prior, planned);
  CHECK(r.name == "renamed");
  CHECK_FALSE(r.scheduled_operations.has_value());
  CHECK_FALSE(r.resources.has_value());

  planned.scheduled_operation[0].trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  planned.resource.push_back({"srv-2", hw::kCsbsServerType, "second"});
  r = UpdateRequest(prior, planned);
  REQUIRE(r.scheduled_operations.has_value());
  CHECK(r.scheduled_operations->at(0).id == "op-1");
  CHECK(r.scheduled_operations->at(0).operation_definition.week_backups == 4);
  REQUIRE(r.resources.has_value());
  CHECK(r.resources->size() == 2);
  nlohmann::json body = hw::UpdatePolicyBody(r);
  CHECK(body["policy"]["scheduled_operations"][0]["id"] == "op-1");
  CHECK_FALSE(body["policy"]["scheduled_operations"][0].contains("operation_type"));

  // The same servers in another order are no change.
  PolicyModel reordered = prior;
  reordered.resource = {{"b", hw::kCsbsServerType, "b"}, {"a", hw::kCsbsServerType, "a"}};
  PolicyModel again = reordered;
  std::swap(again.resource[0], again.resource[1]);
  CHECK(IsEmpty(UpdateRequest(reordered, again)));
}

// The seed's example answer (numbers as strings, no timezone, another
// provider_id than the request's) read into the OTC week/month state.
TEST_CASE("reading back: strings as numbers, long-term retention and spellings kept") {
  hw::CsbsPolicy p;
  p.id = "pol-1";
  p.name = "backup-policy";
  p.provider_id = "c714180d-ea34-4b13-9a5e-577c7c416eec";
  p.status = "suspended";
  p.created_at = "2017-03-07T09:27:40.928000";
  p.resources = {{.id = "srv-1", .type = hw::kCsbsServerType, .name = "resource1"}};
  hw::CsbsScheduledOperation op;
  op.id = "op-1";
  op.name = "mybackup";
  op.enabled = true;
  op.operation_type = "backup";
  // The same schedule, written with "\n" line ends.
  op.trigger_pattern =
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\nEND:"
      "VEVENT\n"
      "END:VCALENDAR";
  op.operation_definition = hw::ParsePolicy(nlohmann::json::parse(
                                                R"({"scheduled_operations":[{"operation_definition":
                                                    {"max_backups":"6","permanent":"false"}}]})"))
                                .scheduled_operations[0]
                                .operation_definition;
  op.trigger_id = "trg-1";
  op.trigger_name = "default";
  op.trigger_type = "time";
  p.scheduled_operations = {op};
  p.tags = {{"kuh", "muh"}};

  PolicyModel m = WeekMonth();
  ApplyPolicy(p, m);
  CHECK(m.id.value() == "pol-1");
  CHECK(m.provider_id.value() == hw::kCsbsProviderId);  // as configured
  CHECK(m.created_at.value() == "2017-03-07T09:27:40Z");
  CHECK(m.description.is_null());
  CHECK(m.common.is_null());
  const auto& o = m.scheduled_operation.at(0);
  CHECK(o.max_backups.value() == 6);
  CHECK(o.retention_duration_days.is_null());
  CHECK(o.permanent.value() == false);
  CHECK(o.trigger_pattern.value() == kPattern);  // same schedule: the configured text
  CHECK(o.week_backups.value() == 4);            // never answered: kept
  CHECK(o.timezone.value() == "UTC+03:00");
  CHECK(o.trigger_id.value() == "trg-1");
  CHECK(m.tags.size() == 1);

  // A real change shows.
  p.scheduled_operations[0].trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  ApplyPolicy(p, m);
  CHECK(m.scheduled_operation[0].trigger_pattern.value() ==
        p.scheduled_operations[0].trigger_pattern);

  // Nothing known before (import): the answer's values, nulls for "" and 0.
  PolicyModel fresh;
  p.description = "";
  p.scheduled_operations[0].operation_definition.retention_duration_days = 0;
  ApplyPolicy(p, fresh);
  CHECK(fresh.provider_id.value() == "c714180d-ea34-4b13-9a5e-577c7c416eec");
  CHECK(fresh.description.is_null());
  CHECK(fresh.scheduled_operation[0].retention_duration_days.is_null());
  CHECK(fresh.scheduled_operation[0].week_backups.is_null());
}

TEST_CASE("import IDs: the policy ID, optionally the long-term retention") {
  auto plain = ParseImportId("7056d636-ac60-4663-8a6c-82d3c32c1c64");
  REQUIRE(plain.ok());
  CHECK(plain->policy_id == "7056d636-ac60-4663-8a6c-82d3c32c1c64");
  CHECK(plain->long_term.timezone.is_null());

  auto full = ParseImportId("pol-1/week_backups=4,month_backups=2,timezone=UTC+03:00");
  REQUIRE_MESSAGE(full.ok(), full.status().ToString());
  CHECK(full->policy_id == "pol-1");
  CHECK(full->long_term.week_backups.value() == 4);
  CHECK(full->long_term.month_backups.value() == 2);
  CHECK(full->long_term.day_backups.is_null());
  CHECK(full->long_term.timezone.value() == "UTC+03:00");

  for (const char* bad :
       {"", "/week_backups=4", "pol-1/week_backups=4", "pol-1/timezone=UTC+03:00",
        "pol-1/week_backups=x,timezone=UTC+03:00", "pol-1/weeks=4,timezone=UTC+03:00",
        "pol-1/week_backups=1,week_backups=2,timezone=UTC+01:00", "pol 1",
        "pol-1/week_backups=4,timezone=CET"}) {
    INFO(bad);
    auto r = ParseImportId(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("<policy_id>") != std::string::npos);
  }
}

}  // namespace
}  // namespace polybackup::resources::csbs
