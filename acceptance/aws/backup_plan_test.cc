// Acceptance scenarios of polybackup_aws_backup_plan, with the vault and
// the selection it is wired to: the real Terraform CLI drives the built
// provider against the AWS Backup emulator or a real account
// (backup_target.h). Each scenario is data for the step runner.
#include <doctest/doctest.h>

#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kPlan[] = "polybackup_aws_backup_plan.test";
constexpr char kVault[] = "polybackup_aws_backup_vault.test";
constexpr char kSelection[] = "polybackup_aws_backup_selection.test";
constexpr char kDefaultTags[] = "    default_tags {\n      tags = { team = \"platform\" }\n    }\n";

std::string Schedule(const BackupTarget& t, const std::string& plan, const std::string& rule) {
  std::optional<polybackup::clients::aws::BackupPlan> p = t.FindPlan(t.PlanId(plan));
  REQUIRE(p.has_value());
  for (const auto& r : p->plan.rules) {
    if (r.rule_name == rule) return r.schedule_expression;
  }
  FAIL("no rule " << rule);
  return "";
}

AttrCheck RuleCount(size_t n) {
  return AttrWith("rule", std::to_string(n) + " rules",
                  [n](const json& v) { return v.is_array() && v.size() == n; });
}

}  // namespace

TEST_CASE(
    "aws backup plan, vault and selection: create, edit one rule, drift, import each, destroy") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const auto names = Names(*t, "main");
  auto config = [&](const std::string& weekly) {
    return t->ProviderBlock(kDefaultTags) + Fill(Renamed(WiredConfig(weekly)), names);
  };
  const std::string plan = names.at("PLAN");
  std::vector<Step> steps = {
      // Create the three, wired by references; the plan is then empty.
      {Basic{.config = config("cron(0 3 ? * SUN *)"),
             .checks = {AttrSet("arn"), AttrSet("version"), RuleCount(2), Attr("tags.env", "test"),
                        Attr("tags_all", {{"env", "test"}, {"team", "platform"}}),
                        On(kVault, Attr("recovery_points", 0)), On(kSelection, AttrSet("id"))},
             .cloud =
                 [&] {
                   CHECK(Schedule(*t, plan, "weekly") == "cron(0 3 ? * SUN *)");
                   CHECK(t->VaultExists(names.at("VAULT")));
                 }}},
      // One rule edited: only that rule is in the plan, as its old and its
      // new version; the other is an unchanged (hidden) block.
      {UpdateInPlace{.config = config("cron(0 4 ? * SAT *)"),
                     .attributes = {"rule"},
                     .cloud = [&] { CHECK(Schedule(*t, plan, "weekly") == "cron(0 4 ? * SAT *)"); },
                     .plan_check =
                         [](const json& change, const std::string& text) {
                           CHECK(ChangedRules(change) == std::set<std::string>{"weekly"});
                           CHECK(CountLines(text, "- rule {") == 1);
                           CHECK(CountLines(text, "+ rule {") == 1);
                           CHECK(text.find("# (1 unchanged block hidden)") != std::string::npos);
                         }}},
      // A rule edited out of band shows as drift of that rule, and goes back.
      {Drift{.change =
                 [&] {
                   t->ChangeRuleOutOfBand(t->PlanId(plan), "daily", [](auto& r) {
                     r.schedule_expression = "cron(0 9 ? * * *)";
                   });
                 },
             .attribute = "rule",
             .cloud = [&] { CHECK(Schedule(*t, plan, "daily") == "cron(0 5 ? * * *)"); },
             .drift_check =
                 [](const json& change, const std::string& text) {
                   CHECK(ChangedRules(change) == std::set<std::string>{"daily"});
                   CHECK(text.find("cron(0 9 ? * * *)") != std::string::npos);
                 }}},
      // A tag edited out of band, likewise.
      {Drift{.change =
                 [&] {
                   t->TagOutOfBand(t->FindPlan(t->PlanId(plan))->backup_plan_arn, "env", "changed");
                 },
             .attribute = "tags.env",
             .drifted = "changed",
             .configured = "test"}},
      // Each of the three imports back to the very same state, and plans no
      // change (the selection by "<plan-id>|<selection-id>").
      {Import{.into = ImportInto::kScenarioState}},
      {.kind = Import{.into = ImportInto::kScenarioState}, .address = kVault},
      {.kind = Import{.id_fn =
                          [](const json& v) {
                            return v["plan_id"].get<std::string>() + "|" +
                                   v["id"].get<std::string>();
                          },
                      .into = ImportInto::kScenarioState},
       .address = kSelection},
  };
  // Destroy goes selection, plan, vault; nothing is left.
  RunScenario(t->scenario_target(),
              {.address = kPlan, .steps = std::move(steps), .check_destroy = [&] {
                 CHECK(t->PlansNamed(plan) == 0);
                 CHECK_FALSE(t->VaultExists(names.at("VAULT")));
               }});
}

