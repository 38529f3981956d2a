#include "bench/e2e_configs.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "acceptance/harness/emulators.h"
#include "clients/aws/aws_factory.h"
#include "clients/credentials/environment.h"

namespace polybackup::bench {
namespace {

// TestAccBackupPlan_basic (terraform-provider-aws, internal/service/backup/
// plan_test.go), one per index; `type` is "aws_backup_plan" or the renamed
// "polybackup_aws_backup_plan".
std::string Plan(const std::string& type, int i) {
  return absl::StrFormat(R"hcl(resource "%s" "p%d" {
  name = "pb-bench-plan-%d"

  rule {
    rule_name         = "pb-bench-rule"
    target_vault_name = "%s"
    schedule          = "cron(0 12 * * ? *)"
}
}
)hcl",
                         type, i, i, kBenchVault);
}

std::string KvstoreInstance(int i) { return absl::StrFormat("r-bench%09d", i); }
std::string CsbsServer(int i) { return absl::StrFormat("00000000-0000-4000-8000-%012d", i); }

// TestAccAliCloudRedisBackupPolicy's arguments (days and window).
std::string KvstorePolicy(int i) {
  return absl::StrFormat(R"hcl(resource "polybackup_kvstore_backup_policy" "k%d" {
  instance_id   = "%s"
  backup_period = ["Monday", "Wednesday", "Friday"]
  backup_time   = "02:00Z-03:00Z"
}
)hcl",
                         i, KvstoreInstance(i));
}

// TestAccAlicloudDBSBackupPlan_basic0's pay-as-you-go logical backup.
std::string DbsPlan(int i) {
  return absl::StrFormat(R"hcl(resource "polybackup_dbs_backup_plan" "d%d" {
  backup_plan_name              = "pb-bench-dbs-%d"
  payment_type                  = "PayAsYouGo"
  instance_class                = "xlarge"
  backup_method                 = "logical"
  database_type                 = "MySQL"
  database_region               = "cn-hangzhou"
  storage_region                = "cn-hangzhou"
  instance_type                 = "RDS"
  source_endpoint_instance_type = "RDS"
  source_endpoint_region        = "cn-hangzhou"
  source_endpoint_instance_id   = "rm-bench%09d"
  source_endpoint_user_name     = "tftestnormal000"
  source_endpoint_password      = "Test12345@"
  backup_objects                = "[{\"DBName\":\"tftestdatabase\"}]"
  backup_period                 = "Monday"
  backup_start_time             = "14:22"
  backup_storage_type           = "system"
  backup_retention_period       = 740
}
)hcl",
                         i, i, i);
}

// The OTC provider's testAccCSBSBackupPolicyV1 configuration, renamed.
std::string CsbsPolicy(int i) {
  return absl::StrFormat(R"hcl(resource "polybackup_csbs_policy" "c%d" {
  name = "pb-bench-csbs-%d"

  resource {
    id   = "%s"
    type = "OS::Nova::Server"
    name = "resource%d"
  }
  scheduled_operation {
    name            = "mybackup"
    enabled         = true
    operation_type  = "backup"
    max_backups     = "2"
    trigger_pattern = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
  }
}
)hcl",
                         i, i, CsbsServer(i), i);
}

std::string AwsBlock(const acceptance::Emulators& e) {
  return absl::StrCat("  aws {\n    region = \"us-east-1\"\n    endpoints {\n      backup = \"",
                      e.Url("aws_backup"), "\"\n    }\n  }\n");
}

}  // namespace

std::string CoreOnlyConfig(int n) {
  std::string hcl;
  for (int i = 0; i < n; ++i) {
    absl::StrAppend(&hcl, "resource \"terraform_data\" \"d", i, "\" {\n  input = \"pb-bench-", i,
                    "\"\n}\n");
  }
  return hcl;
}

std::string ExternalFloorConfig(int n) {
  std::string hcl = "provider \"polybackup\" {}\n";
  for (int i = 0; i < n; ++i) {
    absl::StrAppend(&hcl, "resource \"polybackup_test_thing\" \"t", i, "\" {\n  name = \"pb-bench-",
                    i, "\"\n}\n");
  }
  return hcl;
}

