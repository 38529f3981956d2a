// The AWS provider's own acceptance-test configurations (hashicorp/terraform-
// provider-aws, internal/service/backup/{plan,vault,selection}_test.go), with
// only the resource types renamed, apply with polybackup and plan no change
// afterwards: a user's configuration moves over by a rename. Where those
// tests read the account, partition or region from AWS provider data
// sources, the values are written in (polybackup has no such data sources).
#include <doctest/doctest.h>

#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kVault[] = R"(
resource "aws_backup_vault" "test" {
  name = "@RNAME@"
}
)";

// plan_test.go: testAccPlanConfig_* with rName.
std::string PlanWithRules(const std::string& rules, const std::string& extra = "") {
  return std::string(kVault) + R"(
resource "aws_backup_plan" "test" {
  name = "@RNAME@"
)" + rules +
         extra + "}\n";
}

std::string Rule(const std::string& name, const std::string& schedule,
                 const std::string& body = "") {
  return "\n  rule {\n    rule_name         = \"" + name +
         "\"\n    target_vault_name = aws_backup_vault.test.name\n    schedule          = \"" +
         schedule + "\"\n" + body + "  }\n";
}

std::string Lifecycle(const std::string& body) { return "\n    lifecycle {\n" + body + "    }\n"; }

std::string CopyConfig(const std::string& copies) {
  return R"hcl(
resource "aws_backup_vault" "test" {
  name = "@RNAME@-1"
}

resource "aws_backup_vault" "test2" {
  name = "@RNAME@-2"
}

resource "aws_backup_vault" "test3" {
  name = "@RNAME@-3"
}

resource "aws_backup_plan" "test" {
  name = "@RNAME@"

  rule {
    rule_name         = "@RNAME@"
    target_vault_name = aws_backup_vault.test.name
    schedule          = "cron(0 12 * * ? *)"
)hcl" + copies +
         "  }\n}\n";
}

std::string CopyAction(const std::string& vault, const std::string& lifecycle) {
  return "\n    copy_action {\n" + lifecycle + "\n      destination_vault_arn = aws_backup_vault." +
         vault + ".arn\n    }\n";
}

std::string CopyLifecycle(int cold, int del) {
  return "      lifecycle {\n        cold_storage_after = " + std::to_string(cold) +
         "\n        delete_after       = " + std::to_string(del) + "\n      }\n";
}

// selection_test.go: testAccSelectionConfig_base plus one selection.
std::string Selection(const std::string& body) {
  return PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)")) +
         "\nresource \"aws_backup_selection\" \"test\" {\n  plan_id = aws_backup_plan.test.id\n\n"
         "  name         = \"@RNAME@\"\n"
         "  iam_role_arn = "
         "\"arn:aws:iam::@ACCOUNT@:role/service-role/AWSBackupDefaultServiceRole\"\n" +
         body + "}\n";
}

constexpr char kTagFooBar[] = R"(
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "foo"
    value = "bar"
  }
)";

Step Applies(const BackupTarget& t, const std::string& aws_config,
             std::vector<AttrCheck> checks = {}) {
  return {Basic{.config = t.ProviderBlock() +
                          Fill(Renamed(aws_config), {{"RNAME", t.Name("tf-testacc-backup")},
                                                     {"ACCOUNT", t.account()},
                                                     {"REGION", t.region()}}),
                .checks = std::move(checks)}};
}

Step ImportsBack() { return {Import{.into = ImportInto::kScenarioState}}; }

AttrCheck Rules(size_t n) {
  return AttrWith("rule", std::to_string(n) + " rule(s)",
                  [n](const json& v) { return v.is_array() && v.size() == n; });
}

}  // namespace

