// The real hashicorp/aws provider against the same AWS Backup (emulator or
// account): first as a second, independent client (apply, empty plan,
// drift, import, destroy with force_destroy), then as the provider users
// come from: `moved` blocks take its objects to polybackup with no
// re-import, and the plan afterwards is empty. Skipped, with a message,
// where this machine has no mirror of hashicorp/aws (backup_target.h).
#include <doctest/doctest.h>

#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

// Written for the AWS provider from its acceptance tests: a copy action
// without a lifecycle (TestAccBackupPlan_RuleCopyAction_noLifecycle), a
// lifecycle, recovery point tags and advanced settings, and a selection
// with conditions and not_resources (selection_test.go).
constexpr char kAwsConfig[] = R"hcl(
resource "aws_backup_vault" "test" {
  name          = "@VAULT@"
  force_destroy = true
}

resource "aws_backup_vault" "test2" {
  name = "@VAULT2@"

  tags = {
    env = "dr"
  }
}

resource "aws_backup_plan" "test" {
  name = "@PLAN@"

  rule {
    rule_name         = "copied"
    target_vault_name = aws_backup_vault.test.name
    schedule          = "cron(0 12 * * ? *)"

    copy_action {
      destination_vault_arn = aws_backup_vault.test2.arn
    }
  }

  rule {
    rule_name         = "archived"
    target_vault_name = aws_backup_vault.test.name
    schedule          = "cron(0 10 ? * 6L *)"

    lifecycle {
      cold_storage_after = 30
      delete_after       = 180
    }

    recovery_point_tags = {
      Key1 = "Value1"
    }
  }

  advanced_backup_setting {
    backup_options = {
      WindowsVSS = "enabled"
    }
    resource_type = "EC2"
  }

  tags = {
    env = "prod"
  }
}

resource "aws_backup_selection" "test" {
  plan_id      = aws_backup_plan.test.id
  name         = "@SELECTION@"
  iam_role_arn = "@ROLE@"

  condition {
    string_equals {
      key   = "aws:ResourceTag/Component"
      value = "rds"
    }
    string_not_like {
      key   = "aws:ResourceTag/Environment"
      value = "test*"
    }
  }

  not_resources = ["arn:aws:fsx:*"]
  resources     = ["*"]
}
)hcl";

std::string Moved(const std::string& type, const std::string& name) {
  return "\nmoved {\n  from = " + type + "." + name + "\n  to   = polybackup_" + type + "." + name +
         "\n}\n";
}

}  // namespace

TEST_CASE("hashicorp/aws as a second client: apply, empty plan, drift, import, force_destroy") {
  auto t = BackupTarget::Get();
  if (!t) return;
  std::optional<ScenarioTarget> target = t->WithAwsProvider();
  if (!target) return;
  const auto names = Names(*t, "second");
  const std::string config = t->AwsProviderBlock() + Fill(kAwsConfig, names);
  std::vector<Step> steps = {
      // Its own configuration plans no change against our answers (a copy
      // action without lifecycle once showed a diff on every plan).
      {Basic{.config = config, .checks = {AttrSet("version"), Attr("tags", {{"env", "prod"}})}}},
      {Drift{.change =
                 [&] {
                   t->TagOutOfBand(t->FindPlan(t->PlanId(names.at("PLAN")))->backup_plan_arn, "env",
                                   "changed");
                 },
             .attribute = "tags.env",
             .drifted = "changed",
             .configured = "prod"}},
      {Import{.into = ImportInto::kScenarioState}},
      // Backups in the vault: its force_destroy deletes them (it lists,
      // deletes and waits on our recovery point calls).
      {.kind = Basic{.config = config},
       .before = [&] { t->SeedRecoveryPoints(names.at("VAULT"), 2); },
       .emulator_only = "recovery points are seeded into the emulator"},
  };
  RunScenario(*target,
              {.address = "aws_backup_plan.test", .steps = std::move(steps), .check_destroy = [&] {
                 CHECK(t->PlansNamed(names.at("PLAN")) == 0);
                 CHECK_FALSE(t->VaultExists(names.at("VAULT")));
                 CHECK_FALSE(t->VaultExists(names.at("VAULT2")));
               }});
}

TEST_CASE(
    "moved from hashicorp/aws: vaults, plan and selection change provider, the plan is empty") {
  auto t = BackupTarget::Get();
  if (!t) return;
  std::optional<ScenarioTarget> target = t->WithAwsProvider();
  if (!target) return;
  const auto names = Names(*t, "moved");
  const std::string providers = t->AwsProviderBlock() + t->ProviderBlock();
  const std::string aws = providers + Fill(kAwsConfig, names);
  const std::string ours = Fill(Renamed(kAwsConfig), names);
  const std::string moved = providers + ours + Moved("aws_backup_vault", "test") +
                            Moved("aws_backup_vault", "test2") + Moved("aws_backup_plan", "test") +
                            Moved("aws_backup_selection", "test");
  std::string retagged = ours;
  retagged.replace(retagged.find("env = \"prod\""), 12, "env = \"prd2\"");
  std::vector<Step> steps = {
      {Basic{.config = aws, .checks = {On("aws_backup_plan.test", AttrSet("id"))}}},
      // Only moves: nothing added, changed or destroyed; then an empty plan.
      {.kind =
           Basic{.config = moved,
                 .checks = {AttrSet("id"), Attr("tags", {{"env", "prod"}}),
                            AttrWith("rule", "both rules",
                                     [](const json& v) { return v.size() == 2; }),
                            On("polybackup_aws_backup_vault.test", Attr("force_destroy", true)),
                            On("polybackup_aws_backup_selection.test", AttrSet("id"))},
                 .log_has = {"aws_backup_plan.test has moved to polybackup_aws_backup_plan.test",
                             "aws_backup_vault.test has moved to polybackup_aws_backup_vault.test",
                             "aws_backup_vault.test2 has moved to",
                             "aws_backup_selection.test has moved to",
                             "Plan: 0 to add, 0 to change, 0 to destroy."}}},
      // polybackup manages them now: an edit goes through it.
      {UpdateInPlace{.config = providers + retagged, .attributes = {"tags", "tags_all"}}},
  };
  RunScenario(*target, {.address = "polybackup_aws_backup_plan.test",
                        .steps = std::move(steps),
                        .check_destroy = [&] {
                          CHECK(t->PlansNamed(names.at("PLAN")) == 0);
                          CHECK_FALSE(t->VaultExists(names.at("VAULT")));
                        }});
}
