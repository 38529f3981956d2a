#include "clients/alicloud/dbs_client.h"

#include <doctest/doctest.h>

#include "base/logging.h"
#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"

namespace polybackup::clients::alicloud {
namespace {

using std::chrono::milliseconds;

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random{{11, 22, 33, 44, 55, 66, 77, 88, 99, 111, 222, 333}};

  DbsClient Client() {
    AlicloudClientOptions o;
    o.region = "cn-hangzhou";
    o.credentials = []() -> absl::StatusOr<signing::AlicloudCredentials> {
      return signing::AlicloudCredentials{"LTAI5tDbsKeyId000000", "DbsSecretForTests", ""};
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry.max_attempts = 4;
    o.backoff = {.initial_delay = milliseconds(1000), .max_delay = milliseconds(8000)};
    return DbsClient(std::move(o));
  }
};

std::string Param(const http::HttpRequest& r, const std::string& name) {
  auto url = http::ParseUrl(r.url);
  REQUIRE(url.ok());
  auto q = http::ParseQuery(url->query);
  REQUIRE(q.ok());
  for (const auto& [k, v] : *q) {
    if (k == name) return v;
  }
  return "<absent>";
}

TEST_CASE("endpoint follows the region; override wins") {
  Fixture f;
  CHECK(f.Client().endpoint() == "https://dbs-api.cn-hangzhou.aliyuncs.com");
  CHECK(DbsEndpoint("cn-shanghai") == "https://dbs-api.cn-hangzhou.aliyuncs.com");
  CHECK(DbsEndpoint("ap-southeast-1") == "https://dbs-api.ap-southeast-1.aliyuncs.com");
  CHECK(DbsEndpoint("us-west-1") == "https://dbs.cn-hangzhou.aliyuncs.com");
  CHECK(DbsEndpoint("cn-huhehaote") == "https://dbs-api.cn-huhehaote.aliyuncs.com");
}

TEST_CASE("CreateBackupPlan: one ClientToken for every attempt") {
  Fixture f;
  f.transport->Respond(503, R"({"Code":"ServiceUnavailable","Message":"busy"})");
  f.transport->Respond(
      200, R"({"Success":true,"HttpStatusCode":200,"BackupPlanId":"dbsabc","OrderId":"2000"})");
  auto created = f.Client().CreateBackupPlan({.instance_class = "small",
                                              .database_type = "MySQL",
                                              .backup_method = "logical",
                                              .period = "Month",
                                              .used_time = 1});
  REQUIRE(created.ok());
  CHECK(created->backup_plan_id == "dbsabc");
  CHECK(created->order_id == "2000");
  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 2);
  std::string token = Param(requests[0], "ClientToken");
  CHECK(token.rfind("tf-", 0) == 0);
  CHECK(token.size() <= 64);
  CHECK(Param(requests[1], "ClientToken") == token);
  CHECK(created->client_token == token);
  CHECK(Param(requests[0], "Region") == "cn-hangzhou");
  CHECK(Param(requests[0], "RegionId") == "cn-hangzhou");
  CHECK(Param(requests[0], "UsedTime") == "1");
  CHECK(http::FindHeader(requests[0].headers, "x-acs-version") == "2019-03-06");
  CHECK(http::FindHeader(requests[0].headers, "x-acs-action") == "CreateBackupPlan");
  CHECK(http::FindHeader(requests[0].headers, "x-acs-signature-nonce") !=
        http::FindHeader(requests[1].headers, "x-acs-signature-nonce"));
}

TEST_CASE("the Success=false envelope on HTTP 200 is an error") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":false,"ErrCode":"InvalidParameter","HttpStatusCode":400,
      "ErrMessage":"The specified parameter InstanceClass value \"huge\" is not valid.","RequestId":"Q"})");
  auto created = f.Client().CreateBackupPlan({.instance_class = "huge"});
  CHECK(created.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(UserMessage(created.status()).find("InstanceClass") != std::string::npos);
  CHECK(f.transport->requests().size() == 1);
}

constexpr char kNotYet[] =
    R"({"Success":false,"ErrCode":"BackupPlanNotCreate","ErrMessage":"Backup Plan not create.","HttpStatusCode":400})";

ConfigureDbsBackupPlanRequest SampleConfiguration() {
  ConfigureDbsBackupPlanRequest req{.backup_plan_id = "dbsabc", .backup_plan_name = "nightly"};
  req.source = {.instance_type = "RDS",
                .region = "cn-hangzhou",
                .instance_id = "rm-1",
                .user_name = "backup",
                .password = "Db$Passw0rd-xyz"};
  req.backup_objects = R"([{"DBName":"app"}])";
  req.backup_period = "Monday,Thursday";
  req.backup_start_time = "02:00";
  req.enable_backup_log = true;
  req.backup_retention_period = 30;
  return req;
}

