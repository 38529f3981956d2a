// Fault campaigns (fault_campaign.h) for every resource: each is created,
// updated and destroyed by the real Terraform CLI while its emulator drops
// the answers to writes it has committed, throttles a burst, answers 5xx and
// holds requests back; after every phase the emulator must hold exactly the
// objects the state records.
#include <doctest/doctest.h>

#include <algorithm>

#include "acceptance/alicloud/dbs_target.h"
#include "acceptance/alicloud/kvstore_target.h"
#include "acceptance/aws/backup_configs.h"
#include "acceptance/aws/backup_target.h"
#include "acceptance/faults/fault_campaign.h"
#include "acceptance/harness/acceptance.h"
#include "acceptance/huaweicloud/csbs_target.h"

using namespace polybackup::acceptance;
using nlohmann::json;

namespace {

Emulators& Shared() {
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  REQUIRE_MESSAGE(e != nullptr, error);
  return *e;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// "Monday,Wednesday" (week order) as the sorted list the state holds.
std::vector<std::string> Days(const std::string& csv) {
  std::vector<std::string> out;
  for (size_t start = 0; start <= csv.size();) {
    size_t comma = csv.find(',', start);
    if (comma == std::string::npos) comma = csv.size();
    if (comma > start) out.push_back(csv.substr(start, comma - start));
    start = comma + 1;
  }
  return Sorted(out);
}

}  // namespace

TEST_CASE("fault campaign: kvstore backup policy") {
  auto t = KvstoreTarget::Get();
  if (!t || !t->emulated()) return;  // faults are injected by the emulator only
  const KvPolicy original{"01:00Z-02:00Z", "Tuesday,Thursday", false};
  auto policy = [&](const std::string& body) {
    return t->ProviderBlock() + "resource \"polybackup_kvstore_backup_policy\" \"test\" {\n" +
           "  instance_id = \"" + t->instance_id() + "\"\n" + body + "}\n";
  };
  RunCampaign(
      Shared(),
      {.service = "alicloud_kvstore",
       .target = t->scenario_target(),
       .address = "polybackup_kvstore_backup_policy.test",
       .prepare =
           [&] {
             t->Prepare(original);
             // A change keeps the instance busy for 1 s (2 by default): a
             // resent ModifyBackupPolicy still meets it.
             Shared().ServiceOp("alicloud_kvstore", "settings", {{"transition_seconds", 1}});
           },
       .applies = {{policy("  backup_time = \"02:00Z-03:00Z\"\n"
                           "  backup_period = [\"Monday\", \"Wednesday\"]\n"),
                    {"ModifyBackupPolicy"}},
                   {policy("  backup_time = \"04:00Z-05:00Z\"\n"
                           "  backup_period = [\"Friday\"]\n  enable_backup_log = true\n"),
                    {"ModifyBackupPolicy"}}},
       // Destroy gives the instance its earlier policy back.
       .destroy_writes = {"ModifyBackupPolicy"},
       .cloud_matches_state =
           [&](const json& state) {
             const KvPolicy cloud = t->Read();
             auto r = FindResource(state, "polybackup_kvstore_backup_policy.test");
             if (!r) {
               CHECK(cloud.time == original.time);
               CHECK(cloud.period == original.period);
               return;
             }
             CHECK(cloud.time == (*r)["backup_time"]);
             CHECK(Days(cloud.period) == (*r)["backup_period"].get<std::vector<std::string>>());
             CHECK(cloud.log == (*r)["enable_backup_log"]);
           }});
}

TEST_CASE("fault campaign: DBS backup plan") {
  auto t = DbsTarget::Get();
  if (!t || !t->emulated()) return;
  const DbsSource& s = t->source();
  auto plan = [&](const std::string& name, const std::string& period) {
    return t->ProviderBlock() + Fill(R"(resource "polybackup_dbs_backup_plan" "test" {
  backup_plan_name              = "@NAME@"
  payment_type                  = "PayAsYouGo"
  instance_class                = "xlarge"
  backup_method                 = "logical"
  database_type                 = "MySQL"
  database_region               = "@REGION@"
  storage_region                = "@REGION@"
  instance_type                 = "RDS"
  source_endpoint_instance_type = "RDS"
  source_endpoint_region        = "@REGION@"
  source_endpoint_instance_id   = "@INSTANCE@"
  source_endpoint_user_name     = "@USER@"
  source_endpoint_password      = "@PASSWORD@"
  backup_objects                = "[{\"DBName\":\"@DATABASE@\"}]"
  backup_period                 = "@PERIOD@"
  backup_start_time             = "14:22"
}
)",
                                     {{"NAME", name},
                                      {"PERIOD", period},
                                      {"REGION", s.region},
                                      {"INSTANCE", s.instance_id},
                                      {"USER", s.user},
                                      {"PASSWORD", s.password},
                                      {"DATABASE", s.database}});
  };
  RunCampaign(Shared(),
              {.service = "alicloud_dbs",
               .target = t->scenario_target(),
               .address = "polybackup_dbs_backup_plan.test",
               .prepare = [&] { t->Prepare(0); },
               .applies = {{plan("tf-faults-dbs", "Monday"),
                            {"CreateBackupPlan", "ConfigureBackupPlan", "StartBackupPlan"}},
                           {plan("tf-faults-dbs-renamed", "Tuesday,Friday"),
                            {"ModifyBackupPlanName", "ModifyBackupStrategy"}}},
               .destroy_writes = {"ReleaseBackupPlan"},
               .cloud_matches_state =
                   [&](const json& state) {
                     std::vector<std::string> cloud;
                     for (const json& p : t->Plans("")) cloud.push_back(p["BackupPlanId"]);
                     CHECK(Sorted(cloud) == StateValues(state, "polybackup_dbs_backup_plan"));
                   }});
}

