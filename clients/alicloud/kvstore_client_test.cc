#include "clients/alicloud/kvstore_client.h"

#include <doctest/doctest.h>

#include <set>

#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"
#include "clients/http/url.h"

namespace polybackup::clients::alicloud {
namespace {

using std::chrono::milliseconds;

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}};

  KvstoreClient Client(std::string endpoint = "") {
    AlicloudClientOptions o;
    o.region = "cn-hangzhou";
    o.endpoint = std::move(endpoint);
    o.credentials = []() -> absl::StatusOr<signing::AlicloudCredentials> {
      return signing::AlicloudCredentials{"LTAI5tExampleKeyId00", "ExampleSecret/For+Tests", ""};
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry.max_attempts = 4;
    o.backoff = {.initial_delay = milliseconds(100), .max_delay = milliseconds(1000)};
    return KvstoreClient(std::move(o));
  }
};

http::QueryParams QueryOf(const http::HttpRequest& r) {
  absl::StatusOr<http::Url> url = http::ParseUrl(r.url);
  REQUIRE(url.ok());
  absl::StatusOr<http::QueryParams> q = http::ParseQuery(url->query);
  REQUIRE(q.ok());
  return *q;
}

std::string Param(const http::QueryParams& q, const std::string& name) {
  for (const auto& [k, v] : q) {
    if (k == name) return v;
  }
  return "<absent>";
}

constexpr char kPolicy[] = R"({"RequestId":"R-1","PreferredBackupTime":"02:00Z-03:00Z",
  "PreferredBackupPeriod":"Monday,Wednesday,Friday","BackupRetentionPeriod":"7",
  "EnableBackupLog":1,"PreferredNextBackupTime":"2024-05-01T02:00Z","DbsInstance":"0"})";

TEST_CASE("DescribeBackupPolicy: request shape and ACS3 signature headers") {
  Fixture f;
  f.transport->Respond(200, kPolicy);
  REQUIRE(f.Client().DescribeBackupPolicy("r-bp1abc").ok());
  REQUIRE(f.transport->requests().size() == 1);
  http::HttpRequest r = f.transport->requests()[0];
  CHECK(r.method == "POST");
  CHECK(r.url.rfind("https://r-kvstore.aliyuncs.com/?", 0) == 0);
  CHECK(r.body.empty());
  http::QueryParams q = QueryOf(r);
  CHECK(Param(q, "InstanceId") == "r-bp1abc");
  CHECK(Param(q, "RegionId") == "cn-hangzhou");
  CHECK(http::FindHeader(r.headers, "x-acs-action") == "DescribeBackupPolicy");
  CHECK(http::FindHeader(r.headers, "x-acs-version") == "2015-01-01");
  CHECK(http::FindHeader(r.headers, "authorization")
            .rfind("ACS3-HMAC-SHA256 Credential=LTAI5tExampleKeyId00,", 0) == 0);
  CHECK_FALSE(http::FindHeader(r.headers, "x-acs-signature-nonce").empty());
}

TEST_CASE("DescribeBackupPolicy: parses strings-as-numbers and 0/1 booleans") {
  Fixture f;
  f.transport->Respond(200, kPolicy);
  auto policy = f.Client().DescribeBackupPolicy("r-bp1abc");
  REQUIRE(policy.ok());
  CHECK(policy->preferred_backup_time == "02:00Z-03:00Z");
  CHECK(policy->preferred_backup_period ==
        std::vector<std::string>{"Monday", "Wednesday", "Friday"});
  CHECK(policy->backup_retention_period == 7);
  CHECK(policy->enable_backup_log == true);
  CHECK(policy->preferred_next_backup_time == "2024-05-01T02:00Z");
  CHECK(policy->request_id == "R-1");

  f.transport->Respond(200, R"({"PreferredBackupTime":"01:00Z-02:00Z","BackupRetentionPeriod":30,
                               "EnableBackupLog":"0","PreferredBackupPeriod":""})");
  auto other = f.Client().DescribeBackupPolicy("r-bp1abc");
  REQUIRE(other.ok());
  CHECK(other->backup_retention_period == 30);
  CHECK(other->enable_backup_log == false);
  CHECK(other->preferred_backup_period.empty());
}