TEST_CASE("ConfigureBackupPlan is one call: too soon is FailedPrecondition, not a retry") {
  Fixture f;
  f.transport->Respond(200, kNotYet);
  absl::Status s = f.Client().ConfigureBackupPlan(SampleConfiguration());
  CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.transport->requests().size() == 1);
  CHECK(f.clock.sleeps().empty());
}

TEST_CASE("ConfigureBackupPlanWhenReady waits out BackupPlanNotCreate; the password never logs") {
  Fixture f;
  f.transport->Respond(200, kNotYet);
  f.transport->Respond(200, kNotYet);
  f.transport->Respond(200, R"({"Success":true,"BackupPlanId":"dbsabc"})");
  CallOptions options;
  options.deadline = f.clock.Monotonic() + std::chrono::minutes(10);
  REQUIRE(f.Client()
              .ConfigureBackupPlanWhenReady(SampleConfiguration(), milliseconds(1000), options)
              .ok());
  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 3);
  // Two pauses of the interval between the three attempts: no blind sleep.
  REQUIRE(f.clock.sleeps().size() == 2);
  CHECK(f.clock.sleeps()[0] == milliseconds(1000));
  CHECK(f.clock.sleeps()[1] == milliseconds(1000));
  CHECK(Param(requests[2], "SourceEndpointInstanceType") == "RDS");
  CHECK(Param(requests[2], "SourceEndpointInstanceID") == "rm-1");
  CHECK(Param(requests[2], "BackupObjects") == R"([{"DBName":"app"}])");
  CHECK(Param(requests[2], "EnableBackupLog") == "true");
  CHECK(Param(requests[2], "BackupRetentionPeriod") == "30");
  CHECK(Param(requests[2], "SourceEndpointOracleSID") == "<absent>");
  CHECK(log::Redact(requests[2].url).find("Db$Passw0rd-xyz") == std::string::npos);
}

TEST_CASE("ConfigureBackupPlanWhenReady stops at the deadline, and at once on another error") {
  Fixture f;
  f.transport->SetHandler([](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{200, {}, kNotYet};
  });
  CallOptions options;
  options.deadline = f.clock.Monotonic() + std::chrono::seconds(5);
  absl::Status late =
      f.Client().ConfigureBackupPlanWhenReady(SampleConfiguration(), milliseconds(2000), options);
  CHECK(late.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(late.message().find("accept its configuration") != std::string_view::npos);
  CHECK(late.message().find("BackupPlanNotCreate") != std::string_view::npos);

  Fixture g;
  g.transport->Respond(200, R"({"Success":false,"ErrCode":"InvalidParameter","HttpStatusCode":400,
      "ErrMessage":"The specified parameter BackupStartTime value \"25:00\" is not valid."})");
  absl::Status bad =
      g.Client().ConfigureBackupPlanWhenReady(SampleConfiguration(), milliseconds(2000), options);
  CHECK(bad.code() == absl::StatusCode::kInvalidArgument);
  CHECK(g.transport->requests().size() == 1);
}

TEST_CASE("DescribeBackupPlan parses loose types and detects absence") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":true,"PageNum":0,"PageSize":10,"TotalElements":1,
    "Items":{"BackupPlanDetail":[{"BackupPlanId":"dbsabc","BackupPlanName":"nightly",
    "BackupPlanStatus":"running","SourceEndpointInstanceType":"rds","BackupRetentionPeriod":"30",
    "EnableBackupLog":"true","BackupGatewayId":0,"BackupPlanCreateTime":1700000000000,
    "BackupPeriod":"Monday,Thursday","BackupStartTime":"02:00"}]}})");
  auto plan = f.Client().DescribeBackupPlan("dbsabc");
  REQUIRE(plan.ok());
  CHECK(plan->backup_plan_status == "running");
  CHECK(plan->source_endpoint_instance_type == "rds");
  CHECK(plan->backup_retention_period == 30);
  CHECK(plan->enable_backup_log == true);
  CHECK_FALSE(plan->backup_gateway_id.has_value());
  CHECK(plan->create_time_ms == 1700000000000LL);
  CHECK(Param(f.transport->requests()[0], "BackupPlanId") == "dbsabc");

  f.transport->Respond(200, R"({"Success":true,"Items":{"BackupPlanDetail":[]}})");
  CHECK(f.Client().DescribeBackupPlan("gone").status().code() == absl::StatusCode::kNotFound);
  f.transport->Respond(
      200, R"({"Success":false,"ErrCode":"InvalidParameterValid","HttpStatusCode":400})");
  CHECK(f.Client().DescribeBackupPlan("gone").status().code() == absl::StatusCode::kNotFound);
  f.transport->Respond(
      200, R"({"Success":true,"Items":{"BackupPlanDetail":[{"BackupPlanId":"other"}]}})");
  CHECK(f.Client().DescribeBackupPlan("gone").status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("DescribeAllBackupPlans walks 0-based pages") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":true,"PageNum":0,"PageSize":2,"TotalElements":3,
    "Items":{"BackupPlanDetail":[{"BackupPlanId":"a"},{"BackupPlanId":"b"}]}})");
  f.transport->Respond(200, R"({"Success":true,"PageNum":1,"PageSize":2,"TotalElements":3,
    "Items":{"BackupPlanDetail":[{"BackupPlanId":"c"}]}})");
  auto all = f.Client().DescribeAllBackupPlans({.page_size = 2});
  REQUIRE(all.ok());
  CHECK(all->size() == 3);
  CHECK(Param(f.transport->requests()[0], "PageNum") == "0");
  CHECK(Param(f.transport->requests()[1], "PageNum") == "1");
}