TEST_CASE("the AWS provider's plan test configurations, renamed, apply and plan no change") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const std::string basic = PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)"));
  std::vector<Step> steps = {
      Applies(*t, basic, {Rules(1), AttrSet("version")}),  // TestAccBackupPlan_basic
      ImportsBack(),
      // TestAccBackupPlan_withRules
      Applies(*t,
              PlanWithRules(Rule("@RNAME@_1", "cron(0 12 * * ? *)") +
                            Rule("@RNAME@_2", "cron(0 6 * * ? *)")),
              {Rules(2)}),
      ImportsBack(),
      Applies(*t,
              PlanWithRules(Rule("@RNAME@_1", "cron(0 6 * * ? *)") +
                            Rule("@RNAME@_2", "cron(0 12 * * ? *)") +
                            Rule("@RNAME@_3", "cron(0 18 * * ? *)")),
              {Rules(3)}),
      Applies(*t, basic, {Rules(1)}),
      // TestAccBackupPlan_withLifecycle
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                     Lifecycle("      cold_storage_after = 7\n")))),
      ImportsBack(),
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                     Lifecycle("      delete_after = 120\n")))),
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                     Lifecycle("      cold_storage_after = 30\n"
                                               "      delete_after       = 180\n")))),
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 10 ? * 6L *)",
                                     Lifecycle("      cold_storage_after = 30\n"
                                               "      delete_after       = 180\n"
                                               "      opt_in_to_archive_for_supported_resources = "
                                               "true\n")))),
      Applies(*t, basic, {Rules(1)}),
      // TestAccBackupPlan_withRecoveryPointTags
      Applies(*t,
              PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                 "\n    recovery_point_tags = {\n      Name = \"@RNAME@\"\n"
                                 "      Key1 = \"Value1\"\n      Key2 = \"Value2a\"\n    }\n"))),
      ImportsBack(),
      Applies(*t,
              PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                 "\n    recovery_point_tags = {\n      Name = \"@RNAME@\"\n"
                                 "      Key2 = \"Value2b\"\n      Key3 = \"Value3\"\n    }\n"))),
      Applies(*t, basic),
      // TestAccBackupPlan_advancedBackupSetting
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                     Lifecycle("      cold_storage_after = 30\n"
                                               "      delete_after       = 180\n")),
                                "\n  advanced_backup_setting {\n    backup_options = {\n"
                                "      WindowsVSS = \"enabled\"\n    }\n\n"
                                "    resource_type = \"EC2\"\n  }\n")),
      ImportsBack(),
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                     Lifecycle("      cold_storage_after = 30\n"
                                               "      delete_after       = 180\n")),
                                "\n  advanced_backup_setting {\n    backup_options = {\n"
                                "      WindowsVSS = \"disabled\"\n    }\n\n"
                                "    resource_type = \"EC2\"\n  }\n")),
      // TestAccBackupPlan_enableContinuousBackup
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)",
                                     "    enable_continuous_backup = true\n" +
                                         Lifecycle("      delete_after = 35\n")))),
      ImportsBack(),
      // TestAccBackupPlan_tags
      Applies(*t,
              PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)"),
                            "\n  tags = {\n    \"key1\" = \"value1\"\n  }\n"),
              {Attr("tags", {{"key1", "value1"}})}),
      ImportsBack(),
      Applies(*t, PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)"),
                                "\n  tags = {\n    \"key1\" = \"value1updated\"\n"
                                "    \"key2\" = \"value2\"\n  }\n")),
      Applies(*t,
              PlanWithRules(Rule("@RNAME@", "cron(0 12 * * ? *)"),
                            "\n  tags = {\n    \"key2\" = \"value2\"\n  }\n"),
              {Attr("tags", {{"key2", "value2"}})}),
  };
  RunScenario(t->scenario_target(),
              {.address = "polybackup_aws_backup_plan.test", .steps = std::move(steps)});
}

