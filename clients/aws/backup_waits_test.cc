// The AWS Backup waits (backup_waits.h) against the scripted transport and a
// fake clock: what is retried, for how long, and what ends the wait.
#include "clients/aws/backup_waits.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients::aws {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random{{1, 2, 3, 4}};
  BackupClient client = Make();

  BackupClient Make() {
    AwsClientOptions o;
    o.region = "us-east-1";
    o.credentials = []() -> absl::StatusOr<signing::AwsCredentials> {
      return signing::AwsCredentials{"AKIDEXAMPLE", "secret", ""};
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry.max_attempts = 1;
    return BackupClient(std::move(o));
  }
  // A deadline `d` from now on the fake clock.
  CallOptions Within(std::chrono::steady_clock::duration d) {
    CallOptions o;
    o.deadline = clock.Monotonic() + d;
    return o;
  }
  void Error(int status, const std::string& type, const std::string& message) {
    transport->Respond(status, json({{"__type", type}, {"Message", message}}).dump(),
                       {{"x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/"}});
  }
  void Referenced() {
    Error(400, "InvalidRequestException",
          "Related backup plan selections must be deleted prior to backup plan deletion.");
  }
  void RoleNotReady() {
    Error(400, "InvalidParameterValueException",
          "IAM Role arn:aws:iam::123456789012:role/r cannot be assumed by AWS Backup");
  }
};

constexpr char kPlanDeleted[] =
    R"({"BackupPlanId":"p-1","BackupPlanArn":"arn:p-1","DeletionDate":1700000000})";

TEST_CASE("a plan still referenced by selections is deleted once they are gone") {
  Fixture f;
  f.Referenced();
  f.Referenced();
  f.transport->Respond(200, kPlanDeleted);
  absl::Status s = DeletePlanWhenUnreferenced(f.client, "p-1", seconds(2), f.Within(seconds(60)));
  CHECK(s.ok());
  CHECK(f.transport->requests().size() == 3);
  CHECK(f.transport->requests()[2].method == "DELETE");
  CHECK(f.clock.sleeps().size() == 2);
}

TEST_CASE("deleting a referenced plan stops at the deadline, saying why") {
  Fixture f;
  f.transport->SetHandler([&](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{
        .status = 400,
        .headers = {{"x-amzn-errortype", "InvalidRequestException:x"}},
        .body =
            R"({"Message":"Related backup plan selections must be deleted prior to backup plan deletion."})"};
  });
  absl::Status s = DeletePlanWhenUnreferenced(f.client, "p-1", seconds(5), f.Within(seconds(21)));
  CHECK(s.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(std::string(s.message()).find("selections of plan p-1") != std::string::npos);
  CHECK(f.transport->requests().size() == 5);  // at 0, 5, 10, 15 and 20 s
}

TEST_CASE("other refusals of a plan delete end the wait at once") {
  Fixture f;
  f.Error(404, "ResourceNotFoundException", "Backup plan p-1 not found");
  CHECK(absl::IsNotFound(
      DeletePlanWhenUnreferenced(f.client, "p-1", seconds(2), f.Within(seconds(60)))));
  f.Error(400, "InvalidRequestException", "something else");
  CHECK(DeletePlanWhenUnreferenced(f.client, "p-1", seconds(2), f.Within(seconds(60))).code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(f.clock.sleeps().empty());
}

TEST_CASE(
    "a selection is created once its IAM role reaches AWS Backup, with one token, then read") {
  Fixture f;
  f.RoleNotReady();
  f.Error(400, "InvalidParameterValueException",
          "IAM Role arn:aws:iam::123456789012:role/r is not authorized to call tag:GetResources");
  f.transport->Respond(200, R"({"SelectionId":"s-1","BackupPlanId":"p-1","CreationDate":1})");
  // AWS may not find it for a moment after the create.
  f.Error(404, "ResourceNotFoundException", "not found");
  f.transport->Respond(200, R"({"SelectionId":"s-1","BackupPlanId":"p-1",
      "BackupSelection":{"SelectionName":"sel","IamRoleArn":"arn:aws:iam::123456789012:role/r",
                         "Resources":["*"]}})");
  BackupSelection selection{.selection_name = "sel",
                            .iam_role_arn = "arn:aws:iam::123456789012:role/r",
                            .resources = {"*"}};
  auto made = CreateSelectionWhenRoleReady(f.client, "p-1", selection, "", seconds(2), seconds(120),
                                           f.Within(seconds(600)));
  REQUIRE_MESSAGE(made.ok(), made.status().ToString());
  CHECK(made->selection_id == "s-1");
  auto read = WaitForSelection(f.client, "p-1", "s-1", seconds(2), f.Within(seconds(60)));
  REQUIRE_MESSAGE(read.ok(), read.status().ToString());
  CHECK(read->selection.resources == std::vector<std::string>{"*"});
  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 5);
  const std::string token = json::parse(requests[0].body)["CreatorRequestId"];
  CHECK(token.rfind("pb-", 0) == 0);
  for (int i : {1, 2}) CHECK(json::parse(requests[i].body)["CreatorRequestId"] == token);
  CHECK(requests[3].method == "GET");
}