TEST_CASE("ModifyBackupPolicy sends the last window of the day as 23:00Z-24:00Z") {
  CHECK(DocumentedBackupWindow("23:00Z-00:00Z") == "23:00Z-24:00Z");
  CHECK(DocumentedBackupWindow("23:00Z-24:00Z") == "23:00Z-24:00Z");
  CHECK(DocumentedBackupWindow("00:00Z-01:00Z") == "00:00Z-01:00Z");
  CHECK(DocumentedBackupWindow("22:00Z-23:00Z") == "22:00Z-23:00Z");
  CHECK(DocumentedBackupWindow("garbage") == "garbage");  // the API's to refuse, not ours
  Fixture f;
  for (const char* window : {"23:00Z-00:00Z", "23:00Z-24:00Z"}) {
    f.transport->Respond(200, R"({"RequestId":"OK"})");
    REQUIRE(f.Client()
                .ModifyBackupPolicy({.instance_id = "r-bp1abc",
                                     .preferred_backup_time = window,
                                     .preferred_backup_period = {"Monday"}})
                .ok());
    CHECK(Param(QueryOf(f.transport->requests().back()), "PreferredBackupTime") == "23:00Z-24:00Z");
  }
}

TEST_CASE("ModifyBackupPolicy: parameters, throttling retried with fresh signatures") {
  Fixture f;
  const char* throttled =
      R"({"RequestId":"T","Code":"Throttling.User","Message":"Request was denied due to user flow control."})";
  f.transport->Respond(400, throttled);
  f.transport->Respond(400, throttled);
  f.transport->Respond(200, R"({"RequestId":"OK"})");
  ModifyKvstoreBackupPolicyRequest req{.instance_id = "r-bp1abc",
                                       .preferred_backup_time = "04:00Z-05:00Z",
                                       .preferred_backup_period = {"Tuesday", "Sunday"},
                                       .backup_retention_period = 14,
                                       .enable_backup_log = false};
  REQUIRE(f.Client().ModifyBackupPolicy(req).ok());
  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 3);
  http::QueryParams q = QueryOf(requests[2]);
  CHECK(Param(q, "PreferredBackupTime") == "04:00Z-05:00Z");
  CHECK(Param(q, "PreferredBackupPeriod") == "Tuesday,Sunday");
  CHECK(Param(q, "BackupRetentionPeriod") == "14");
  CHECK(Param(q, "EnableBackupLog") == "0");
  std::set<std::string> nonces;
  for (const auto& r : requests) {
    nonces.insert(std::string(http::FindHeader(r.headers, "x-acs-signature-nonce")));
  }
  CHECK(nonces.size() == 3);
  CHECK(f.clock.sleeps().size() == 2);
}

TEST_CASE("ModifyBackupPolicy: optional fields are omitted; empty period refused locally") {
  Fixture f;
  f.transport->Respond(200, "{}");
  REQUIRE(f.Client()
              .ModifyBackupPolicy({.instance_id = "r-1",
                                   .preferred_backup_time = "04:00Z-05:00Z",
                                   .preferred_backup_period = {"Monday"}})
              .ok());
  http::QueryParams q = QueryOf(f.transport->requests()[0]);
  CHECK(Param(q, "BackupRetentionPeriod") == "<absent>");
  CHECK(Param(q, "EnableBackupLog") == "<absent>");
  absl::Status s = f.Client().ModifyBackupPolicy(
      {.instance_id = "r-1", .preferred_backup_time = "04:00Z-05:00Z"});
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.transport->requests().size() == 1);
}

TEST_CASE("busy instance: IncorrectDBInstanceState is FailedPrecondition, not retried") {
  Fixture f;
  f.transport->Respond(400, R"({"RequestId":"B","Code":"IncorrectDBInstanceState",
                               "Message":"Current DB instance state does not support this operation."})");
  absl::Status s = f.Client().ModifyBackupPolicy({.instance_id = "r-1",
                                                  .preferred_backup_time = "04:00Z-05:00Z",
                                                  .preferred_backup_period = {"Monday"}});
  CHECK(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(GetCloudError(s)->code == "IncorrectDBInstanceState");
  CHECK(f.transport->requests().size() == 1);
}

TEST_CASE("a missing instance is NotFound") {
  Fixture f;
  f.transport->Respond(404, R"({"RequestId":"N","Code":"InvalidInstanceId.NotFound",
                               "Message":"The specified instance is not found."})");
  auto policy = f.Client().DescribeBackupPolicy("r-gone");
  CHECK(policy.status().code() == absl::StatusCode::kNotFound);
  CHECK(UserMessage(policy.status()).rfind("not found: The specified instance is not found.", 0) ==
        0);
  f.transport->Respond(200, R"({"Instances":{"DBInstanceAttribute":[]}})");
  CHECK(f.Client().DescribeInstanceAttribute("r-gone").status().code() ==
        absl::StatusCode::kNotFound);
}

