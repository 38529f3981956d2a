// The plan model's mapping (backup_plan_model.h) and validation
// (backup_plan_validation.h): what is sent, what is read back, which forms
// are kept, and the diagnostics of bad configurations.
#include "resources/aws/backup_plan_model.h"

#include <doctest/doctest.h>

#include "clients/aws/backup_codec.h"
#include "resources/aws/backup_plan_validation.h"

namespace polybackup::resources::aws {
namespace {

namespace cl = clients::aws;
using nlohmann::json;

RuleModel Rule(const std::string& name, const std::string& schedule) {
  RuleModel r;
  r.rule_name = name;
  r.target_vault_name = "vault";
  r.schedule = schedule;
  r.schedule_expression_timezone = kDefaultTimezone;
  r.start_window = kDefaultStartWindow;
  r.completion_window = kDefaultCompletionWindow;
  r.enable_continuous_backup = false;
  return r;
}

LifecycleModel Lifecycle(schema::Int64 cold, schema::Int64 del) {
  return {.cold_storage_after = cold,
          .delete_after = del,
          .opt_in_to_archive_for_supported_resources = false};
}

cl::BackupPlan Answer(const json& doc) {
  json j = {{"BackupPlan", doc},
            {"BackupPlanId", "p-1"},
            {"BackupPlanArn", "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1"},
            {"VersionId", "v-2"}};
  return cl::ParseBackupPlan(j);
}

json RuleJson(const std::string& name, json extra = json::object()) {
  json r = {{"RuleName", name},
            {"TargetBackupVaultName", "vault"},
            {"ScheduleExpression", "cron(0 5 ? * * *)"},
            {"ScheduleExpressionTimezone", "Etc/UTC"},
            {"StartWindowMinutes", 60},
            {"CompletionWindowMinutes", 180},
            {"RuleId", "r-" + name}};
  r.update(extra);
  return r;
}

std::string Errors(const BackupPlanModel& m) {
  diag::Diagnostics d;
  ValidatePlan(m, d);
  return d.ToString();
}

}  // namespace

TEST_CASE("the document sent: defaults as planned, no 0 days, no aws: tags, settings") {
  BackupPlanModel m;
  m.name = "plan";
  RuleModel r = Rule("daily", "cron(0 5 ? * * *)");
  r.lifecycle = {Lifecycle(int64_t{0}, int64_t{35})};
  r.copy_action = {{.destination_vault_arn = "arn:dr", .lifecycle = {}}};
  r.recovery_point_tags = std::map<std::string, std::string>{{"k", "v"}, {"aws:x", "y"}};
  RuleModel empty_lifecycle = Rule("weekly", "cron(0 3 ? * SUN *)");
  empty_lifecycle.lifecycle = {Lifecycle(schema::Int64(), schema::Int64())};
  m.rule = {r, empty_lifecycle};
  m.advanced_backup_setting = {
      {.backup_options = std::map<std::string, std::string>{{"WindowsVSS", "enabled"}},
       .resource_type = "EC2"}};
  json doc = cl::BackupPlanDocumentToJson(ToDocument(m));
  CHECK(doc["BackupPlanName"] == "plan");
  const json& daily = doc["Rules"][0];
  CHECK(daily["StartWindowMinutes"] == 60);
  CHECK(daily["CompletionWindowMinutes"] == 180);
  CHECK(daily["EnableContinuousBackup"] == false);
  CHECK(daily["Lifecycle"] == json({{"DeleteAfterDays", 35}}));  // the 0 is not sent
  CHECK(daily["RecoveryPointTags"] == json({{"k", "v"}}));
  CHECK(daily["CopyActions"] == json::array({{{"DestinationBackupVaultArn", "arn:dr"}}}));
  CHECK(doc["Rules"][1]["Lifecycle"] == json::object());  // an empty block, as written
  CHECK(doc["AdvancedBackupSettings"][0]["ResourceType"] == "EC2");
}

TEST_CASE("reading pairs rules by name and keeps the prior's forms where they mean the same") {
  BackupPlanModel prior;
  prior.id = "p-1";
  prior.tags = std::map<std::string, std::string>{};
  RuleModel daily = Rule("daily", "cron(0 5 ? * MON-FRI *)");  // AWS may spell it otherwise
  daily.lifecycle = {Lifecycle(int64_t{0}, int64_t{35})};
  daily.recovery_point_tags = std::map<std::string, std::string>{};
  RuleModel weekly = Rule("weekly", "cron(0 3 ? * SUN *)");
  weekly.lifecycle = {Lifecycle(schema::Int64(), schema::Int64())};  // an empty block
  weekly.copy_action = {{.destination_vault_arn = "arn:dr", .lifecycle = {}}};
  prior.rule = {daily, weekly};

  json doc = {{"BackupPlanName", "plan"},
              {"Rules",
               {RuleJson("weekly", {{"ScheduleExpression", "cron(0 3 ? * SUN *)"},
                                    {"CopyActions", {{{"DestinationBackupVaultArn", "arn:dr"}}}}}),
                RuleJson("daily", {{"ScheduleExpression", "cron(0 5 ? * 2-6 *)"},
                                   {"Lifecycle", {{"DeleteAfterDays", 35}}},
                                   {"RecoveryPointTags", {{"aws:backup:source", "x"}}}}),
                RuleJson("new", {{"ScheduleExpression", ""},
                                 {"ScheduleExpressionTimezone", ""},
                                 {"Lifecycle", json::object()}})}}};
  BackupPlanModel m = FromApi(Answer(doc), prior);
  CHECK(m.version.value() == "v-2");
  CHECK(m.arn.value() == "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1");
  REQUIRE(m.rule.size() == 3);
  const RuleModel& w = m.rule[0];
  CHECK(w.lifecycle.size() == 1);  // empty block kept (AWS answered none)
  CHECK(w.copy_action.at(0).lifecycle.empty());
  CHECK(w.recovery_point_tags.is_null());
  const RuleModel& d = m.rule[1];
  CHECK(d.schedule.value() == "cron(0 5 ? * MON-FRI *)");    // same days: the prior text
  CHECK(d.lifecycle.at(0).cold_storage_after.value() == 0);  // 0 as written
  CHECK(d.lifecycle.at(0).delete_after.value() == 35);
  CHECK(d.recovery_point_tags.value().empty());  // aws: tags dropped; {} as written
  const RuleModel& n = m.rule[2];
  CHECK(n.schedule.value() == kDefaultSchedule);
  CHECK(n.schedule_expression_timezone.value() == kDefaultTimezone);
  CHECK(n.lifecycle.empty());  // "{}" is no lifecycle
  CHECK(n.recovery_point_tags.is_null());
}

TEST_CASE("a schedule AWS changed is read as changed") {
  BackupPlanModel prior;
  prior.rule = {Rule("daily", "cron(0 5 ? * * *)")};
  json doc = {{"BackupPlanName", "plan"},
              {"Rules", {RuleJson("daily", {{"ScheduleExpression", "cron(0 9 ? * * *)"}})}}};
  CHECK(FromApi(Answer(doc), prior).rule.at(0).schedule.value() == "cron(0 9 ? * * *)");
}

TEST_CASE("the advanced settings come from the top level of the answer") {
  json j = {{"BackupPlan", {{"BackupPlanName", "p"}, {"Rules", {RuleJson("r")}}}},
            {"BackupPlanId", "p-1"},
            {"AdvancedBackupSettings",
             {{{"ResourceType", "EC2"}, {"BackupOptions", {{"WindowsVSS", "disabled"}}}}}}};
  BackupPlanModel m = FromApi(cl::ParseBackupPlan(j), BackupPlanModel{});
  REQUIRE(m.advanced_backup_setting.size() == 1);
  CHECK(m.advanced_backup_setting[0].backup_options.value().at("WindowsVSS") == "disabled");
}

TEST_CASE("SameSchedule compares meaning, not text") {
  CHECK(SameSchedule("cron(0 5 ? * MON-FRI *)", "cron(0 5 ? * 2-6 *)"));
  CHECK(SameSchedule("cron(0 5 ? * * *)", "cron(0  5 ? * 1-7 *)"));
  CHECK(SameSchedule("cron(0 0 1 jan ? *)", "cron(0 0 1 1 ? *)"));
  CHECK(SameSchedule("rate(1 hour)", "rate(60 minutes)"));
  CHECK_FALSE(SameSchedule("cron(0 5 ? * * *)", "cron(0 6 ? * * *)"));
  CHECK_FALSE(SameSchedule("cron(0 5 ? * 6L *)", "cron(0 5 ? * 6#4 *)"));
  CHECK_FALSE(SameSchedule("rate(1 day)", "cron(0 0 * * ? *)"));
  CHECK_FALSE(SameSchedule("not one", "not two"));
}

TEST_CASE("cross-attribute rules: each refusal names the rule and what is allowed") {
  BackupPlanModel ok;
  RuleModel a = Rule("a", "cron(0 5 ? * * *)");
  a.lifecycle = {Lifecycle(int64_t{30}, int64_t{120})};
  ok.rule = {a};
  CHECK(Errors(ok).empty());

  BackupPlanModel close = ok;
  close.rule[0].lifecycle = {Lifecycle(int64_t{30}, int64_t{100})};
  std::string e = Errors(close);
  CHECK(e.find("rule \"a\"") != std::string::npos);
  CHECK(e.find("at least 120") != std::string::npos);

  BackupPlanModel copy = ok;
  copy.rule[0].copy_action = {
      {.destination_vault_arn = "arn:x", .lifecycle = {Lifecycle(int64_t{10}, int64_t{20})}}};
  CHECK(Errors(copy).find("a copy action of rule \"a\"") != std::string::npos);

  BackupPlanModel continuous = ok;
  continuous.rule[0].enable_continuous_backup = true;
  continuous.rule[0].lifecycle = {Lifecycle(int64_t{30}, int64_t{365})};
  e = Errors(continuous);
  CHECK(e.find("cold_storage_after") != std::string::npos);
  CHECK(e.find("35 days") != std::string::npos);

  BackupPlanModel twice;
  twice.rule = {Rule("same", "cron(0 5 ? * * *)"), Rule("same", "cron(0 6 ? * * *)")};
  CHECK(Errors(twice).find("Duplicate rule name") != std::string::npos);

  BackupPlanModel options;
  options.rule = {Rule("a", "cron(0 5 ? * * *)")};
  options.advanced_backup_setting = {
      {.backup_options = std::map<std::string, std::string>{{"WindowsVSS", "on"}},
       .resource_type = "EC2"},
      {.backup_options = std::map<std::string, std::string>{{"WindowsVSS", "enabled"}},
       .resource_type = "S3"}};
  e = Errors(options);
  CHECK(e.find("\"enabled\" or \"disabled\"") != std::string::npos);
  CHECK(e.find("BackupACLs, BackupObjectTags") != std::string::npos);

  // Unknown values (a configuration not yet resolved) are not judged.
  BackupPlanModel unknown = close;
  unknown.rule[0].lifecycle[0].delete_after = schema::Int64::Unknown();
  CHECK(Errors(unknown).empty());
}

TEST_CASE("the schedule validator explains the parser's finding, with the attribute") {
  diag::Diagnostics d;
  const cty::Path path = cty::Path().Attribute("rule").Index(0).Attribute("schedule");
  ScheduleValidator()->Validate(cty::Value::String("cron(0 12 * * * *)"), path, d);
  REQUIRE(d.size() == 1);
  CHECK(d.items()[0].summary == "Invalid value for \"rule[0].schedule\"");
  CHECK(d.items()[0].detail.find("one of them must be \"?\"") != std::string::npos);
  diag::Diagnostics fine;
  ScheduleValidator()->Validate(cty::Value::String("cron(0 10 ? * 6L *)"), path, fine);
  CHECK(fine.empty());
}

}  // namespace polybackup::resources::aws