TEST_CASE("aws backup plan: deleted out of band, the plan makes it again") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const auto names = Names(*t, "gone");
  const std::string config = t->ProviderBlock() + Fill(VaultAndPlan(""), names);
  std::vector<Step> steps = {
      // No schedule: AWS's default one is planned, so nothing churns.
      {Basic{.config = config,
             .checks = {AttrWith("rule", "the default schedule",
                                 [](const json& v) {
                                   return v.size() == 1 && v[0]["schedule"] == "cron(0 5 ? * * *)";
                                 })}}},
      {Disappears{.remove = [&] { t->DeletePlanOutOfBand(t->PlanId(names.at("PLAN"))); }}},
  };
  RunScenario(t->scenario_target(),
              {.address = kPlan, .steps = std::move(steps), .check_destroy = [&] {
                 CHECK(t->PlansNamed(names.at("PLAN")) == 0);
               }});
}

TEST_CASE(
    "aws backup plan: the create answer is lost after AWS made the plan; the retry makes no second "
    "one") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const auto names = Names(*t, "lost");
  const std::string config =
      t->ProviderBlock() +
      Fill(VaultAndPlan("    schedule          = \"cron(0 5 ? * * *)\"\n"), names);
  std::vector<Step> steps = {
      {.kind = Basic{.config = config,
                     .checks = {AttrSet("id")},
                     .cloud =
                         [&] {
                           // Two requests (the first one's answer dropped),
                           // one CreatorRequestId, one plan.
                           std::vector<json> creates = t->Requests("CreateBackupPlan");
                           REQUIRE(creates.size() == 2);
                           CHECK(creates[0]["status"] == "dropped");
                           CHECK(creates[1]["status"] == 200);
                           CHECK(t->PlansNamed(names.at("PLAN")) == 1);
                         }},
       .before = [&] { t->DropAnswerAfterCommit("CreateBackupPlan"); },
       .emulator_only = "only the emulator can drop an answer after the commit"},
  };
  RunScenario(t->scenario_target(),
              {.address = kPlan, .steps = std::move(steps), .check_destroy = [&] {
                 CHECK(t->PlansNamed(names.at("PLAN")) == 0);
               }});
}

