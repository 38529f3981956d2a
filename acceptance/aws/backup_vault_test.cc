// Acceptance scenarios of polybackup_aws_backup_vault and the four AWS
// Backup data sources (backup_target.h says where they run).
#include <doctest/doctest.h>

#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kVault[] = "polybackup_aws_backup_vault.test";

std::string VaultConfig(const BackupTarget& t, const std::string& name, const std::string& body) {
  return t.ProviderBlock() + "resource \"polybackup_aws_backup_vault\" \"test\" {\n  name = \"" +
         name + "\"\n" + body + "}\n";
}

}  // namespace

TEST_CASE("aws backup vault: create, import, tags drift, force_destroy empties it on destroy") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const std::string name = t->Name("vault-main");
  const std::string tagged = VaultConfig(*t, name, "  tags = {\n    env = \"test\"\n  }\n");
  const std::string forced =
      VaultConfig(*t, name, "  force_destroy = true\n  tags = {\n    env = \"test\"\n  }\n");
  std::vector<Step> steps = {
      {Basic{.config = tagged,
             .checks = {Attr("id", name), AttrSet("arn"), AttrSet("kms_key_arn"),
                        Attr("force_destroy", false), Attr("recovery_points", 0),
                        Attr("tags", {{"env", "test"}}), Attr("tags_all", {{"env", "test"}})},
             .cloud = [&] { CHECK(t->VaultExists(name)); }}},
      {Import{}},
      // Only state changes: force_destroy is polybackup's, not AWS's.
      {UpdateInPlace{.config = forced, .attributes = {"force_destroy"}}},
      {Drift{.change =
                 [&] {
                   t->TagOutOfBand(t->client().DescribeBackupVault(name)->backup_vault_arn, "env",
                                   "changed");
                 },
             .attribute = "tags.env",
             .drifted = "changed",
             .configured = "test"}},
      // Backups were made into it: destroy must delete them first.
      {.kind = Basic{.config = forced},
       .before = [&] { t->SeedRecoveryPoints(name, 3); },
       .emulator_only = "recovery points are seeded into the emulator"},
  };
  RunScenario(t->scenario_target(), {.address = kVault,
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK_FALSE(t->VaultExists(name)); }});
}

TEST_CASE(
    "aws backup vault: without force_destroy, a vault with recovery points is not destroyed") {
  auto t = BackupTarget::Get();
  if (!t) return;
  if (!t->emulated()) {
    MESSAGE("skipped on a real account: recovery points are seeded into the emulator");
    return;
  }
  const std::string name = t->Name("vault-kept");
  Workspace ws(t->scenario_target().env);
  ws.SetConfig(VaultConfig(*t, name, ""));
  ACC_REQUIRE_OK(ws.Apply());
  t->SeedRecoveryPoints(name, 1);
  ProcessResult refused = ws.Destroy();
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("still holds recovery points") != std::string::npos);
  CHECK(refused.err.find("force_destroy") != std::string::npos);
  CHECK(t->VaultExists(name));
  CHECK(ws.Resource(kVault).has_value());  // still in state
  // Setting force_destroy then lets it go.
  ws.SetConfig(VaultConfig(*t, name, "  force_destroy = true\n"));
  ACC_REQUIRE_OK(ws.Apply());
  ACC_REQUIRE_OK(ws.Destroy());
  CHECK_FALSE(t->VaultExists(name));
}

TEST_CASE(
    "aws backup vault: deleted out of band (AWS says access denied), the plan makes it again") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const std::string name = t->Name("vault-gone");
  std::vector<Step> steps = {
      {Basic{.config = VaultConfig(*t, name, "")}},
      {Disappears{.remove = [&] { t->DeleteVaultOutOfBand(name); }}},
  };
  RunScenario(t->scenario_target(), {.address = kVault,
                                     .steps = std::move(steps),
                                     .check_destroy = [&] { CHECK_FALSE(t->VaultExists(name)); }});
}

TEST_CASE("aws backup data sources read the vault, the plan, its selection and the list of plans") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const auto names = Names(*t, "data");
  const std::string config =
      t->ProviderBlock() + Fill(Renamed(WiredConfig("cron(0 3 ? * SUN *)")), names) + R"(
data "polybackup_aws_backup_vault" "test" {
  name = polybackup_aws_backup_vault.test.name
}

data "polybackup_aws_backup_plan" "test" {
  plan_id = polybackup_aws_backup_plan.test.id
}

data "polybackup_aws_backup_selection" "test" {
  plan_id      = polybackup_aws_backup_plan.test.id
  selection_id = polybackup_aws_backup_selection.test.id
}

data "polybackup_aws_backup_plans" "test" {
  name_regex = "^${polybackup_aws_backup_plan.test.name}$"
  depends_on = [polybackup_aws_backup_plan.test]
}

output "weekly" {
  value = [for r in data.polybackup_aws_backup_plan.test.rule : r.schedule if r.rule_name == "weekly"][0]
}
)";
  const std::string missing = t->ProviderBlock() +
                              "data \"polybackup_aws_backup_vault\" \"missing\" {\n  name = \"" +
                              t->Name("no-such-vault") + "\"\n}\n";
  std::vector<Step> steps = {
      {Basic{.config = config,
             .checks =
                 {
                     On("data.polybackup_aws_backup_vault.test", Attr("name", names.at("VAULT"))),
                     On("data.polybackup_aws_backup_vault.test", AttrSet("arn")),
                     On("data.polybackup_aws_backup_vault.test", Attr("recovery_points", 0)),
                     On("data.polybackup_aws_backup_plan.test", Attr("name", names.at("PLAN"))),
                     On("data.polybackup_aws_backup_plan.test", Attr("tags", {{"env", "test"}})),
                     On("data.polybackup_aws_backup_plan.test", AttrSet("version")),
                     On(kOutputs, Attr("weekly", "cron(0 3 ? * SUN *)")),
                     On("data.polybackup_aws_backup_selection.test",
                        Attr("name", names.at("SELECTION"))),
                     On("data.polybackup_aws_backup_selection.test",
                        Attr("iam_role_arn", t->role_arn())),
                     On("data.polybackup_aws_backup_plans.test", Attr("names", {names.at("PLAN")})),
                     On("data.polybackup_aws_backup_plans.test", AttrSet("plans.0.creation_date")),
                 }}},
      {ExpectError{.config = missing, .at = Command::kPlan, .messages = {"no-such-vault"}}},
  };
  RunScenario(t->scenario_target(),
              {.address = "polybackup_aws_backup_plan.test", .steps = std::move(steps)});
}
