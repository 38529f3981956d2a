#include "clients/huaweicloud/csbs_codec.h"

#include <doctest/doctest.h>

namespace polybackup::clients::huaweicloud {
namespace {

using nlohmann::json;

// The seed's example response (csbs-create-backup-policy.rst) with its two
// typos (trailing commas, which no JSON parser accepts) removed. Quirks kept:
// max_backups as a string, a provider_id that differs from the request's,
// start_time with a space and no zone, created_at without a zone.
constexpr char kSeedAnswer[] = R"({
  "policy" : {
    "created_at" : "2017-03-07T09:27:40.928000",
    "description" : "My plan",
    "id" : "f766c171-9336-479a-8b30-b83cabf6381e",
    "name" : "my-plan",
    "parameters" : { "common" : { } },
    "project_id" : "tenant",
    "provider_id" : "c714180d-ea34-4b13-9a5e-577c7c416eec",
    "resources" : [ {
      "id" : "45baf976-c20a-4894-a7c3-c94b7376bf55", "name" : "resource1",
      "type" : "OS::Nova::Server", "extra_info" : { } }, {
      "id" : "5aa119a8-d25b-45a7-8d1b-88e127885635", "name" : "resource2",
      "type" : "OS::Nova::Server" } ],
    "scheduled_operations" : [ {
      "description" : "My backup policy", "enabled" : true,
      "id" : "9303a23d-e433-48e7-b88a-5ee6442e434e", "name" : "my-backup-policy",
      "operation_definition" : { "max_backups" : "20",
        "plan_id" : "f766c171-9336-479a-8b30-b83cabf6381e",
        "provider_id" : "c714180d-ea34-4b13-9a5e-577c7c416eec" },
      "operation_type" : "backup",
      "trigger" : { "id" : "8178846b-766d-4fe6-941f-b38c76b6f3b9", "name" : "default",
        "properties" : {
          "pattern" : "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
          "start_time" : "2017-03-07 09:27:41", "format" : "ical" },
        "type" : "time" },
      "trigger_id" : "8178846b-766d-4fe6-941f-b38c76b6f3b9" } ],
    "status" : "suspended" } })";

TEST_CASE("the seed's example answer parses, max_backups given as a string") {
  json answer = json::parse(kSeedAnswer);
  CsbsPolicy p = ParsePolicy(answer["policy"]);
  CHECK(p.id == "f766c171-9336-479a-8b30-b83cabf6381e");
  CHECK(p.status == "suspended");
  CHECK(p.project_id == "tenant");
  CHECK(p.provider_id == "c714180d-ea34-4b13-9a5e-577c7c416eec");
  CHECK(p.common.empty());
  REQUIRE(p.resources.size() == 2);
  CHECK(p.resources[1].name == "resource2");
  CHECK(p.resources[1].type == kCsbsServerType);
  REQUIRE(p.scheduled_operations.size() == 1);
  const CsbsScheduledOperation& op = p.scheduled_operations[0];
  CHECK(op.enabled == true);
  CHECK(op.operation_definition.max_backups == 20);
  CHECK_FALSE(op.operation_definition.retention_duration_days.has_value());
  CHECK_FALSE(op.operation_definition.permanent.has_value());
  CHECK(op.operation_definition.plan_id == p.id);
  CHECK(op.trigger_id == "8178846b-766d-4fe6-941f-b38c76b6f3b9");
  CHECK(op.trigger_name == "default");
  CHECK(op.trigger_type == "time");
  CHECK(op.trigger_format == "ical");
  CHECK(op.trigger_start_time == "2017-03-07 09:27:41");
  CHECK(op.trigger_pattern.find("RRULE:FREQ=WEEKLY;BYDAY=TH") != std::string::npos);
  CHECK(ParseCsbsTime(p.created_at).has_value());
}

TEST_CASE("string-or-number fields: OTC strings, Huawei native types, junk reads as unset") {
  json d = {{"max_backups", "-1"},  {"retention_duration_days", 30}, {"permanent", "False"},
            {"day_backups", " 7 "}, {"week_backups", 4.0},           {"month_backups", "x"},
            {"year_backups", ""}};
  CHECK(IntField(d, "max_backups") == -1);
  CHECK(IntField(d, "retention_duration_days") == 30);
  CHECK(BoolField(d, "permanent") == false);
  CHECK(IntField(d, "day_backups") == 7);
  CHECK(IntField(d, "week_backups") == 4);
  CHECK_FALSE(IntField(d, "month_backups").has_value());
  CHECK_FALSE(IntField(d, "year_backups").has_value());
  CHECK_FALSE(IntField(d, "absent").has_value());
  CHECK(BoolField(json{{"p", true}}, "p") == true);
  CHECK(BoolField(json{{"p", "true"}}, "p") == true);
  CHECK_FALSE(BoolField(json{{"p", "yes"}}, "p").has_value());
  CHECK(StringField(json{{"n", 5}}, "n") == "5");
  CHECK(StringField(json::array(), "n").empty());
}