TEST_CASE("lifecycle calls: parameters and not-found release") {
  Fixture f;
  for (int i = 0; i < 8; ++i) f.transport->Respond(200, R"({"Success":true})");
  DbsClient c = f.Client();
  REQUIRE(c.StartBackupPlan("p").ok());
  REQUIRE(c.StopBackupPlan("p", "").ok());
  REQUIRE(c.ModifyBackupPlanName("p", "new").ok());
  REQUIRE(
      c.ModifyBackupStrategy(
           {.backup_plan_id = "p", .backup_period = "Monday,Friday", .backup_start_time = "03:00"})
          .ok());
  REQUIRE(c.ModifyBackupObjects("p", "[]").ok());
  REQUIRE(c.ModifyBackupSourceEndpoint({.backup_plan_id = "p", .source = {.instance_type = "ECS"}})
              .ok());
  auto r = f.transport->requests();
  CHECK(Param(r[0], "ClientToken") != "<absent>");
  CHECK(Param(r[1], "StopMethod") == "ALL");
  CHECK(Param(r[2], "BackupPlanName") == "new");
  CHECK(Param(r[3], "BackupPeriod") == "Monday,Friday");
  CHECK(http::FindHeader(r[4].headers, "x-acs-action") == "ModifyBackupObjects");
  CHECK(Param(r[5], "SourceEndpointInstanceType") == "ECS");
  REQUIRE(c.ModifyStorageStrategy({.backup_plan_id = "p",
                                   .backup_retention_period = 730,
                                   .duplication_infrequent_access_period = 180,
                                   .duplication_archive_period = 365})
              .ok());
  REQUIRE(c.SetBackupLog("p", false).ok());
  r = f.transport->requests();
  CHECK(Param(r[6], "DuplicationArchivePeriod") == "365");
  CHECK(http::FindHeader(r[7].headers, "x-acs-action") == "DisableBackupLog");

  f.transport->Respond(200, R"({"Success":false,"ErrCode":"Param.NotFound","HttpStatusCode":404,
    "ErrMessage":"The specified parameter BackupPlanId value p is not valid."})");
  CHECK(c.ReleaseBackupPlan("p").code() == absl::StatusCode::kNotFound);
}

TEST_CASE("waiting for a plan status, a failed precheck, and release") {
  Fixture f;
  auto plan = [](const char* status, const char* err = "") {
    return std::string(
               R"({"Success":true,"Items":{"BackupPlanDetail":[{"BackupPlanId":"p","BackupPlanStatus":")") +
           status + R"(","ErrMessage":")" + err + R"("}]}})";
  };
  f.transport->Respond(200, plan("check_pass"));
  f.transport->Respond(200, plan("running"));
  DbsClient c = f.Client();
  REQUIRE(c.WaitForPlanStatus("p", "running", {"init", "stop"}, std::chrono::seconds(5)).ok());
  f.transport->Respond(200, plan("init", "can not connect to rm-1"));
  absl::Status failed = c.WaitForPlanStatus("p", "running", {"init"}, std::chrono::seconds(5));
  CHECK(failed.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(failed.message().find("can not connect to rm-1") != std::string_view::npos);
  f.transport->Respond(200, plan("running"));
  f.transport->Respond(200, R"({"Success":true,"Items":{"BackupPlanDetail":[]}})");
  CHECK(c.WaitForPlanGone("p", std::chrono::seconds(5)).ok());
}

