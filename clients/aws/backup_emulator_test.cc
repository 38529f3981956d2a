// BackupClient against the local AWS Backup emulator (acceptance/emulators),
// through the real curl transport and SigV4 signer: the emulator re-signs
// every request with @smithy/signature-v4 and answers AWS's own error
// shapes. Label "emulator" (needs node).
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "acceptance/harness/emulators.h"
#include "clients/aws/backup_client.h"
#include "clients/core/cloud_error.h"
#include "clients/http/curl_transport.h"
#include "clients/http/url.h"

namespace polybackup::clients::aws {
namespace {

using acceptance::Emulators;

Emulators& Started() {
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  if (e == nullptr) FAIL("the emulators did not start: " << error);
  e->Reset();
  return *e;
}

BackupClient Client(Emulators& e, std::string secret = acceptance::kTestSecretKey,
                    std::shared_ptr<http::HttpTransport> transport = nullptr) {
  AwsClientOptions o;
  o.region = "us-east-1";
  o.endpoint = e.Url("aws_backup");
  o.credentials = [secret]() -> absl::StatusOr<signing::AwsCredentials> {
    return signing::AwsCredentials{acceptance::kTestAccessKey, secret, ""};
  };
  o.transport = transport ? transport : http::NewCurlTransport(http::TlsOptions{});
  o.retry.max_attempts = 4;
  o.backoff = {.initial_delay = std::chrono::milliseconds(20),
               .max_delay = std::chrono::milliseconds(100)};
  return BackupClient(std::move(o));
}

BackupPlanDocument Plan(const std::string& name, const std::string& vault) {
  BackupRule rule{
      .rule_name = "daily",
      .target_backup_vault_name = vault,
      .schedule_expression = "cron(0 5 ? * * *)",
      .lifecycle = BackupLifecycle{.move_to_cold_storage_after_days = 30, .delete_after_days = 120},
      .recovery_point_tags = {{"team", "db"}}};
  return {.backup_plan_name = name,
          .rules = {rule},
          .advanced_backup_settings = {{"EC2", {{"WindowsVSS", "enabled"}}}}};
}

int CountRequests(Emulators& e, const std::string& route) {
  int n = 0;
  for (const nlohmann::json& r : e.Control("GET", "/requests"))
    n += (r.value("route", "") == route);
  return n;
}

TEST_CASE("plans, versions, vaults, selections and tags: every call signs and parses") {
  Emulators& e = Started();
  BackupClient client = Client(e);
  std::string role = e.ServiceOp("aws_backup", "seed_iam_role", {{"name", "backup-role"}})["arn"];

  auto vault = client.CreateBackupVault({.backup_vault_name = "vault-1", .tags = {{"a", "1"}}});
  REQUIRE_MESSAGE(vault.ok(), UserMessage(vault.status()));
  auto described = client.DescribeBackupVault("vault-1");
  REQUIRE(described.ok());
  CHECK(described->backup_vault_arn == vault->backup_vault_arn);
  CHECK_FALSE(described->encryption_key_arn.empty());  // the AWS managed key
  CHECK(client.ListAllBackupVaults()->size() == 1);

  auto created = client.CreateBackupPlan({.plan = Plan("plan-1", "vault-1"), .tags = {{"k", "v"}}});
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));
  auto plan = client.GetBackupPlan(created->backup_plan_id);
  REQUIRE(plan.ok());
  CHECK(plan->plan.backup_plan_name == "plan-1");
  const BackupRule& rule = plan->plan.rules.at(0);
  CHECK_FALSE(rule.rule_id.empty());
  CHECK(rule.schedule_expression_timezone == "Etc/UTC");  // AWS's default
  CHECK(rule.start_window_minutes == 480);
  CHECK(rule.lifecycle->delete_after_days == 120);
  CHECK(plan->creation_date.has_value());
  CHECK_FALSE(plan->deletion_date.has_value());
  CHECK(plan->advanced_backup_settings.at(0).backup_options.at("WindowsVSS") == "enabled");