TEST_CASE("fault campaign: AWS Backup vault, plan and selection") {
  auto t = BackupTarget::Get();
  if (!t || !t->emulated()) return;
  const auto names = Names(*t, "faults");
  auto wired = [&](const std::string& weekly, const std::string& selection_suffix,
                   const std::string& vault_tags) {
    std::string hcl = Fill(Renamed(WiredConfig(weekly)), names);
    hcl.replace(hcl.find(names.at("SELECTION")), names.at("SELECTION").size(),
                names.at("SELECTION") + selection_suffix);
    const std::string vault_name = "name = \"" + names.at("VAULT") + "\"\n";
    hcl.replace(hcl.find(vault_name), vault_name.size(), vault_name + vault_tags);
    return t->ProviderBlock() + hcl;
  };
  RunCampaign(Shared(),
              {.service = "aws_backup",
               .target = t->scenario_target(),
               .address = "polybackup_aws_backup_plan.test",
               .applies = {{wired("cron(0 5 ? * 1 *)", "", ""),
                            {"CreateBackupVault", "CreateBackupPlan", "CreateBackupSelection"}},
                           // A new schedule (a plan version), a vault tag, and the
                           // selection renamed: replaced.
                           {wired("cron(0 6 ? * 2 *)", "-2", "  tags = { team = \"storage\" }\n"),
                            {"UpdateBackupPlan", "TagResource", "DeleteBackupSelection",
                             "CreateBackupSelection"}}},
               .destroy_writes = {"DeleteBackupSelection", "DeleteBackupPlan", "DeleteBackupVault"},
               .cloud_matches_state = [&](const json& state) {
                 const AwsBackupObjects cloud = AwsBackupHolds(Shared());
                 CHECK(cloud.plans == StateValues(state, "polybackup_aws_backup_plan"));
                 CHECK(cloud.vaults == StateValues(state, "polybackup_aws_backup_vault"));
                 CHECK(cloud.selections == StateValues(state, "polybackup_aws_backup_selection"));
               }});
}

TEST_CASE("fault campaign: CSBS backup policy") {
  auto t = CsbsTarget::Get(CsbsAuth::kAkSk);
  if (!t || !t->emulated()) return;
  auto policy = [&](const std::string& max_backups) {
    return t->ProviderBlock() + Fill(R"(resource "polybackup_csbs_policy" "test" {
  name = "tf-faults-csbs"

  resource {
    id   = "@SERVER@"
    type = "OS::Nova::Server"
    name = "resource1"
  }

  scheduled_operation {
    name            = "mybackup"
    enabled         = true
    operation_type  = "backup"
    max_backups     = "@MAX@"
    trigger_pattern = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
  }
}
)",
                                     {{"SERVER", t->ServerId(0)}, {"MAX", max_backups}});
  };
  RunCampaign(Shared(),
              {.service = "huaweicloud_csbs",
               .target = t->scenario_target(),
               .address = "polybackup_csbs_policy.test",
               .applies = {{policy("2"), {"CreatePolicy"}}, {policy("5"), {"UpdatePolicy"}}},
               .destroy_writes = {"DeletePolicy"},
               .cloud_matches_state = [&](const json& state) {
                 CHECK(Sorted(t->PolicyIds()) == StateValues(state, "polybackup_csbs_policy"));
               }});
}