TEST_CASE("the AWS provider's copy action configurations, renamed, apply and plan no change") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const std::string rule_lifecycle = Lifecycle(
      "      cold_storage_after = 30\n"
      "      delete_after       = 180\n");
  std::vector<Step> steps = {
      // TestAccBackupPlan_RuleCopyAction_sameRegion
      Applies(*t, CopyConfig(rule_lifecycle + CopyAction("test2", CopyLifecycle(30, 180)))),
      ImportsBack(),
      Applies(*t, CopyConfig(rule_lifecycle + CopyAction("test2", CopyLifecycle(60, 365)))),
      // TestAccBackupPlan_RuleCopyAction_noLifecycle: no phantom lifecycle.
      Applies(*t, CopyConfig(CopyAction("test2", ""))),
      ImportsBack(),
      Applies(*t, CopyConfig(rule_lifecycle + CopyAction("test2", CopyLifecycle(60, 365)))),
      Applies(*t, CopyConfig(CopyAction("test2", ""))),
      // TestAccBackupPlan_RuleCopyAction_multiple
      Applies(*t, CopyConfig(rule_lifecycle + CopyAction("test2", CopyLifecycle(30, 180)) +
                             CopyAction("test3", CopyLifecycle(60, 365)))),
      ImportsBack(),
  };
  RunScenario(t->scenario_target(),
              {.address = "polybackup_aws_backup_plan.test", .steps = std::move(steps)});
}

TEST_CASE(
    "the AWS provider's vault and selection configurations, renamed, apply and plan no change") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const std::string volumes =
      "\n  resources = [\n    \"arn:aws:ec2:@REGION@:@ACCOUNT@:volume/*\"\n  ]\n";
  std::vector<Step> steps = {
      // selection_test.go
      Applies(*t, Selection(std::string(kTagFooBar) + volumes)),  // _basic
      {Import{.id_fn =
                  [](const json& v) {
                    return v["plan_id"].get<std::string>() + "|" + v["id"].get<std::string>();
                  },
              .into = ImportInto::kScenarioState}},
      Applies(*t,
              Selection(std::string(kTagFooBar) +  // _withTags
                        "\n  selection_tag {\n    type  = \"STRINGEQUALS\"\n    key   = \"boo\"\n"
                        "    value = \"far\"\n  }\n" +
                        volumes)),
      Applies(*t, Selection(R"(
  condition {
    string_equals {
      key   = "aws:ResourceTag/Component"
      value = "rds"
    }
    string_equals {
      key   = "aws:ResourceTag/Team"
      value = "dev"
    }
    string_like {
      key   = "aws:ResourceTag/Application"
      value = "app*"
    }
    string_not_equals {
      key   = "aws:ResourceTag/Backup"
      value = "false"
    }
    string_not_equals {
      key   = "aws:ResourceTag/Team"
      value = "infra"
    }
    string_not_like {
      key   = "aws:ResourceTag/Environment"
      value = "test*"
    }
  }

  resources = [
    "arn:aws:rds:*:*:cluster:*",
    "arn:aws:rds:*:*:db:*"
  ]
)")),  // _withConditionsTags
      Applies(*t,
              Selection(std::string(kTagFooBar) +  // _withNotResources
                        "\n  not_resources = [\"arn:aws:fsx:*\"]\n  resources     = [\"*\"]\n")),
      Applies(*t, Selection(R"(
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "foo2"
    value = "bar2"
  }
)" + volumes)),  // _updateTag
      // vault_test.go
      Applies(*t, std::string(kVault) + "\nresource \"aws_backup_vault\" \"test2\" {\n"
                                        "  name = \"@RNAME@-tags\"\n\n  tags = {\n"
                                        "    \"key1\" = \"value1\"\n    \"key2\" = \"value2\"\n"
                                        "  }\n}\n"),
      Applies(*t, std::string(kVault) + "\nresource \"aws_backup_vault\" \"test2\" {\n"
                                        "  name = \"@RNAME@-tags\"\n\n  force_destroy = true\n}\n"),
  };
  RunScenario(t->scenario_target(),
              {.address = "polybackup_aws_backup_selection.test", .steps = std::move(steps)});
}