  BackupPlanDocument changed = Plan("plan-1", "vault-1");
  changed.rules[0].schedule_expression = "cron(0 6 ? * * *)";
  auto updated = client.UpdateBackupPlan(created->backup_plan_id, changed);
  REQUIRE(updated.ok());
  CHECK(updated->version_id != created->version_id);
  auto versions = client.ListAllBackupPlanVersions(created->backup_plan_id);
  REQUIRE(versions.ok());
  CHECK(versions->size() == 2);
  auto old = client.GetBackupPlan(created->backup_plan_id, created->version_id);
  REQUIRE(old.ok());
  CHECK(old->plan.rules.at(0).schedule_expression == "cron(0 5 ? * * *)");

  BackupSelection sel{.selection_name = "sel-1",
                      .iam_role_arn = role,
                      .resources = {"arn:aws:ec2:us-east-1:123456789012:volume/vol-1"},
                      .list_of_tags = {{"STRINGEQUALS", "backup", "yes"}}};
  sel.conditions.string_like = {{"aws:ResourceTag/env", "prod*"}};
  auto selection = client.CreateBackupSelection(created->backup_plan_id, sel);
  REQUIRE_MESSAGE(selection.ok(), UserMessage(selection.status()));
  auto got = client.GetBackupSelection(created->backup_plan_id, selection->selection_id);
  REQUIRE(got.ok());
  CHECK(got->selection.iam_role_arn == role);
  CHECK(got->selection.conditions.string_like.at(0).condition_value == "prod*");
  CHECK(got->selection.list_of_tags.at(0).condition_key == "backup");
  CHECK(client.ListAllBackupSelections(created->backup_plan_id)->size() == 1);

  // The ARN travels as one encoded path label (':' and '/' escaped).
  REQUIRE(client.TagResource(created->backup_plan_arn, {{"extra", "x"}}).ok());
  REQUIRE(client.UntagResource(created->backup_plan_arn, {"k"}).ok());
  auto tags = client.ListTags(created->backup_plan_arn);
  REQUIRE(tags.ok());
  CHECK(*tags == Tags{{"extra", "x"}});