std::string AwsProviderConfig(int n, const acceptance::Emulators& e) {
  // The emulator has no STS nor instance metadata; keys come from
  // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (acceptance/aws/backup_target.cc).
  std::string hcl = absl::StrCat(
      "provider \"aws\" {\n  region                      = \"us-east-1\"\n"
      "  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n"
      "  skip_metadata_api_check     = true\n  skip_region_validation      = true\n"
      "  endpoints {\n    backup = \"",
      e.Url("aws_backup"), "\"\n  }\n}\n");
  for (int i = 0; i < n; ++i) hcl += Plan("aws_backup_plan", i);
  return hcl;
}

std::string PolybackupAwsConfig(int n, const acceptance::Emulators& e) {
  std::string hcl = absl::StrCat("provider \"polybackup\" {\n", AwsBlock(e), "}\n");
  for (int i = 0; i < n; ++i) hcl += Plan("polybackup_aws_backup_plan", i);
  return hcl;
}

std::map<std::string, int> MixShares(int n) {
  const int base = n / 4, extra = n % 4;
  return {{"aws_backup", base + (extra > 0)},
          {"alicloud_kvstore", base + (extra > 1)},
          {"alicloud_dbs", base + (extra > 2)},
          {"huaweicloud_csbs", base}};
}

std::string PolybackupMixConfig(int n, const acceptance::Emulators& e) {
  std::string hcl = absl::StrCat(
      "provider \"polybackup\" {\n", AwsBlock(e),
      "  alicloud {\n    region = \"cn-hangzhou\"\n    endpoints {\n      r_kvstore = \"",
      e.Url("alicloud_kvstore"), "\"\n      dbs       = \"", e.Url("alicloud_dbs"),
      "\"\n    }\n  }\n  huaweicloud {\n    region = \"eu-de\"\n    endpoints {\n      csbs = \"",
      e.Url("huaweicloud_csbs"), "\"\n      iam  = \"", e.Url("huaweicloud_iam"),
      "\"\n    }\n  }\n}\n");
  std::map<std::string, int> shares = MixShares(n);
  for (int i = 0; i < shares["aws_backup"]; ++i) hcl += Plan("polybackup_aws_backup_plan", i);
  for (int i = 0; i < shares["alicloud_kvstore"]; ++i) hcl += KvstorePolicy(i);
  for (int i = 0; i < shares["alicloud_dbs"]; ++i) hcl += DbsPlan(i);
  for (int i = 0; i < shares["huaweicloud_csbs"]; ++i) hcl += CsbsPolicy(i);
  return hcl;
}

void PrepareEmulators(acceptance::Emulators& e, int n) {
  e.Reset();
  e.ServiceOp("aws_backup", "set_limits", {{"plans", n + 100}, {"vaults", 100}});
  e.ServiceOp("alicloud_kvstore", "settings", {{"transition_seconds", 0}});
  e.ServiceOp("alicloud_dbs", "settings", {{"configure_delay_seconds", 0}});
  e.ServiceOp("huaweicloud_csbs", "settings", {{"creating_seconds", 0}});
  const std::map<std::string, int> shares = MixShares(n);
  for (int i = 0; i < shares.at("alicloud_kvstore"); ++i) {
    e.ServiceOp("alicloud_kvstore", "seed_instance", {{"instance_id", KvstoreInstance(i)}});
  }
  for (int i = 0; i < shares.at("huaweicloud_csbs"); ++i) {
    e.ServiceOp("huaweicloud_csbs", "seed_server",
                {{"id", CsbsServer(i)}, {"name", absl::StrCat("pb-bench-ecs-", i)}});
  }
  // The vault, through polybackup's own AWS Backup client (the control API
  // has no operation for it).
  clients::credentials::AwsConfig config;
  config.access_key = acceptance::kTestAccessKey;
  config.secret_key = acceptance::kTestSecretKey;
  config.region = "us-east-1";
  config.transport.endpoints["backup"] = e.Url("aws_backup");
  auto aws = clients::aws::NewAwsClients(config, clients::credentials::ProcessEnvironment());
  if (!aws.ok()) throw std::runtime_error("AWS client: " + aws.status().ToString());
  auto vault = aws->backup->CreateBackupVault({.backup_vault_name = kBenchVault});
  if (!vault.ok())
    throw std::runtime_error("creating the bench vault: " + vault.status().ToString());
}

}  // namespace polybackup::bench
