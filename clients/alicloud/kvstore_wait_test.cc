#include <doctest/doctest.h>

#include "base/clock.h"
#include "clients/alicloud/kvstore_client.h"
#include "clients/core/random.h"
#include "clients/http/scripted_transport.h"

using namespace polybackup;
namespace ali = polybackup::clients::alicloud;

namespace {

struct Fixture {
  std::shared_ptr<clients::http::ScriptedTransport> transport =
      std::make_shared<clients::http::ScriptedTransport>();
  FakeClock clock;
  clients::FakeRandom random;
  Cancellation cancel;
  clients::CallOptions options{.cancel = &cancel};
  ali::KvstoreClient client{[this] {
    ali::AlicloudClientOptions o;
    o.region = "cn-hangzhou";
    o.endpoint = "http://127.0.0.1:1";
    o.credentials = [] {
      return absl::StatusOr<clients::signing::AlicloudCredentials>(
          clients::signing::AlicloudCredentials{"AK", "SECRET", ""});
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    return o;
  }()};
  ali::ModifyKvstoreBackupPolicyRequest request{.instance_id = "r-1",
                                                .preferred_backup_time = "02:00Z-03:00Z",
                                                .preferred_backup_period = {"Monday"}};

  void Status(const std::string& s) {
    transport->Respond(200, R"({"RequestId":"q","Instances":{"DBInstanceAttribute":[)"
                            R"({"InstanceId":"r-1","InstanceStatus":")" +
                                s + R"("}]}})");
  }
  std::vector<std::string> Actions() const {
    std::vector<std::string> out;
    for (const auto& r : transport->requests()) {
      for (const auto& [k, v] : r.headers) {
        if (k == "x-acs-action") out.push_back(v);
      }
    }
    return out;
  }
};

}  // namespace

TEST_CASE("a busy instance is waited for, then the change is sent again") {
  Fixture f;
  f.transport->Respond(400,
                       R"({"Code":"IncorrectDBInstanceState","Message":"busy","RequestId":"a"})");
  f.Status("Changing");
  f.Status("Normal");
  f.transport->Respond(200, R"({"RequestId":"b"})");  // the second Modify
  f.Status("Changing");
  f.Status("Normal");
  absl::Status s =
      f.client.ModifyBackupPolicyAndWait(f.request, std::chrono::seconds(2), f.options);
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  CHECK(f.Actions() == std::vector<std::string>{"ModifyBackupPolicy", "DescribeInstanceAttribute",
                                                "DescribeInstanceAttribute", "ModifyBackupPolicy",
                                                "DescribeInstanceAttribute",
                                                "DescribeInstanceAttribute"});
  CHECK_FALSE(f.clock.sleeps().empty());  // it waited on the injected clock, not for real
}

TEST_CASE("an instance that never settles ends at the operation's deadline") {
  Fixture f;
  f.transport->Respond(200, R"({"RequestId":"b"})");
  f.transport->SetHandler([](const clients::http::HttpRequest&) {
    return clients::http::HttpResponse{
        200,
        {},
        R"({"Instances":{"DBInstanceAttribute":[{"InstanceId":"r-1","InstanceStatus":"Changing"}]}})"};
  });
  f.options.deadline = f.clock.Monotonic() + std::chrono::minutes(1);
  absl::Status s =
      f.client.ModifyBackupPolicyAndWait(f.request, std::chrono::seconds(2), f.options);
  CHECK(absl::IsDeadlineExceeded(s));
  INFO(s.ToString());
  CHECK(s.message().find("Changing") != std::string_view::npos);
}

TEST_CASE("StopProvider's cancellation ends the wait") {
  Fixture f;
  f.transport->Respond(200, R"({"RequestId":"b"})");
  f.transport->SetHandler([&f](const clients::http::HttpRequest&) {
    f.cancel.Cancel("Terraform asked the provider to stop");
    return clients::http::HttpResponse{
        200,
        {},
        R"({"Instances":{"DBInstanceAttribute":[{"InstanceId":"r-1","InstanceStatus":"Changing"}]}})"};
  });
  absl::Status s =
      f.client.ModifyBackupPolicyAndWait(f.request, std::chrono::seconds(2), f.options);
  CHECK(absl::IsCancelled(s));
}

TEST_CASE("other errors are returned at once, and a gone instance is NotFound") {
  Fixture f;
  f.transport->Respond(404,
                       R"({"Code":"InvalidInstanceId.NotFound","Message":"gone","RequestId":"c"})");
  absl::Status s =
      f.client.ModifyBackupPolicyAndWait(f.request, std::chrono::seconds(2), f.options);
  CHECK(absl::IsNotFound(s));
  CHECK(f.Actions().size() == 1);
}
