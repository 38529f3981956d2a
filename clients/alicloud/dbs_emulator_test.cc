// DbsClient against the local DBS emulator (acceptance/emulators): the full
// plan lifecycle through the real curl transport and ACS3 signer. Label
// "emulator" (needs node).
#include <doctest/doctest.h>

#include "acceptance/harness/emulators.h"
#include "clients/alicloud/dbs_client.h"
#include "clients/core/cloud_error.h"
#include "clients/http/curl_transport.h"

namespace polybackup::clients::alicloud {
namespace {

using acceptance::Emulators;

DbsClient Client(Emulators& e) {
  AlicloudClientOptions o;
  o.region = "cn-hangzhou";
  o.endpoint = e.Url("alicloud_dbs");
  o.credentials = []() -> absl::StatusOr<signing::AlicloudCredentials> {
    return signing::AlicloudCredentials{acceptance::kTestAccessKey, acceptance::kTestSecretKey, ""};
  };
  o.transport = http::NewCurlTransport(http::TlsOptions{});
  o.retry.max_attempts = 12;
  o.backoff = {.initial_delay = std::chrono::milliseconds(100),
               .max_delay = std::chrono::milliseconds(400)};
  return DbsClient(std::move(o));
}

TEST_CASE("a backup plan from create to release") {
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  REQUIRE_MESSAGE(e != nullptr, error);
  e->Reset();
  // Configure is refused for a second after create: the client must wait it out.
  e->ServiceOp("alicloud_dbs", "settings", {{"configure_delay_seconds", 1}});
  e->ServiceOp("alicloud_dbs", "seed_database",
               {{"instance_id", "rm-test1"}, {"password", "Right-Passw0rd"}});
  DbsClient dbs = Client(*e);

  auto created = dbs.CreateBackupPlan({.instance_class = "small",
                                       .database_type = "MySQL",
                                       .backup_method = "logical",
                                       .period = "Month",
                                       .used_time = 1});
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));
  // The same ClientToken answers the same plan: a retried create is safe.
  auto again = dbs.CreateBackupPlan({.instance_class = "small",
                                     .database_type = "MySQL",
                                     .backup_method = "logical",
                                     .period = "Month",
                                     .used_time = 1,
                                     .client_token = created->client_token});
  REQUIRE(again.ok());
  CHECK(again->backup_plan_id == created->backup_plan_id);
  const std::string id = created->backup_plan_id;

  ConfigureDbsBackupPlanRequest configure{.backup_plan_id = id, .backup_plan_name = "nightly"};
  configure.source = {.instance_type = "RDS",
                      .region = "cn-hangzhou",
                      .instance_id = "rm-test1",
                      .user_name = "backup",
                      .password = "Right-Passw0rd"};
  configure.backup_objects = R"([{"DBName":"app"}])";
  configure.backup_period = "Monday,Thursday";
  configure.backup_start_time = "02:00";
  configure.backup_retention_period = 30;
  configure.enable_backup_log = true;
  clients::CallOptions options;
  options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  absl::Status configured =
      dbs.ConfigureBackupPlanWhenReady(configure, std::chrono::milliseconds(200), options);
  REQUIRE_MESSAGE(configured.ok(), UserMessage(configured));

  auto plan = dbs.DescribeBackupPlan(id);
  REQUIRE(plan.ok());
  CHECK(plan->backup_plan_status == "check_pass");
  CHECK(plan->backup_plan_name == "nightly");
  CHECK(plan->source_endpoint_instance_type == "rds");
  CHECK(plan->backup_retention_period == 30);
  CHECK(plan->enable_backup_log == true);
  CHECK(plan->backup_period == "MONDAY,THURSDAY");  // DBS answers days in upper case

  REQUIRE(dbs.StartBackupPlan(id).ok());
  CHECK(dbs.DescribeBackupPlan(id)->backup_plan_status == "running");
  REQUIRE(dbs.StopBackupPlan(id, "ALL").ok());
  CHECK(dbs.DescribeBackupPlan(id)->backup_plan_status == "pause");

  REQUIRE(dbs.ModifyBackupPlanName(id, "renamed").ok());
  REQUIRE(dbs.ModifyBackupStrategy({.backup_plan_id = id,
                                    .backup_period = "Tuesday,Friday",
                                    .backup_start_time = "04:30"})
              .ok());
  auto modified = dbs.DescribeBackupPlan(id);
  REQUIRE(modified.ok());
  CHECK(modified->backup_plan_name == "renamed");
  CHECK(modified->backup_period == "TUESDAY,FRIDAY");
  CHECK(modified->backup_start_time == "04:30");

  REQUIRE(dbs.SetBackupLog(id, false).ok());
  REQUIRE(dbs.ModifyStorageStrategy({.backup_plan_id = id,
                                     .backup_retention_period = 60,
                                     .duplication_infrequent_access_period = 10,
                                     .duplication_archive_period = 20})
              .ok());
  auto stored = dbs.DescribeBackupPlan(id);
  REQUIRE(stored.ok());
  CHECK(stored->enable_backup_log == false);
  CHECK(stored->backup_retention_period == 60);

  auto all = dbs.DescribeAllBackupPlans({.page_size = 1});
  REQUIRE(all.ok());
  CHECK(all->size() == 1);

  auto billing = dbs.DescribeBackupPlanBilling(id);
  REQUIRE(billing.ok());
  CHECK(billing->buy_charge_type == "PREPAY");
  CHECK(billing->buy_spec == "small");

  REQUIRE(dbs.StartBackupPlanAndWait(id, std::chrono::milliseconds(200), options).ok());
  REQUIRE(dbs.ReleaseBackupPlanAndWait(id, std::chrono::milliseconds(200), options).ok());
  CHECK(dbs.DescribeBackupPlan(id).status().code() == absl::StatusCode::kNotFound);
  CHECK(dbs.DescribeBackupPlanBilling(id).status().code() == absl::StatusCode::kNotFound);
  CHECK(dbs.ReleaseBackupPlan(id).code() == absl::StatusCode::kNotFound);
}

TEST_CASE("request errors come back as InvalidArgument with the cloud's words") {
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  REQUIRE_MESSAGE(e != nullptr, error);
  e->Reset();
  auto bad = Client(*e).CreateBackupPlan({.instance_class = "gigantic",
                                          .database_type = "MySQL",
                                          .backup_method = "logical",
                                          .period = "Month",
                                          .used_time = 1});
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(UserMessage(bad.status()).find("InstanceClass") != std::string::npos);
}

}  // namespace
}  // namespace polybackup::clients::alicloud
