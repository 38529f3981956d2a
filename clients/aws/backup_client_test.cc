#include "clients/aws/backup_client.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients::aws {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random{{11, 22, 33, 44, 55, 66, 77, 88, 99}};
  int credential_calls = 0;

  BackupClient Client(std::string endpoint = "", std::string region = "eu-west-1") {
    AwsClientOptions o;
    o.region = std::move(region);
    o.endpoint = std::move(endpoint);
    o.credentials = [this]() -> absl::StatusOr<signing::AwsCredentials> {
      ++credential_calls;
      return signing::AwsCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry.max_attempts = 4;
    o.backoff = {.initial_delay = milliseconds(100), .max_delay = milliseconds(1000)};
    return BackupClient(std::move(o));
  }
};

// An AWS error answer as Backup sends it: the type in x-amzn-ErrorType, an
// opaque Code member in the body.
void RespondError(http::ScriptedTransport& t, int status, const std::string& type,
                  const std::string& message) {
  t.Respond(status, json({{"__type", type}, {"Code", "ERROR_9101"}, {"Message", message}}).dump(),
            {{"x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.backup/"},
             {"x-amzn-RequestId", "req-1"}});
}

BackupPlanDocument SamplePlan() {
  BackupRule rule{
      .rule_name = "daily",
      .target_backup_vault_name = "vault-1",
      .schedule_expression = "cron(0 5 ? * * *)",
      .schedule_expression_timezone = "Europe/Berlin",
      .start_window_minutes = 60,
      .completion_window_minutes = 180,
      .lifecycle = BackupLifecycle{.move_to_cold_storage_after_days = 30, .delete_after_days = 120},
      .recovery_point_tags = {{"team", "db"}},
      .copy_actions = {{.destination_backup_vault_arn =
                            "arn:aws:backup:eu-central-1:123456789012:backup-vault:dr",
                        .lifecycle = BackupLifecycle{.delete_after_days = 365}}},
      .enable_continuous_backup = false};
  return {.backup_plan_name = "plan-1",
          .rules = {rule},
          .advanced_backup_settings = {{"EC2", {{"WindowsVSS", "enabled"}}}}};
}

TEST_CASE("CreateBackupPlan: PUT /backup/plans/, SigV4 for service backup, the model's members") {
  Fixture f;
  f.transport->Respond(200, R"({"BackupPlanId":"p-1","BackupPlanArn":"arn:p-1",
      "VersionId":"v1","CreationDate":1700000000.123})");
  auto ref = f.Client().CreateBackupPlan({.plan = SamplePlan(), .tags = {{"env", "prod"}}});
  REQUIRE(ref.ok());
  CHECK(ref->backup_plan_id == "p-1");
  CHECK(ref->version_id == "v1");
  CHECK(*ref->creation_date == doctest::Approx(1700000000.123));

  http::HttpRequest r = f.transport->requests().at(0);
  CHECK(r.method == "PUT");
  CHECK(r.url == "https://backup.eu-west-1.amazonaws.com/backup/plans/");
  std::string auth(http::FindHeader(r.headers, "authorization"));
  CHECK(auth.rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/backup/aws4_request",
                   0) == 0);
  CHECK(http::FindHeader(r.headers, "x-amz-date") == "20231114T221320Z");
  CHECK(http::FindHeader(r.headers, "content-type") == "application/json");
  CHECK_FALSE(http::FindHeader(r.headers, "x-amz-content-sha256").empty());

  json body = json::parse(r.body);
  const json& rule = body["BackupPlan"]["Rules"][0];
  CHECK(body["BackupPlan"]["BackupPlanName"] == "plan-1");
  CHECK(rule["RuleName"] == "daily");
  CHECK(rule["TargetBackupVaultName"] == "vault-1");
  CHECK(rule["ScheduleExpressionTimezone"] == "Europe/Berlin");
  CHECK(rule["StartWindowMinutes"] == 60);
  CHECK(rule["Lifecycle"] == json({{"MoveToColdStorageAfterDays", 30}, {"DeleteAfterDays", 120}}));
  CHECK(rule["RecoveryPointTags"]["team"] == "db");
  CHECK(rule["CopyActions"][0]["Lifecycle"]["DeleteAfterDays"] == 365);
  CHECK(rule["EnableContinuousBackup"] == false);
  CHECK_FALSE(rule.contains("RuleId"));
  CHECK(body["BackupPlan"]["AdvancedBackupSettings"][0]["BackupOptions"]["WindowsVSS"] ==
        "enabled");
  CHECK(body["BackupPlanTags"]["env"] == "prod");
  std::string token = body["CreatorRequestId"];
  CHECK(token.rfind("pb-", 0) == 0);
  CHECK(token.size() <= 50);
}

