// `moved` from the AWS provider: states recorded from hashicorp/aws 5.100.0
// (testdata/aws_provider_states.json, schema versions 1 and 0 of
// aws_backup_plan) become models that the renamed configuration plans no
// change against.
#include <doctest/doctest.h>

#include <fstream>

#include "resources/aws/backup_plan_resource.h"
#include "resources/aws/backup_selection_resource.h"
#include "resources/aws/backup_vault_resource.h"
#include "resources/common/provider_data.h"
#include "tfplugin/framework/testing/resource_harness.h"

namespace polybackup::resources::aws {
namespace {

using nlohmann::json;
using Tags = std::map<std::string, std::string>;

const json& Recorded() {
  static const json states = [] {
    std::ifstream in(std::string(POLYBACKUP_SOURCE_DIR) +
                     "/resources/aws/testdata/aws_provider_states.json");
    return json::parse(in);
  }();
  return states;
}

framework::MoveSource Source(const std::string& key, const std::string& type) {
  const json& entry = Recorded().at(key);
  return {.provider_address = "registry.terraform.io/hashicorp/aws",
          .type_name = type,
          .schema_version = entry.at("schema_version").get<int64_t>(),
          .state = entry.at("attributes")};
}

struct Ctx {
  FakeClock clock;
  // Terraform moves state before it configures the provider.
  framework::Context ctx{
      "MoveResourceState", "polybackup_aws_backup_plan", std::any(), {}, nullptr, &clock};
};

const RuleModel& Named(const BackupPlanModel& m, const std::string& name) {
  for (const RuleModel& r : m.rule) {
    if (r.rule_name.value_or("") == name) return r;
  }
  FAIL("no rule " << name);
  throw std::logic_error("not reached");
}

// The configuration the recorded state was applied with (acceptance/aws,
// hashicorp/aws against the emulator), as polybackup_aws_backup_plan.
BackupPlanModel RenamedConfig() {
  BackupPlanModel c;
  c.name = "mv-plan";
  RuleModel daily;
  daily.rule_name = "daily";
  daily.target_vault_name = "mv-1";
  daily.schedule = "cron(0 12 * * ? *)";
  daily.lifecycle = {{.cold_storage_after = int64_t{30}, .delete_after = int64_t{180}}};
  daily.copy_action = {
      {.destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:mv-2"}};
  RuleModel cont;  // continuous backup, no schedule (AWS's perpetual diff #23976)
  cont.rule_name = "cont";
  cont.target_vault_name = "mv-1";
  cont.enable_continuous_backup = true;
  cont.lifecycle = {{.delete_after = int64_t{35}}};
  cont.recovery_point_tags = Tags{{"k", "v"}};
  c.rule = {daily, cont};
  c.advanced_backup_setting = {
      {.backup_options = Tags{{"WindowsVSS", "enabled"}}, .resource_type = "EC2"}};
  c.tags = Tags{{"env", "x"}};
  return c;
}

}  // namespace

TEST_CASE(
    "aws_backup_plan of schema versions 1 and 0 moves, and the renamed configuration plans no "
    "change") {
  for (const std::string key : {"aws_backup_plan.test", "aws_backup_plan.test_v0"}) {
    CAPTURE(key);
    Ctx c;
    BackupPlanResource r;
    framework::MoveSource source = Source(key, "aws_backup_plan");
    CHECK(source.schema_version == (key == "aws_backup_plan.test" ? 1 : 0));
    std::optional<BackupPlanModel> m = r.Move(c.ctx, source);
    REQUIRE_MESSAGE(m.has_value(), c.ctx.diagnostics().ToString());
    CHECK(m->id.value() == "8c1e59ef-10d7-4b98-b113-6c3da495bca1");
    CHECK(m->name.value() == "mv-plan");
    CHECK(m->version.value() == "YmVlYTI4OGEtMThjMi00MDgxLWE1OWUtNjc1OTYzNGExYWM0");
    CHECK(m->region.is_null());  // filled by the refresh after the move
    CHECK(m->tags.value() == Tags{{"env", "x"}});
    const RuleModel& daily = Named(*m, "daily");
    CHECK(daily.schedule_expression_timezone.value() == "Etc/UTC");  // v0 has none: UTC
    CHECK(daily.lifecycle.at(0).cold_storage_after.value() == 30);
    CHECK(daily.copy_action.at(0).lifecycle.empty());
    CHECK(daily.recovery_point_tags.is_null());  // {} in the AWS state: none
    const RuleModel& cont = Named(*m, "cont");
    CHECK(cont.schedule.value() == "cron(0 5 ? * * *)");
    CHECK(cont.lifecycle.at(0).cold_storage_after.is_null());  // 0 in the AWS state
    CHECK(cont.lifecycle.at(0).delete_after.value() == 35);
    CHECK(cont.enable_continuous_backup.value());

    // Planned against the configuration renamed from the AWS provider's.
    auto data = std::make_shared<ProviderData>();
    data->aws.emplace();
    framework::testing::ResourceHarness<BackupPlanResource> h(
        std::make_shared<BackupPlanResource>(), data);
    auto plan = h.Plan(m, RenamedConfig());
    CHECK_MESSAGE(plan.ok(), plan.diags.ToString());
    CHECK_FALSE(plan.changes);
  }
}

TEST_CASE(
    "aws_backup_vault and aws_backup_selection move; the AWS provider's empty values become none") {
  Ctx c;
  BackupVaultResource vaults;
  std::optional<BackupVaultModel> v =
      vaults.Move(c.ctx, Source("aws_backup_vault.test", "aws_backup_vault"));
  REQUIRE_MESSAGE(v.has_value(), c.ctx.diagnostics().ToString());
  CHECK(v->id.value() == "mv-1");
  CHECK(v->force_destroy.value());
  CHECK(v->tags.value().empty());  // null in the AWS state: {}
  CHECK(v->kms_key_arn.value().find(":key/") != std::string::npos);

  BackupSelectionResource selections;
  std::optional<BackupSelectionModel> s =
      selections.Move(c.ctx, Source("aws_backup_selection.test", "aws_backup_selection"));
  REQUIRE_MESSAGE(s.has_value(), c.ctx.diagnostics().ToString());
  CHECK(s->id.value() == "6c160750-a3c4-4654-a5fe-fd11caed7e6b");
  CHECK(s->plan_id.value() == "8c1e59ef-10d7-4b98-b113-6c3da495bca1");
  CHECK(s->condition.empty());        // one all-empty block in the AWS state
  CHECK(s->not_resources.is_null());  // [] in the AWS state
  CHECK(s->selection_tag.size() == 1);
}

TEST_CASE("moves from anything else are refused, saying what can be moved") {
  Ctx c;
  BackupPlanResource r;
  framework::MoveSource other = Source("aws_backup_plan.test", "aws_backup_plan");
  other.provider_address = "registry.terraform.io/example/aws";
  CHECK_FALSE(r.Move(c.ctx, other).has_value());
  framework::MoveSource vault_state = Source("aws_backup_vault.test", "aws_backup_vault");
  CHECK_FALSE(r.Move(c.ctx, vault_state).has_value());
  framework::MoveSource future = Source("aws_backup_plan.test", "aws_backup_plan");
  future.schema_version = 2;
  CHECK_FALSE(r.Move(c.ctx, future).has_value());
  const std::string errors = c.ctx.diagnostics().ToString();
  CHECK(errors.find("takes the state of aws_backup_plan from the hashicorp/aws provider") !=
        std::string::npos);
  CHECK(errors.find("example/aws") != std::string::npos);
  CHECK(errors.find("schema version 2") != std::string::npos);
}

}  // namespace polybackup::resources::aws