TEST_CASE("a truncated answer is a clear error, not a crash") {
  Fixture f;
  f.transport->Respond(200, R"({"RequestId":"R-1","PreferredBackupTime":"02:00Z-0)");
  auto policy = f.Client().DescribeBackupPolicy("r-1");
  CHECK(policy.status().code() == absl::StatusCode::kInternal);
  CHECK(policy.status().message().find("R-kvstore DescribeBackupPolicy: the answer is not valid "
                                       "JSON") != std::string_view::npos);
  f.transport->Respond(200, "");
  CHECK(f.Client().DescribeInstanceAttribute("r-1").status().code() == absl::StatusCode::kInternal);
}

TEST_CASE("DescribeInstanceAttribute and the paginated DescribeInstances") {
  Fixture f;
  f.transport->Respond(200, R"({"Instances":{"DBInstanceAttribute":[{"InstanceId":"r-1",
      "InstanceStatus":"Changing","Capacity":1024,"InstanceType":"Redis","EngineVersion":"5.0"}]}})");
  auto inst = f.Client().DescribeInstanceAttribute("r-1");
  REQUIRE(inst.ok());
  CHECK(inst->instance_status == "Changing");
  CHECK(inst->capacity == 1024);

  f.transport->Respond(200,
                       R"({"Instances":{"KVStoreInstance":[{"InstanceId":"a"},{"InstanceId":"b"}]},
                               "PageNumber":1,"PageSize":2,"TotalCount":3})");
  f.transport->Respond(200, R"({"Instances":{"KVStoreInstance":[{"InstanceId":"c"}]},
                               "PageNumber":"2","PageSize":"2","TotalCount":"3"})");
  auto all = f.Client().DescribeAllInstances({.instance_type = "Redis", .page_size = 2});
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK((*all)[2].instance_id == "c");
  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 3);
  CHECK(Param(QueryOf(requests[2]), "PageNumber") == "2");
  CHECK(Param(QueryOf(requests[2]), "InstanceType") == "Redis");
  CHECK(http::FindHeader(requests[2].headers, "x-acs-action") == "DescribeInstances");
}

TEST_CASE("WaitForInstanceStatus polls until Normal, or times out naming the status") {
  Fixture f;
  auto attr = [](const char* status) {
    return std::string(
               R"({"Instances":{"DBInstanceAttribute":[{"InstanceId":"r-1","InstanceStatus":")") +
           status + R"("}]}})";
  };
  f.transport->Respond(200, attr("Changing"));
  f.transport->Respond(200, attr("Changing"));
  f.transport->Respond(200, attr("Normal"));
  REQUIRE(f.Client().WaitForInstanceStatus("r-1", "Normal", std::chrono::seconds(60)).ok());
  CHECK(f.clock.sleeps().size() == 2);

  for (int i = 0; i < 3; ++i) f.transport->Respond(200, attr("Changing"));
  CallOptions o;
  o.deadline = f.clock.Monotonic() + std::chrono::seconds(100);
  absl::Status s = f.Client().WaitForInstanceStatus("r-1", "Normal", std::chrono::seconds(60), o);
  CHECK(s.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(s.message().find("last seen: Changing") != std::string_view::npos);
}

TEST_CASE("endpoint override and missing credentials") {
  Fixture f;
  f.transport->Respond(200, kPolicy);
  KvstoreClient client = f.Client("http://127.0.0.1:4567/");
  CHECK(client.endpoint() == "http://127.0.0.1:4567");
  REQUIRE(client.DescribeBackupPolicy("r-1").ok());
  CHECK(f.transport->requests()[0].url.rfind("http://127.0.0.1:4567/?", 0) == 0);
  CHECK(f.Client("r-kvstore.ap-southeast-1.aliyuncs.com").endpoint() ==
        "https://r-kvstore.ap-southeast-1.aliyuncs.com");

  AlicloudClientOptions none;
  none.transport = f.transport;
  none.clock = &f.clock;
  CHECK(KvstoreClient(none).DescribeBackupPolicy("r-1").status().code() ==
        absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace polybackup::clients::alicloud