TEST_CASE("CreateBackupPlan: every retry carries the same CreatorRequestId; a new call a new one") {
  Fixture f;
  BackupClient client = f.Client();
  f.transport->Fail(absl::UnavailableError("connection closed before the answer"));
  RespondError(*f.transport, 500, "InternalFailure", "boom");
  f.transport->Respond(200, R"({"BackupPlanId":"p-1","VersionId":"v1"})");
  REQUIRE(client.CreateBackupPlan({.plan = SamplePlan()}).ok());
  f.transport->Respond(200, R"({"BackupPlanId":"p-2","VersionId":"v1"})");
  REQUIRE(client.CreateBackupPlan({.plan = SamplePlan()}).ok());

  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 4);
  auto token = [&](int i) { return json::parse(requests[i].body)["CreatorRequestId"]; };
  CHECK(token(0) == token(1));
  CHECK(token(1) == token(2));
  CHECK(token(3) != token(0));
  // Signed afresh per attempt.
  CHECK(f.credential_calls == 4);
}

TEST_CASE("CreateBackupPlan: a caller's token is sent as given; local validation sends nothing") {
  Fixture f;
  f.transport->Respond(200, R"({"BackupPlanId":"p-1"})");
  REQUIRE(f.Client().CreateBackupPlan({.plan = SamplePlan(), .creator_request_id = "tf-abc"}).ok());
  CHECK(json::parse(f.transport->requests().at(0).body)["CreatorRequestId"] == "tf-abc");

  auto no_rules = f.Client().CreateBackupPlan({.plan = {.backup_plan_name = "x"}});
  CHECK(no_rules.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.transport->requests().size() == 1);
}

TEST_CASE("CreateBackupPlan: AlreadyExistsException is final") {
  Fixture f;
  RespondError(*f.transport, 400, "AlreadyExistsException",
               "Backup plan with the same plan document already exists");
  auto s = f.Client().CreateBackupPlan({.plan = SamplePlan()});
  CHECK(s.status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(GetCloudError(s.status())->code == "AlreadyExistsException");
  CHECK(f.transport->requests().size() == 1);
}

constexpr char kPlanAnswer[] = R"json({
  "BackupPlan": {"BackupPlanName": "plan-1", "Rules": [{
    "RuleName": "daily", "TargetBackupVaultName": "vault-1", "RuleId": "r-1",
    "ScheduleExpression": "cron(0 5 ? * * *)", "ScheduleExpressionTimezone": "Etc/UTC",
    "StartWindowMinutes": 480, "CompletionWindowMinutes": 10080,
    "Lifecycle": {"DeleteAfterDays": 35, "OptInToArchiveForSupportedResources": false},
    "RecoveryPointTags": {"a": "b"},
    "CopyActions": [{"DestinationBackupVaultArn": "arn:dr", "Lifecycle": {}}],
    "EnableContinuousBackup": true}], "AdvancedBackupSettings": null},
  "BackupPlanId": "p-1", "BackupPlanArn": "arn:aws:backup:eu-west-1:123456789012:backup-plan:p-1",
  "VersionId": "v2", "CreatorRequestId": "pb-x", "CreationDate": 1700000001.5,
  "DeletionDate": 1700000100.25,
  "AdvancedBackupSettings": [{"ResourceType": "EC2", "BackupOptions": {"WindowsVSS": "disabled"}}]})json";

TEST_CASE("GetBackupPlan: trailing-slash path, versionId, rules, top-level settings, dates") {
  Fixture f;
  f.transport->Respond(200, kPlanAnswer);
  auto plan = f.Client().GetBackupPlan("p-1", "v2");
  REQUIRE(plan.ok());
  CHECK(f.transport->requests().at(0).method == "GET");
  CHECK(f.transport->requests().at(0).url ==
        "https://backup.eu-west-1.amazonaws.com/backup/plans/p-1/?versionId=v2");
  CHECK(f.transport->requests().at(0).body.empty());
  REQUIRE(plan->plan.rules.size() == 1);
  const BackupRule& r = plan->plan.rules[0];
  CHECK(r.rule_id == "r-1");
  CHECK(r.start_window_minutes == 480);
  CHECK(r.lifecycle->delete_after_days == 35);
  CHECK_FALSE(r.lifecycle->move_to_cold_storage_after_days.has_value());
  CHECK(r.lifecycle->opt_in_to_archive_for_supported_resources == false);
  CHECK(r.recovery_point_tags.at("a") == "b");
  // An empty Lifecycle object is "custom lifecycle with nothing set" (AWS #37862).
  REQUIRE(r.copy_actions.at(0).lifecycle.has_value());
  CHECK_FALSE(r.copy_actions[0].lifecycle->delete_after_days.has_value());
  CHECK(r.enable_continuous_backup == true);
  CHECK(plan->plan.advanced_backup_settings.empty());  // the nested copy is null
  CHECK(plan->advanced_backup_settings.at(0).backup_options.at("WindowsVSS") == "disabled");
  CHECK(*plan->deletion_date == doctest::Approx(1700000100.25));
  CHECK(plan->creator_request_id == "pb-x");
}