TEST_CASE(
    "create body: policy wrapper, mandatory parameters/enabled, native types, no empty tags") {
  CreateCsbsPolicyRequest r;
  r.name = "p1";
  r.resources = {{.id = "srv-1", .name = "web"}};
  CsbsScheduledOperation op;
  op.trigger_pattern = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  op.operation_definition.max_backups = 20;
  op.operation_definition.permanent = false;
  op.operation_definition.day_backups = 3;
  op.operation_definition.timezone = "UTC+08:00";
  r.scheduled_operations = {op};
  json body = CreatePolicyBody(r);
  const json& p = body["policy"];
  CHECK(p["provider_id"] == kCsbsProviderId);
  CHECK(p["parameters"] == json({{"common", json::object()}}));
  CHECK(p["resources"][0] ==
        json({{"id", "srv-1"}, {"type", "OS::Nova::Server"}, {"name", "web"}}));
  const json& o = p["scheduled_operations"][0];
  CHECK(o["enabled"] == true);
  CHECK(o["operation_type"] == "backup");
  CHECK_FALSE(o.contains("id"));
  CHECK(o["operation_definition"] == json({{"max_backups", 20},
                                           {"permanent", false},
                                           {"day_backups", 3},
                                           {"timezone", "UTC+08:00"}}));
  CHECK(o["trigger"]["properties"]["pattern"] == op.trigger_pattern);
  CHECK_FALSE(p.contains("tags"));
  CHECK_FALSE(p.contains("description"));
  r.tags = {{"k", "v"}};
  CHECK(CreatePolicyBody(r)["policy"]["tags"] == json::array({{{"key", "k"}, {"value", "v"}}}));
}

TEST_CASE("update body: only what is set; operations keep their id") {
  CHECK(UpdatePolicyBody({}) == json({{"policy", json::object()}}));
  UpdateCsbsPolicyRequest r;
  r.description = "";
  CsbsScheduledOperation op;
  op.id = "op-1";
  op.enabled = false;
  op.operation_definition.retention_duration_days = 7;
  r.scheduled_operations = std::vector<CsbsScheduledOperation>{op};
  json p = UpdatePolicyBody(r)["policy"];
  CHECK(p["description"] == "");
  CHECK_FALSE(p.contains("name"));
  CHECK_FALSE(p.contains("resources"));
  CHECK(p["scheduled_operations"][0]["id"] == "op-1");
  CHECK(p["scheduled_operations"][0]["enabled"] == false);
  CHECK(p["scheduled_operations"][0]["operation_definition"]["retention_duration_days"] == 7);
}

TEST_CASE("next marker comes from the rel=next link") {
  json answer = {{"policies_links",
                  {{{"rel", "next"}, {"href", "http://h/v1/p/policies?limit=2&marker=id-2"}}}}};
  CHECK(NextMarkerFromLinks(answer) == "id-2");
  CHECK(NextMarkerFromLinks(json{{"policies_links", json::array()}}).empty());
  CHECK(NextMarkerFromLinks(json{{"policies_links", {{{"rel", "prev"}, {"href", "?marker=x"}}}}})
            .empty());
  CHECK(NextMarkerFromLinks(json::object()).empty());
}

TEST_CASE("CSBS times: no zone means UTC; microseconds; space separator") {
  using std::chrono::system_clock;
  auto t = ParseCsbsTime("2017-04-18T01:21:52.701973");
  REQUIRE(t.has_value());
  CHECK(std::chrono::duration_cast<std::chrono::microseconds>(t->time_since_epoch()).count() ==
        1492478512701973LL);
  CHECK(ParseCsbsTime("2017-03-07 09:27:41") ==
        system_clock::time_point(std::chrono::seconds(1488878861)));
  CHECK(ParseCsbsTime("2017-03-07T09:27:41Z").has_value());
  CHECK_FALSE(ParseCsbsTime("2017-02-30T00:00:00").has_value());
  CHECK_FALSE(ParseCsbsTime("2017-03-07T09:27").has_value());
  CHECK_FALSE(ParseCsbsTime("2017-03-07T09:27:41+08:00").has_value());
}

}  // namespace
}  // namespace polybackup::clients::huaweicloud