  absl::Status busy = client.DeleteBackupPlan(created->backup_plan_id).status();
  CHECK(busy.code() == absl::StatusCode::kInvalidArgument);  // selections exist
  REQUIRE(client.DeleteBackupSelection(created->backup_plan_id, selection->selection_id).ok());
  REQUIRE(client.DeleteBackupPlan(created->backup_plan_id).ok());
  // Gone: either NotFound or still readable with a DeletionDate (both are
  // seen from AWS; the reader treats them alike).
  auto deleted = client.GetBackupPlan(created->backup_plan_id);
  if (deleted.ok()) {
    CHECK(deleted->deletion_date.has_value());
  } else {
    CHECK(deleted.status().code() == absl::StatusCode::kNotFound);
  }
  CHECK(client.DeleteBackupPlan(created->backup_plan_id).status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(client.ListAllBackupPlans()->empty());
  CHECK(client.ListAllBackupPlans(/*include_deleted=*/true)->size() == 1);

  REQUIRE(client.DeleteBackupVault("vault-1").ok());
  CHECK(client.DescribeBackupVault("vault-1").status().code() == absl::StatusCode::kNotFound);
  CHECK(client.GetBackupPlan("00000000-0000-0000-0000-000000000000").status().code() ==
        absl::StatusCode::kNotFound);
}

TEST_CASE("a wrong secret gets AWS's own error, mapped to Unauthenticated") {
  Emulators& e = Started();
  auto wrong = Client(e, "not-the-secret").ListBackupPlans();
  CHECK(wrong.status().code() == absl::StatusCode::kUnauthenticated);
  REQUIRE(GetCloudError(wrong.status()));
  CHECK(GetCloudError(wrong.status())->code == "InvalidSignatureException");
}

TEST_CASE("injected throttling and 5xx are retried and succeed") {
  Emulators& e = Started();
  BackupClient client = Client(e);
  REQUIRE(client.CreateBackupVault({.backup_vault_name = "vault-1"}).ok());
  e.Control("POST", "/faults",
            {{"service", "aws_backup"},
             {"route", "DescribeBackupVault"},
             {"throttle", true},
             {"count", 2}});
  e.Control("POST", "/faults",
            {{"service", "aws_backup"},
             {"route", "ListBackupVaults"},
             {"status", 500},
             {"code", "InternalFailure"},
             {"count", 2}});
  e.Control("DELETE", "/requests");
  auto v = client.DescribeBackupVault("vault-1");
  CHECK_MESSAGE(v.ok(), UserMessage(v.status()));
  auto list = client.ListAllBackupVaults();
  CHECK_MESSAGE(list.ok(), UserMessage(list.status()));
  CHECK(CountRequests(e, "DescribeBackupVault") == 3);
  CHECK(CountRequests(e, "ListBackupVaults") == 3);
}

TEST_CASE("a create whose answer is lost does not duplicate the plan (CreatorRequestId)") {
  Emulators& e = Started();
  BackupClient client = Client(e);
  REQUIRE(client.CreateBackupVault({.backup_vault_name = "vault-1"}).ok());
  e.Control(
      "POST", "/faults",
      {{"service", "aws_backup"}, {"route", "CreateBackupPlan"}, {"drop_after_commit", true}});
  e.Control("DELETE", "/requests");
  auto created = client.CreateBackupPlan({.plan = Plan("plan-1", "vault-1")});
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));
  nlohmann::json log = e.Control("GET", "/requests");
  REQUIRE(log.size() == 2);
  CHECK(log[0]["status"] == "dropped");
  CHECK(log[1]["status"] == 200);
  auto plans = client.ListAllBackupPlans();
  REQUIRE(plans.ok());
  REQUIRE(plans->size() == 1);
  CHECK((*plans)[0].backup_plan_id == created->backup_plan_id);
}

// Client-side sockets connected to `port`, any TCP state (TIME_WAIT
// included, so a connection closed during the loop still counts).
std::set<std::string> SocketsTo(int port) {
  std::set<std::string> out;
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // header
  while (std::getline(tcp, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote;
    fields >> slot >> local >> remote;
    size_t colon = remote.find(':');
    if (colon == std::string::npos) continue;
    if (std::stoi(remote.substr(colon + 1), nullptr, 16) == port) out.insert(local);
  }
  return out;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

TEST_CASE("1,000 sequential calls to one endpoint use one connection") {
  Emulators& e = Started();
  absl::StatusOr<http::Url> url = http::ParseUrl(e.Url("aws_backup"));
  REQUIRE(url.ok());
  REQUIRE(Client(e).CreateBackupVault({.backup_vault_name = "vault-1"}).ok());
  // A transport of its own, unused so far: every connection it makes is new.
  BackupClient client =
      Client(e, acceptance::kTestSecretKey, http::NewCurlTransport(http::TlsOptions{}));
  std::set<std::string> before = SocketsTo(url->port);
  e.Control("DELETE", "/requests");
  constexpr int kCalls = 1000;
  int failures = 0;
  auto start = std::chrono::steady_clock::now();
  double cpu_start = CpuSeconds();
  for (int i = 0; i < kCalls; ++i) failures += !client.DescribeBackupVault("vault-1").ok();
  double cpu = CpuSeconds() - cpu_start;
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::set<std::string> after = SocketsTo(url->port);
  int opened = 0;
  for (const std::string& s : after) opened += !before.count(s);
  MESSAGE(kCalls << " DescribeBackupVault calls: " << failures << " failures, " << opened
                 << " new connection(s), wall " << wall * 1e6 / kCalls << " us/call, client CPU "
                 << cpu * 1e6 / kCalls << " us/call (sign + JSON + curl)");
  CHECK(failures == 0);
  CHECK(CountRequests(e, "DescribeBackupVault") == kCalls);
  CHECK(opened == 1);
}

}  // namespace
}  // namespace polybackup::clients::aws