TEST_CASE("a role that never becomes usable fails after the propagation window") {
  Fixture f;
  f.transport->SetHandler([&](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{
        .status = 400,
        .headers = {{"x-amzn-errortype", "InvalidParameterValueException:x"}},
        .body =
            R"({"Message":"IAM Role arn:aws:iam::123456789012:role/r cannot be assumed by AWS Backup"})"};
  });
  BackupSelection selection{.selection_name = "sel", .iam_role_arn = "arn:r", .resources = {"*"}};
  auto made = CreateSelectionWhenRoleReady(f.client, "p-1", selection, "tok", seconds(10),
                                           seconds(30), f.Within(seconds(600)));
  CHECK(made.status().code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(std::string(made.status().message()).find("cannot be assumed") != std::string::npos);
  CHECK(f.transport->requests().size() == 3);  // at 0, 10 and 20 s
  // Any other refusal is not retried.
  Fixture g;
  g.Error(400, "InvalidParameterValueException", "Either ListOfTags or Resources must be given");
  auto refused = CreateSelectionWhenRoleReady(g.client, "p-1", selection, "tok", seconds(10),
                                              seconds(30), g.Within(seconds(600)));
  CHECK(refused.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(g.transport->requests().size() == 1);
}

TEST_CASE("emptying a vault deletes each recovery point and waits until none is left") {
  Fixture f;
  f.transport->Respond(200, R"({"RecoveryPoints":[
      {"RecoveryPointArn":"arn:rp:1","Status":"COMPLETED"},
      {"RecoveryPointArn":"arn:rp:2","Status":"DELETING"}]})");
  f.transport->Respond(200, "");  // DeleteRecoveryPoint arn:rp:1
  f.transport->Respond(200, R"({"RecoveryPoints":[
      {"RecoveryPointArn":"arn:rp:1","Status":"DELETING"}]})");
  f.transport->Respond(200, R"({"RecoveryPoints":[]})");
  absl::Status s = EmptyVault(f.client, "v-1", seconds(3), f.Within(seconds(600)));
  REQUIRE_MESSAGE(s.ok(), s.ToString());
  auto requests = f.transport->requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].url ==
        "https://backup.us-east-1.amazonaws.com/backup-vaults/v-1/recovery-points/");
  CHECK(requests[1].method == "DELETE");
  // The ARN is one label: ':' encoded.
  CHECK(requests[1].url ==
        "https://backup.us-east-1.amazonaws.com/backup-vaults/v-1/recovery-points/arn%3Arp%3A1");
  CHECK(f.clock.sleeps().size() == 2);
}

TEST_CASE("emptying a vault reports what is left at the deadline, and a missing vault") {
  Fixture f;
  f.transport->SetHandler([&](const http::HttpRequest& r) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{
        .status = 200,
        .body = R"({"RecoveryPoints":[{"RecoveryPointArn":"arn:rp:1","Status":"DELETING"}]})"};
  });
  absl::Status s = EmptyVault(f.client, "v-1", seconds(5), f.Within(seconds(12)));
  CHECK(s.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(std::string(s.message()).find("1 recovery point(s) left") != std::string::npos);
  Fixture g;
  g.Error(404, "ResourceNotFoundException", "no such vault");
  CHECK(absl::IsNotFound(EmptyVault(g.client, "v-1", seconds(5), g.Within(seconds(12)))));
}

}  // namespace
}  // namespace polybackup::clients::aws