TEST_CASE("GetBackupPlan: ResourceNotFoundException is NotFound, not retried") {
  Fixture f;
  RespondError(*f.transport, 404, "ResourceNotFoundException", "Backup plan p-9 not found");
  auto plan = f.Client().GetBackupPlan("p-9");
  CHECK(plan.status().code() == absl::StatusCode::kNotFound);
  CHECK(GetCloudError(plan.status())->request_id == "req-1");
  CHECK(f.transport->requests().size() == 1);
  CHECK(f.transport->requests().at(0).url ==
        "https://backup.eu-west-1.amazonaws.com/backup/plans/p-9/");
}

TEST_CASE("throttling is retried; a success body that is not JSON is Internal") {
  Fixture f;
  RespondError(*f.transport, 429, "ThrottlingException", "Rate exceeded");
  f.transport->Respond(200, "<html>proxy</html>");
  auto plan = f.Client().GetBackupPlan("p-1");
  CHECK(plan.status().code() == absl::StatusCode::kInternal);
  CHECK(plan.status().message().find("not valid JSON") != std::string::npos);
  CHECK(f.transport->requests().size() == 2);
}

TEST_CASE("UpdateBackupPlan and DeleteBackupPlan: POST / DELETE /backup/plans/{id}") {
  Fixture f;
  f.transport->Respond(200, R"({"BackupPlanId":"p-1","VersionId":"v3"})");
  f.transport->Respond(200, R"({"BackupPlanId":"p-1","VersionId":"v3","DeletionDate":1.0})");
  BackupClient client = f.Client();
  auto updated = client.UpdateBackupPlan("p-1", SamplePlan());
  REQUIRE(updated.ok());
  CHECK(updated->version_id == "v3");
  auto deleted = client.DeleteBackupPlan("p-1");
  REQUIRE(deleted.ok());
  CHECK(deleted->deletion_date.has_value());
  auto r = f.transport->requests();
  CHECK(r[0].method == "POST");
  CHECK(r[0].url == "https://backup.eu-west-1.amazonaws.com/backup/plans/p-1");
  CHECK(json::parse(r[0].body)["BackupPlan"]["BackupPlanName"] == "plan-1");
  CHECK_FALSE(json::parse(r[0].body).contains("CreatorRequestId"));
  CHECK(r[1].method == "DELETE");
  CHECK(r[1].url == "https://backup.eu-west-1.amazonaws.com/backup/plans/p-1");
}

TEST_CASE("ListAllBackupPlans follows NextToken; ListBackupPlanVersions path") {
  Fixture f;
  f.transport->Respond(200, R"({"BackupPlansList":[{"BackupPlanId":"a","BackupPlanName":"A"}],
                                "NextToken":"t/1+"})");
  f.transport->Respond(200, R"({"BackupPlansList":[{"BackupPlanId":"b"}]})");
  auto all = f.Client().ListAllBackupPlans(true);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].backup_plan_name == "A");
  CHECK((*all)[1].backup_plan_id == "b");
  auto r = f.transport->requests();
  CHECK(r[0].url == "https://backup.eu-west-1.amazonaws.com/backup/plans/?includeDeleted=true");
  CHECK(r[1].url ==
        "https://backup.eu-west-1.amazonaws.com/backup/plans/"
        "?nextToken=t%2F1%2B&includeDeleted=true");

  f.transport->Respond(200,
                       R"({"BackupPlanVersionsList":[{"VersionId":"v2"},{"VersionId":"v1"}]})");
  auto versions = f.Client().ListBackupPlanVersions("p-1", "", 10);
  REQUIRE(versions.ok());
  CHECK(versions->items.size() == 2);
  CHECK(versions->next_token.empty());
  CHECK(f.transport->requests().back().url ==
        "https://backup.eu-west-1.amazonaws.com/backup/plans/p-1/versions/?maxResults=10");
}

TEST_CASE("a service that repeats its NextToken does not loop forever") {
  Fixture f;
  f.transport->SetHandler([](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{.status = 200,
                              .body = R"({"BackupVaultList":[],"NextToken":"same"})"};
  });
  auto all = f.Client().ListAllBackupVaults();
  CHECK(all.status().code() == absl::StatusCode::kInternal);
}

TEST_CASE("missing credentials: Unauthenticated without sending") {
  Fixture f;
  AwsClientOptions o;
  o.region = "eu-west-1";
  o.transport = f.transport;
  o.clock = &f.clock;
  o.random = &f.random;
  auto s = BackupClient(std::move(o)).GetBackupPlan("p-1");
  CHECK(s.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(f.transport->requests().empty());
}

TEST_CASE("endpoints: default per region and partition, override with or without scheme") {
  CHECK(DefaultBackupEndpoint("us-east-1") == "https://backup.us-east-1.amazonaws.com");
  CHECK(DefaultBackupEndpoint("cn-north-1") == "https://backup.cn-north-1.amazonaws.com.cn");
  Fixture f;
  CHECK(f.Client("http://127.0.0.1:4000/").endpoint() == "http://127.0.0.1:4000");
  CHECK(f.Client("backup.example.internal").endpoint() == "https://backup.example.internal");
}

}  // namespace
}  // namespace polybackup::clients::aws