std::string PlanList(const char* status) {
  return std::string(
             R"({"Success":true,"Items":{"BackupPlanDetail":[{"BackupPlanId":"p","BackupPlanStatus":")") +
         status + R"("}]}})";
}

TEST_CASE("StartBackupPlanAndWait: one ClientToken for every attempt, then polls to running") {
  Fixture f;
  f.transport->Respond(503, R"({"Code":"ServiceUnavailable","Message":"busy"})");
  f.transport->Respond(200, R"({"Success":true,"BackupPlanId":"p"})");
  f.transport->Respond(200, PlanList("check_pass"));
  f.transport->Respond(200, PlanList("running"));
  CallOptions options;
  options.deadline = f.clock.Monotonic() + std::chrono::minutes(10);
  REQUIRE(f.Client().StartBackupPlanAndWait("p", milliseconds(2000), options).ok());
  auto r = f.transport->requests();
  REQUIRE(r.size() == 4);
  CHECK(http::FindHeader(r[1].headers, "x-acs-action") == "StartBackupPlan");
  CHECK(Param(r[0], "ClientToken") == Param(r[1], "ClientToken"));
  CHECK(Param(r[0], "ClientToken").rfind("tf-", 0) == 0);

  // A plan that stops instead of running is a failure, not a timeout.
  f.transport->Respond(200, R"({"Success":true})");
  f.transport->Respond(200, PlanList("stop"));
  CHECK(f.Client().StartBackupPlanAndWait("p", milliseconds(2000), options).code() ==
        absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("StopBackupPlanAndWait pauses the whole plan and waits for pause") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":true})");
  f.transport->Respond(200, PlanList("running"));
  f.transport->Respond(200, PlanList("pause"));
  REQUIRE(f.Client().StopBackupPlanAndWait("p", milliseconds(500)).ok());
  auto r = f.transport->requests();
  CHECK(Param(r[0], "StopMethod") == "ALL");
  CHECK(Param(r[0], "ClientToken") != "<absent>");
  REQUIRE(f.clock.sleeps().size() == 1);
  CHECK(f.clock.sleeps()[0] == milliseconds(500));
}

TEST_CASE("ReleaseBackupPlanAndWait: gone already is success; otherwise waits until unlisted") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":false,"ErrCode":"Param.NotFound","HttpStatusCode":404})");
  CHECK(f.Client().ReleaseBackupPlanAndWait("p", milliseconds(500)).ok());
  CHECK(f.transport->requests().size() == 1);

  Fixture g;
  g.transport->Respond(503, R"({"Code":"ServiceUnavailable","Message":"busy"})");
  g.transport->Respond(200, R"({"Success":true})");
  g.transport->Respond(200, PlanList("running"));
  g.transport->Respond(200, R"({"Success":true,"Items":{"BackupPlanDetail":[]}})");
  REQUIRE(g.Client().ReleaseBackupPlanAndWait("p", milliseconds(500)).ok());
  auto r = g.transport->requests();
  REQUIRE(r.size() == 4);
  CHECK(Param(r[0], "ClientToken") == Param(r[1], "ClientToken"));
}

TEST_CASE("DescribeBackupPlanBilling reads Item; an unknown plan is NotFound") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":true,"Item":{"BuyChargeType":"POSTPAY","BuySpec":"xlarge",
    "BuyCreateTimestamp":1700000000000}})");
  auto billing = f.Client().DescribeBackupPlanBilling("p");
  REQUIRE(billing.ok());
  CHECK(billing->buy_charge_type == "POSTPAY");
  CHECK(billing->buy_spec == "xlarge");
  CHECK(billing->buy_create_ms == 1700000000000LL);
  CHECK_FALSE(billing->buy_expired_ms.has_value());
  f.transport->Respond(200, R"({"Success":false,"ErrCode":"InvalidJobId","HttpStatusCode":404})");
  CHECK(f.Client().DescribeBackupPlanBilling("p").status().code() == absl::StatusCode::kNotFound);
  f.transport->Respond(200, R"({"Success":true,"Item":{}})");
  CHECK(f.Client().DescribeBackupPlanBilling("p").status().code() == absl::StatusCode::kInternal);
}

TEST_CASE("a truncated answer is a clear error") {
  Fixture f;
  f.transport->Respond(200, R"({"Success":true,"Items":{"BackupPlanDetail":[{"Backup)");
  auto page = f.Client().DescribeBackupPlanList({});
  CHECK(page.status().code() == absl::StatusCode::kInternal);
  CHECK(page.status().message().find("Dbs DescribeBackupPlanList") != std::string_view::npos);
}

}  // namespace
}  // namespace polybackup::clients::alicloud
