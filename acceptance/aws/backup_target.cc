#include "acceptance/aws/backup_target.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

#include "acceptance/harness/acceptance.h"
#include "clients/credentials/environment.h"

namespace polybackup::acceptance {
namespace {

namespace cl = clients::aws;
using nlohmann::json;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

template <class T>
T Require(absl::StatusOr<T> v, const std::string& what) {
  REQUIRE_MESSAGE(v.ok(), what << ": " << v.status().ToString());
  return *std::move(v);
}

void Require(const absl::Status& s, const std::string& what) {
  REQUIRE_MESSAGE(s.ok(), what << ": " << s.ToString());
}

}  // namespace

std::unique_ptr<BackupTarget> BackupTarget::Get() {
  std::unique_ptr<BackupTarget> t(new BackupTarget());
  if (Env("POLYBACKUP_ACC_REAL") != "1") {
    Emulators* e = AcceptanceEmulators();
    if (e == nullptr) return nullptr;
    t->emulators_ = e;
    t->region_ = "us-east-1";
    t->account_ = "123456789012";
    t->endpoint_ = e->Url("aws_backup");
    t->env_ = e->ProviderEnv();
    t->role_arn_ =
        e->ServiceOp("aws_backup", "seed_iam_role",
                     {{"name", "AWSBackupDefaultServiceRole"}, {"path", "/service-role/"}})["arn"];
    clients::credentials::AwsConfig config;
    config.access_key = kTestAccessKey;
    config.secret_key = kTestSecretKey;
    config.region = t->region_;
    config.transport.endpoints["backup"] = t->endpoint_;
    t->clients_ = Require(cl::NewAwsClients(config, clients::credentials::ProcessEnvironment()),
                          "the AWS Backup client for the emulator");
    return t;
  }
  if (!TerraformAvailable()) {
    FAIL("the Terraform CLI is not available");
    return nullptr;
  }
  t->role_arn_ = Env("POLYBACKUP_ACC_AWS_ROLE_ARN");
  if (t->role_arn_.empty()) {
    MESSAGE(
        "skipped on the real account: set POLYBACKUP_ACC_AWS_ROLE_ARN to an IAM role AWS "
        "Backup may assume");
    return nullptr;
  }
  t->clients_ = Require(cl::NewAwsClients({}, clients::credentials::ProcessEnvironment()),
                        "the AWS Backup client (AWS_* environment)");
  t->region_ = t->clients_.region;
  // arn:aws:iam::<account>:role/...
  const size_t start = t->role_arn_.find("::") + 2;
  t->account_ = t->role_arn_.substr(start, t->role_arn_.find(':', start) - start);
  std::mt19937 gen(std::random_device{}());
  t->prefix_ = "pbacc-" + std::to_string(100000 + gen() % 900000) + "-";
  return t;
}

std::string BackupTarget::Name(const std::string& base) const { return prefix_ + base; }

std::string BackupTarget::ProviderBlock(const std::string& extra) const {
  std::string endpoints;
  if (emulated()) endpoints = "    endpoints {\n      backup = \"" + endpoint_ + "\"\n    }\n";
  return "provider \"polybackup\" {\n  aws {\n    region = \"" + region_ + "\"\n" + endpoints +
         extra + "  }\n}\n";
}

std::string BackupTarget::AwsProviderBlock() const {
  if (!emulated()) return "provider \"aws\" {\n  region = \"" + region_ + "\"\n}\n";
  // The emulator has no STS nor instance metadata: the AWS provider is told
  // not to ask them (keys come from AWS_ACCESS_KEY_ID / _SECRET_ACCESS_KEY).
  return "provider \"aws\" {\n"
         "  region                      = \"" +
         region_ +
         "\"\n"
         "  skip_credentials_validation = true\n"
         "  skip_requesting_account_id  = true\n"
         "  skip_metadata_api_check     = true\n"
         "  skip_region_validation      = true\n"
         "  endpoints {\n"
         "    backup = \"" +
         endpoint_ + "\"\n  }\n}\n";
}

std::optional<ScenarioTarget> BackupTarget::WithAwsProvider() const {
  std::string mirror = Env("POLYBACKUP_ACC_AWS_PROVIDER_MIRROR");
  if (mirror.empty()) mirror = "/opt/tf-plugins";
  const std::optional<MirroredProvider> aws = FindInMirror(mirror, "hashicorp/aws");
  if (!aws) {
    // Not a failure even under POLYBACKUP_ACC_REQUIRED: the provider is an
    // optional second client, not part of what CI installs.
    MESSAGE("skipped: no hashicorp/aws provider in the filesystem mirror "
            << mirror << " (set POLYBACKUP_ACC_AWS_PROVIDER_MIRROR to one that has it)");
    return std::nullopt;
  }
  ScenarioTarget target = scenario_target();
  target.providers = {{.local_name = "aws", .source = "hashicorp/aws", .version = aws->version}};
  target.mirror = mirror;
  return target;
}

void BackupTarget::ChangeRuleOutOfBand(const std::string& plan_id, const std::string& rule_name,
                                       const std::function<void(cl::BackupRule&)>& change) {
  cl::BackupPlan plan = Require(client().GetBackupPlan(plan_id), "reading plan " + plan_id);
  bool found = false;
  for (cl::BackupRule& r : plan.plan.rules) {
    if (r.rule_name != rule_name) continue;
    change(r);
    found = true;
  }
  REQUIRE_MESSAGE(found, "plan " << plan_id << " has no rule " << rule_name);
  plan.plan.advanced_backup_settings = plan.advanced_backup_settings;
  Require(client().UpdateBackupPlan(plan_id, plan.plan).status(), "updating plan " + plan_id);
}

void BackupTarget::TagOutOfBand(const std::string& arn, const std::string& key,
                                const std::string& value) {
  Require(client().TagResource(arn, {{key, value}}), "tagging " + arn);
}

void BackupTarget::DeleteVaultOutOfBand(const std::string& name) {
  Require(client().DeleteBackupVault(name), "deleting vault " + name);
}

void BackupTarget::DeleteSelectionOutOfBand(const std::string& plan_id,
                                            const std::string& selection_id) {
  Require(client().DeleteBackupSelection(plan_id, selection_id),
          "deleting selection " + selection_id);
}

void BackupTarget::DeletePlanOutOfBand(const std::string& plan_id) {
  // As a user would: its selections first (AWS refuses the plan before).
  for (const auto& s : Require(client().ListAllBackupSelections(plan_id), "listing selections")) {
    DeleteSelectionOutOfBand(plan_id, s.selection_id);
  }
  Require(client().DeleteBackupPlan(plan_id).status(), "deleting plan " + plan_id);
}

std::optional<cl::BackupPlan> BackupTarget::FindPlan(const std::string& plan_id) const {
  absl::StatusOr<cl::BackupPlan> plan = client().GetBackupPlan(plan_id);
  if (absl::IsNotFound(plan.status())) return std::nullopt;
  return Require(std::move(plan), "reading plan " + plan_id);
}

bool BackupTarget::VaultExists(const std::string& name) const {
  absl::StatusOr<cl::BackupVault> vault = client().DescribeBackupVault(name);
  if (absl::IsNotFound(vault.status())) return false;
  Require(vault.status(), "reading vault " + name);
  return true;
}

int BackupTarget::PlansNamed(const std::string& name) const {
  int n = 0;
  for (const auto& p : Require(client().ListAllBackupPlans(), "listing plans")) {
    n += p.backup_plan_name == name;
  }
  return n;
}

std::string BackupTarget::PlanId(const std::string& name) const {
  std::string id;
  for (const auto& p : Require(client().ListAllBackupPlans(), "listing plans")) {
    if (p.backup_plan_name != name) continue;
    REQUIRE_MESSAGE(id.empty(), "more than one plan named " << name);
    id = p.backup_plan_id;
  }
  REQUIRE_MESSAGE(!id.empty(), "no plan named " << name);
  return id;
}

std::string BackupTarget::SelectionId(const std::string& plan_id, const std::string& name) const {
  for (const auto& s : Require(client().ListAllBackupSelections(plan_id), "listing selections")) {
    if (s.selection_name == name) return s.selection_id;
  }
  FAIL("no selection " << name << " in plan " << plan_id);
  return "";
}

int BackupTarget::ApiCalls() const {
  if (!emulated()) return 0;
  int n = 0;
  for (const json& r : emulators_->Control("GET", "/requests")) {
    n += r.value("service", "") == "aws_backup";
  }
  return n;
}

void BackupTarget::DropAnswerAfterCommit(const std::string& route) {
  REQUIRE(emulated());
  emulators_->Control("POST", "/faults",
                      {{"service", "aws_backup"}, {"route", route}, {"drop_after_commit", true}});
}

void BackupTarget::SeedRecoveryPoints(const std::string& vault, int count) {
  REQUIRE(emulated());
  emulators_->ServiceOp("aws_backup", "seed_recovery_points", {{"name", vault}, {"count", count}});
}

std::vector<json> BackupTarget::Requests(const std::string& route) const {
  std::vector<json> out;
  if (!emulated()) return out;
  for (const json& r : emulators_->Control("GET", "/requests")) {
    if (r.value("service", "") == "aws_backup" && r.value("route", "") == route) out.push_back(r);
  }
  return out;
}

}  // namespace polybackup::acceptance
