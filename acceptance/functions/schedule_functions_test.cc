// The provider functions through the real Terraform CLI: `terraform console`
// evaluates provider::polybackup::..., bad arguments come back as errors
// pointing at the argument, and examples/one-schedule (an AWS plan, a CSBS
// policy and an R-kvstore policy from one schedule) applies against the
// emulators with the three clouds agreeing.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "acceptance/harness/acceptance.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

// An example configuration without its `terraform {}` block (the workspace
// brings its own required_providers).
std::string ReadExample(const std::string& path) {
  std::ifstream in(std::string(std::getenv("POLYBACKUP_SOURCE_DIR")) + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const size_t start = text.find("\nterraform {");
  if (start == std::string::npos) return text;
  int depth = 0;
  for (size_t i = text.find('{', start); i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) return text.substr(0, start + 1) + text.substr(i + 1);
  }
  return text;
}

}  // namespace

TEST_CASE("terraform console evaluates the schedule functions") {
  if (!AcceptanceTerraform()) return;
  Workspace ws;
  ws.SetConfig("");
  struct Case {
    std::string expression, value;
  };
  const Case cases[] = {
      {R"x(provider::polybackup::schedule(["MON", "wed", "FR"], "02:00").aws_cron)x",
       R"x("cron(0 2 ? * MON,WED,FRI *)")x"},
      {R"x(provider::polybackup::schedule(["daily"], "23:00").kvstore_time)x",
       R"x("23:00Z-24:00Z")x"},
      {R"x(provider::polybackup::parse_aws_cron("cron(0 5 ? * * *)").dbs_period)x",
       R"x("Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday")x"},
      {R"x(provider::polybackup::parse_csbs_rrule("FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0").aws_cron)x",
       R"x("cron(0 12 ? * THU *)")x"},
      {R"x(provider::polybackup::next_runs("cron(0 2 ? * MON *)", 2, "2026-12-02T00:00:00Z"))x",
       "\"2026-12-07T02:00:00Z\",\n  \"2026-12-14T02:00:00Z\","},
  };
  for (const Case& c : cases) {
    CAPTURE(c.expression);
    ProcessResult r = ws.Console(c.expression);
    INFO(Describe(r));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(c.value) != std::string::npos);
  }
}

TEST_CASE("bad arguments are function errors naming the argument, not crashes") {
  if (!AcceptanceTerraform()) return;
  Workspace ws;
  ws.SetConfig("");
  struct Case {
    std::string expression, argument, says;
  };
  const Case cases[] = {
      {R"x(provider::polybackup::schedule(["Funday"], "02:00"))x", "days", "Monday, MON or MO"},
      {R"x(provider::polybackup::schedule(["MON"], "02:30"))x", "time", "on the hour"},
      {R"x(provider::polybackup::parse_aws_cron("cron(0 5 1 * ? *)"))x", "expression",
       "day-of-month"},
      {R"x(provider::polybackup::parse_csbs_rrule("FREQ=HOURLY;BYHOUR=1;BYMINUTE=0"))x", "rule",
       "HOURLY"},
      {R"x(provider::polybackup::next_runs("rate(1 hour)", 0, "2026-12-02T00:00:00Z"))x", "count",
       "1 to 1000"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.expression);
    ProcessResult r = ws.Console(c.expression);
    INFO(Describe(r));
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("Invalid value for \"" + c.argument + "\" parameter") != std::string::npos);
    CHECK(r.err.find(c.says) != std::string::npos);
    CHECK(r.err.find("Plugin did not respond") == std::string::npos);
    CHECK(r.err.find("panic") == std::string::npos);
  }
}

TEST_CASE("one schedule drives an AWS plan, a CSBS policy and a kvstore policy") {
  Emulators* e = AcceptanceEmulators();
  if (e == nullptr) return;
  e->ServiceOp("alicloud_kvstore", "seed_instance",
               {{"instance_id", "r-quickstart0001"}, {"engine", "Redis"}});
  auto env = e->ProviderEnv();
  env["TF_VAR_aws_backup_endpoint"] = e->Url("aws_backup");
  env["TF_VAR_csbs_endpoint"] = e->Url("huaweicloud_csbs");
  env["TF_VAR_iam_endpoint"] = e->Url("huaweicloud_iam");
  env["TF_VAR_kvstore_endpoint"] = e->Url("alicloud_kvstore");
  Workspace ws(env);
  ws.SetConfig(ReadExample("examples/one-schedule/main.tf"));
  ACC_REQUIRE_OK(ws.Apply());
  ACC_REQUIRE_EMPTY_PLAN(ws);  // the check block passed too (a failed check is a warning)

  const json state = e->Control("GET", "/state");
  bool aws = false;
  for (const auto& [id, plan] : state["aws_backup"]["plans"].items()) {
    const json rules = plan["versions"].back()["document"]["Rules"];
    aws = aws ||
          (rules.size() == 1 && rules[0]["ScheduleExpression"] == "cron(0 2 ? * MON,WED,FRI *)");
  }
  CHECK(aws);
  bool csbs = false;
  for (const auto& [id, policy] : state["huaweicloud_csbs"]["policies"].items()) {
    const std::string pattern =
        policy["scheduled_operations"][0]["trigger"]["properties"]["pattern"].get<std::string>();
    csbs =
        csbs || pattern.find("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=2;BYMINUTE=0") != std::string::npos;
  }
  CHECK(csbs);
  const json kv = state["alicloud_kvstore"]["instances"]["r-quickstart0001"]["policy"];
  CHECK(kv["PreferredBackupTime"] == "02:00Z-03:00Z");
  CHECK(kv["PreferredBackupPeriod"] == "Monday,Wednesday,Friday");
  auto plan_run = ws.Plan();
  CHECK(plan_run.out.find("Check block assertion failed") == std::string::npos);
  ACC_REQUIRE_OK(ws.Destroy());
}
