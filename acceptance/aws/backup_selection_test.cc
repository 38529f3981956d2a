// Acceptance scenarios of polybackup_aws_backup_selection (backup_target.h
// says where they run).
#include <doctest/doctest.h>

#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/harness/steps.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

constexpr char kSelection[] = "polybackup_aws_backup_selection.test";

std::string Config(const BackupTarget& t, const std::map<std::string, std::string>& names,
                   const std::string& selection_body) {
  return t.ProviderBlock() + Fill(VaultAndPlan("    schedule          = \"cron(0 5 ? * * *)\"\n") +
                                      R"(
resource "polybackup_aws_backup_selection" "test" {
  name         = "@SELECTION@"
  plan_id      = polybackup_aws_backup_plan.test.id
  iam_role_arn = "@ROLE@"
)" + selection_body + "}\n",
                                  names);
}

std::string ImportId(const json& v) {
  return v["plan_id"].get<std::string>() + "|" + v["id"].get<std::string>();
}

}  // namespace

TEST_CASE(
    "aws backup selection: create, same selection written differently, replace, import, "
    "disappear") {
  auto t = BackupTarget::Get();
  if (!t) return;
  const auto names = Names(*t, "sel");
  const std::string volumes = "  resources = [\"arn:aws:ec2:@REGION@:@ACCOUNT@:volume/*\"]\n";
  const std::string tag = R"(
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "yes"
  }
)";
  // Two condition blocks AWS merges into one, and an empty not_resources.
  const std::string spelled = volumes + tag + R"(
  not_resources = []

  condition {
    string_equals {
      key   = "aws:ResourceTag/Team"
      value = "dev"
    }
  }

  condition {
    string_like {
      key   = "aws:ResourceTag/App"
      value = "app*"
    }
  }
)";
  // The same conditions as one block, as AWS answers them.
  const std::string merged = R"(
  condition {
    string_equals {
      key   = "aws:ResourceTag/Team"
      value = "dev"
    }
    string_like {
      key   = "aws:ResourceTag/App"
      value = "app*"
    }
  }
)";
  size_t creates = 0, deletes = 0;
  std::vector<Step> steps = {
      {Basic{.config = Config(*t, names, volumes + tag),
             .checks = {AttrSet("id"), AttrAbsent("not_resources"),
                        AttrWith("condition", "no condition blocks",
                                 [](const json& v) { return v.empty(); })}}},
      {Import{.id_fn = ImportId, .into = ImportInto::kScenarioState}},
      // What it selects changes: replaced (AWS cannot update a selection).
      {Replace{.config = Config(*t, names, spelled),
               .checks = {AttrWith("condition", "both condition blocks as written",
                                   [](const json& v) { return v.size() == 2; })}}},
      // Imported, AWS's one merged condition object comes back as one
      // block: a configuration written so plans no change ...
      {Import{.config = Config(*t, names, volumes + tag + merged),
              .id_fn = ImportId,
              .verify = false,
              .into = ImportInto::kScenarioState}},
      // ... and the two-block spelling is an update of state only: no
      // replacement, no AWS call.
      {.kind = UpdateInPlace{.config = Config(*t, names, spelled),
                             .attributes = {"condition", "not_resources"},
                             .cloud =
                                 [&] {
                                   CHECK(t->Requests("CreateBackupSelection").size() == creates);
                                   CHECK(t->Requests("DeleteBackupSelection").size() == deletes);
                                 }},
       .before =
           [&] {
             creates = t->Requests("CreateBackupSelection").size();
             deletes = t->Requests("DeleteBackupSelection").size();
           }},
      {Disappears{.remove =
                      [&] {
                        const std::string plan_id = t->PlanId(names.at("PLAN"));
                        t->DeleteSelectionOutOfBand(plan_id,
                                                    t->SelectionId(plan_id, names.at("SELECTION")));
                      }}},
  };
  RunScenario(t->scenario_target(), {.address = kSelection, .steps = std::move(steps)});
}

TEST_CASE("aws backup selection: a new IAM role is waited for; a bad import ID is refused") {
  auto t = BackupTarget::Get();
  if (!t) return;
  if (!t->emulated()) {
    MESSAGE("skipped on a real account: the emulator makes a role that takes a while to propagate");
    return;
  }
  const auto names = Names(*t, "iam");
  // A role IAM has not replicated to AWS Backup yet, for a few seconds.
  const std::string fresh = t->emulators()->ServiceOp(
      "aws_backup", "seed_iam_role", {{"name", "fresh-role"}, {"propagation_seconds", 5}})["arn"];
  std::map<std::string, std::string> with_fresh = names;
  with_fresh["ROLE"] = fresh;
  Workspace ws(t->scenario_target().env);
  ws.SetConfig(Config(*t, with_fresh, "  resources = [\"*\"]\n"));
  ACC_REQUIRE_OK(ws.Apply());
  std::vector<json> creates = t->Requests("CreateBackupSelection");
  REQUIRE(creates.size() >= 2);
  CHECK(creates.front()["status"] == 400);  // "cannot be assumed" at first
  CHECK(creates.back()["status"] == 200);
  ACC_REQUIRE_EMPTY_PLAN(ws);

  // Import needs the resource in the configuration; the ID is refused first.
  ws.SetConfig(Config(*t, with_fresh, "  resources = [\"*\"]\n") +
               "resource \"polybackup_aws_backup_selection\" \"other\" {\n  name = \"other\"\n"
               "  plan_id = \"p\"\n  iam_role_arn = \"" +
               fresh + "\"\n  resources = [\"*\"]\n}\n");
  ProcessResult bad = ws.Import("polybackup_aws_backup_selection.other", "only-a-plan-id");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("<plan-id>|<selection-id>") != std::string::npos);
  ws.SetConfig(Config(*t, with_fresh, "  resources = [\"*\"]\n"));
  ACC_REQUIRE_OK(ws.Destroy());
}
