// KvstoreClient against the local R-kvstore emulator (acceptance/emulators),
// through the real curl transport and ACS3 signer: the emulator re-signs
// each request with the official @alicloud/openapi-util and answers with the
// cloud's own error shapes. Label "emulator" (needs node).
#include <doctest/doctest.h>

#include "acceptance/harness/emulators.h"
#include "clients/alicloud/kvstore_client.h"
#include "clients/core/cloud_error.h"
#include "clients/http/curl_transport.h"

namespace polybackup::clients::alicloud {
namespace {

using acceptance::Emulators;

Emulators& Started() {
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  if (e == nullptr) FAIL("the emulators did not start: " << error);
  e->Reset();
  e->ServiceOp("alicloud_kvstore", "settings", {{"transition_seconds", 0}});
  e->ServiceOp("alicloud_kvstore", "seed_instance", {{"instance_id", "r-test1"}});
  return *e;
}

KvstoreClient Client(Emulators& e, std::string secret = acceptance::kTestSecretKey,
                     std::string access_key = acceptance::kTestAccessKey, std::string token = "") {
  AlicloudClientOptions o;
  o.region = "cn-hangzhou";
  o.endpoint = e.Url("alicloud_kvstore");
  o.credentials = [secret, access_key, token]() -> absl::StatusOr<signing::AlicloudCredentials> {
    return signing::AlicloudCredentials{access_key, secret, token};
  };
  o.transport = http::NewCurlTransport(http::TlsOptions{});
  o.retry.max_attempts = 4;
  o.retry.max_throttled_attempts = 4;  // 25 by default
  o.backoff = {.initial_delay = std::chrono::milliseconds(20),
               .max_delay = std::chrono::milliseconds(100)};
  return KvstoreClient(std::move(o));
}

TEST_CASE("describe, modify and read back a backup policy") {
  Emulators& e = Started();
  KvstoreClient client = Client(e);
  auto before = client.DescribeBackupPolicy("r-test1");
  REQUIRE_MESSAGE(before.ok(), UserMessage(before.status()));
  CHECK_FALSE(before->preferred_backup_time.empty());
  CHECK(before->backup_retention_period.has_value());  // answered as a string

  REQUIRE(client
              .ModifyBackupPolicy({.instance_id = "r-test1",
                                   .preferred_backup_time = "03:00Z-04:00Z",
                                   .preferred_backup_period = {"Tuesday", "Saturday"},
                                   .backup_retention_period = 14,
                                   .enable_backup_log = true})
              .ok());
  auto after = client.DescribeBackupPolicy("r-test1");
  REQUIRE(after.ok());
  CHECK(after->preferred_backup_time == "03:00Z-04:00Z");
  CHECK(after->preferred_backup_period == std::vector<std::string>{"Tuesday", "Saturday"});
  CHECK(after->backup_retention_period == 14);
  CHECK(after->enable_backup_log == true);

  // Either spelling of the last window reaches the emulator as the one the
  // service takes.
  REQUIRE(client
              .ModifyBackupPolicy({.instance_id = "r-test1",
                                   .preferred_backup_time = "23:00Z-00:00Z",
                                   .preferred_backup_period = {"Monday"}})
              .ok());
  CHECK(client.DescribeBackupPolicy("r-test1")->preferred_backup_time == "23:00Z-24:00Z");

  auto inst = client.DescribeInstanceAttribute("r-test1");
  REQUIRE(inst.ok());
  CHECK(inst->instance_status == "Normal");
  auto all = client.DescribeAllInstances({.page_size = 1});
  REQUIRE(all.ok());
  CHECK(all->size() == 1);
}

TEST_CASE("the cloud's own errors: wrong secret, missing instance, busy instance") {
  Emulators& e = Started();
  auto wrong = Client(e, "not-the-secret").DescribeBackupPolicy("r-test1");
  CHECK(wrong.status().code() == absl::StatusCode::kUnauthenticated);
  REQUIRE(GetCloudError(wrong.status()));
  CHECK(GetCloudError(wrong.status())->code == "SignatureDoesNotMatch");
  CHECK(UserMessage(wrong.status()).find("signature") != std::string::npos);

  auto missing = Client(e).DescribeBackupPolicy("r-missing");
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);

  e.ServiceOp("alicloud_kvstore", "settings", {{"transition_seconds", 60}});
  KvstoreClient client = Client(e);
  ModifyKvstoreBackupPolicyRequest req{.instance_id = "r-test1",
                                       .preferred_backup_time = "05:00Z-06:00Z",
                                       .preferred_backup_period = {"Monday"}};
  REQUIRE(client.ModifyBackupPolicy(req).ok());
  absl::Status busy = client.ModifyBackupPolicy(req);
  CHECK(busy.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(GetCloudError(busy)->code == "IncorrectDBInstanceState");
}

TEST_CASE("STS credentials: the security token is sent and checked") {
  Emulators& e = Started();
  e.Control("POST", "/credentials",
            {{"access_key_id", "STS.PBTESTTEMPORARY01"},
             {"secret", "sts/Temporary/Secret"},
             {"security_token", "CAIS-pbtest-sts-token"}});
  auto ok = Client(e, "sts/Temporary/Secret", "STS.PBTESTTEMPORARY01", "CAIS-pbtest-sts-token")
                .DescribeBackupPolicy("r-test1");
  CHECK_MESSAGE(ok.ok(), UserMessage(ok.status()));
  auto bad = Client(e, "sts/Temporary/Secret", "STS.PBTESTTEMPORARY01", "CAIS-wrong-token")
                 .DescribeBackupPolicy("r-test1");
  CHECK(bad.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(UserMessage(bad.status()).rfind("the security token is not valid", 0) == 0);
}

TEST_CASE("injected throttling is retried until it passes") {
  Emulators& e = Started();
  e.Control("POST", "/faults",
            {{"service", "alicloud_kvstore"},
             {"route", "ModifyBackupPolicy"},
             {"throttle", true},
             {"count", 2}});
  e.Control("DELETE", "/requests");
  absl::Status s = Client(e).ModifyBackupPolicy({.instance_id = "r-test1",
                                                 .preferred_backup_time = "07:00Z-08:00Z",
                                                 .preferred_backup_period = {"Friday"}});
  CHECK_MESSAGE(s.ok(), UserMessage(s));
  nlohmann::json log = e.Control("GET", "/requests");
  CHECK(log.size() == 3);
  CHECK(Client(e).DescribeBackupPolicy("r-test1")->preferred_backup_time == "07:00Z-08:00Z");

  e.Control("POST", "/faults",
            {{"service", "alicloud_kvstore"},
             {"route", "DescribeBackupPolicy"},
             {"throttle", true},
             {"count", 10}});
  auto gave_up = Client(e).DescribeBackupPolicy("r-test1");
  CHECK(gave_up.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(UserMessage(gave_up.status()).rfind("throttled after 4 attempts", 0) == 0);
}

}  // namespace
}  // namespace polybackup::clients::alicloud