TEST_CASE(
    "aws backup plan: bad values are refused at validate time, naming them, before any API call") {
  auto t = BackupTarget::Get();
  if (!t) return;
  auto plan = [&](const std::string& rule_body, const std::string& plan_body = "",
                  const std::string& rule_name = "daily", const std::string& vault = "vault") {
    return t->ProviderBlock() + "resource \"polybackup_aws_backup_plan\" \"test\" {\n" +
           "  name = \"plan\"\n" + plan_body + "  rule {\n    rule_name = \"" + rule_name +
           "\"\n    target_vault_name = \"" + vault + "\"\n" + rule_body + "  }\n}\n";
  };
  auto refused = [&](const std::string& config, std::vector<std::string> messages) -> Step {
    return {ExpectError{.config = config,
                        .at = Command::kValidate,
                        .messages = std::move(messages),
                        .api_calls = [&] { return t->ApiCalls(); }}};
  };
  std::vector<Step> steps = {
      refused(plan("schedule = \"cron(0 12 * * *)\"\n"), {"rule", "schedule", "6 fields"}),
      refused(plan("schedule = \"cron(0 12 * * * *)\"\n"), {"schedule", "day-of-month", "\"?\""}),
      refused(plan("schedule = \"cron(0 12 ? * MON-FUN *)\"\n"),
              {"schedule", "\"FUN\"", "SUN-SAT"}),
      refused(plan("schedule = \"cron(0/15 * * * ? *)\"\n"), {"schedule", "hourly", "\"0/15\""}),
      refused(plan("schedule = \"rate(1 hours)\"\n"), {"schedule", "singular"}),
      refused(plan("schedule = \"every day\"\n"), {"schedule", "cron(", "rate("}),
      refused(plan("lifecycle {\n  cold_storage_after = 30\n  delete_after = 100\n}\n"),
              {"rule \"daily\"", "delete_after", "at least 90 days after", "cold_storage_after"}),
      refused(plan("enable_continuous_backup = true\nlifecycle {\n  cold_storage_after = 30\n"
                   "  delete_after = 200\n}\n"),
              {"enable_continuous_backup", "cold_storage_after"}),
      refused(plan("enable_continuous_backup = true\nlifecycle {\n  delete_after = 40\n}\n"),
              {"enable_continuous_backup", "35 days"}),
      refused(plan("copy_action {\n  destination_vault_arn = \"vault-2\"\n"
                   "  lifecycle {\n    cold_storage_after = 10\n    delete_after = 20\n  }\n}\n"),
              {"destination_vault_arn", "backup vault ARN"}),
      refused(plan("start_window = 30\n"), {"start_window", "60"}),
      refused(plan("completion_window = 0\n"), {"completion_window"}),
      refused(plan("schedule_expression_timezone = \"Not a zone\"\n"),
              {"schedule_expression_timezone", "IANA"}),
      refused(plan("recovery_point_tags = { \"aws:x\" = \"y\" }\n"),
              {"recovery_point_tags", "aws:"}),
      refused(plan("",
                   "  advanced_backup_setting {\n    resource_type = \"EC2\"\n"
                   "    backup_options = { BackupACLs = \"enabled\" }\n  }\n"),
              {"backup_options", "WindowsVSS"}),
      refused(plan("",
                   "  advanced_backup_setting {\n    resource_type = \"RDS\"\n"
                   "    backup_options = { WindowsVSS = \"enabled\" }\n  }\n"),
              {"resource_type", "\"EC2\", \"S3\""}),
      refused(plan("", "  tags = { \"aws:reserved\" = \"x\" }\n"), {"tags", "aws:"}),
      refused(plan("") + "resource \"polybackup_aws_backup_plan\" \"two\" {\n  name = \"two\"\n" +
                  "  rule {\n    rule_name = \"same\"\n    target_vault_name = \"vault\"\n  }\n" +
                  "  rule {\n    rule_name = \"same\"\n    target_vault_name = \"vault\"\n" +
                  "    schedule = \"cron(0 1 ? * * *)\"\n  }\n}\n",
              {"Duplicate rule name", "\"same\""}),
      refused(plan("") + "resource \"polybackup_aws_backup_vault\" \"v\" {\n" +
                  "  name = \"bad name!\"\n}\n",
              {"name", "2 to 50 letters"}),
      refused(plan("", "", "has space"), {"rule_name", "1 to 50 letters"}),
      refused(plan("", "", "daily", "v"), {"target_vault_name", "2 to 50"}),
      refused(t->ProviderBlock() + "resource \"polybackup_aws_backup_selection\" \"s\" {\n" +
                  "  name = \"s\"\n  plan_id = \"p\"\n  iam_role_arn = \"my-role\"\n" +
                  "  resources = [\"vol-1\"]\n}\n",
              {"iam_role_arn", "IAM role ARN", "resources", "an ARN"}),
  };
  RunScenario(t->scenario_target(), {.address = kPlan, .steps = std::move(steps)});
}
