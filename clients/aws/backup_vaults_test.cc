// BackupClient vaults, selections and tags against the scripted transport.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "clients/aws/backup_client.h"
#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients::aws {
namespace {

using nlohmann::json;

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random{{5, 6, 7, 8}};

  BackupClient Client() {
    AwsClientOptions o;
    o.region = "us-east-1";
    o.credentials = []() -> absl::StatusOr<signing::AwsCredentials> {
      return signing::AwsCredentials{"AKIDEXAMPLE", "secret", "session-token"};
    };
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry.max_attempts = 3;
    o.backoff = {.initial_delay = std::chrono::milliseconds(10)};
    return BackupClient(std::move(o));
  }
};

void RespondError(http::ScriptedTransport& t, int status, const std::string& type) {
  t.Respond(status, json({{"__type", type}, {"Message", type}}).dump(),
            {{"x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/"}});
}

constexpr char kBase[] = "https://backup.us-east-1.amazonaws.com";

TEST_CASE("CreateBackupVault: PUT /backup-vaults/{name}, token, key, tags, session token signed") {
  Fixture f;
  f.transport->Respond(200, R"({"BackupVaultName":"v-1","BackupVaultArn":"arn:v-1",
                                "CreationDate":1700000000})");
  auto vault = f.Client().CreateBackupVault(
      {.backup_vault_name = "v-1", .tags = {{"k", "v"}}, .encryption_key_arn = "arn:kms"});
  REQUIRE(vault.ok());
  CHECK(vault->backup_vault_arn == "arn:v-1");
  http::HttpRequest r = f.transport->requests().at(0);
  CHECK(r.method == "PUT");
  CHECK(r.url == std::string(kBase) + "/backup-vaults/v-1");
  CHECK(http::FindHeader(r.headers, "x-amz-security-token") == "session-token");
  CHECK(std::string(http::FindHeader(r.headers, "authorization")).find("x-amz-security-token") !=
        std::string::npos);
  json body = json::parse(r.body);
  CHECK(body["BackupVaultTags"]["k"] == "v");
  CHECK(body["EncryptionKeyArn"] == "arn:kms");
  CHECK(body["CreatorRequestId"].get<std::string>().rfind("pb-", 0) == 0);
}

TEST_CASE("DescribeBackupVault: AccessDeniedException reads as NotFound, keeping the code") {
  Fixture f;
  RespondError(*f.transport, 403, "AccessDeniedException");
  auto gone = f.Client().DescribeBackupVault("missing");
  CHECK(gone.status().code() == absl::StatusCode::kNotFound);
  CHECK(GetCloudError(gone.status())->code == "AccessDeniedException");

  RespondError(*f.transport, 404, "ResourceNotFoundException");
  CHECK(f.Client().DescribeBackupVault("missing").status().code() == absl::StatusCode::kNotFound);

  f.transport->Respond(200, R"({"BackupVaultName":"v","VaultType":"BACKUP_VAULT",
      "NumberOfRecoveryPoints":3,"Locked":false,"EncryptionKeyArn":"arn:kms"})");
  auto v = f.Client().DescribeBackupVault("v");
  REQUIRE(v.ok());
  CHECK(v->number_of_recovery_points == 3);
  CHECK(v->locked == false);
  CHECK(v->vault_type == "BACKUP_VAULT");
}

TEST_CASE("DeleteBackupVault with recovery points: InvalidRequestException is final") {
  Fixture f;
  RespondError(*f.transport, 400, "InvalidRequestException");
  absl::Status s = f.Client().DeleteBackupVault("v");
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.transport->requests().size() == 1);
  CHECK(f.transport->requests()[0].method == "DELETE");
}

TEST_CASE("CreateBackupSelection: body members; Conditions only when set") {
  Fixture f;
  f.transport->Respond(200, R"({"SelectionId":"s-1","BackupPlanId":"p-1","CreationDate":1.5})");
  f.transport->Respond(200, R"({"SelectionId":"s-2","BackupPlanId":"p-1"})");
  BackupSelection sel{.selection_name = "sel",
                      .iam_role_arn = "arn:aws:iam::123456789012:role/backup",
                      .resources = {"arn:aws:ec2:*:*:volume/*"},
                      .list_of_tags = {{"STRINGEQUALS", "backup", "yes"}}};
  auto info = f.Client().CreateBackupSelection("p-1", sel);
  REQUIRE(info.ok());
  CHECK(info->selection_id == "s-1");
  CHECK(info->selection.selection_name == "sel");
  sel.conditions.string_like = {{"aws:ResourceTag/env", "prod*"}};
  sel.not_resources = {"arn:x"};
  REQUIRE(f.Client().CreateBackupSelection("p-1", sel, "tok-1").ok());

  auto r = f.transport->requests();
  CHECK(r[0].url == std::string(kBase) + "/backup/plans/p-1/selections/");
  json first = json::parse(r[0].body);
  CHECK(first["BackupSelection"]["ListOfTags"][0] == json({{"ConditionType", "STRINGEQUALS"},
                                                           {"ConditionKey", "backup"},
                                                           {"ConditionValue", "yes"}}));
  CHECK_FALSE(first["BackupSelection"].contains("Conditions"));
  CHECK_FALSE(first["BackupSelection"].contains("NotResources"));
  json second = json::parse(r[1].body);
  CHECK(second["CreatorRequestId"] == "tok-1");
  CHECK(second["BackupSelection"]["Conditions"]["StringLike"][0]["ConditionKey"] ==
        "aws:ResourceTag/env");
  CHECK(second["BackupSelection"]["Conditions"]["StringEquals"] == json::array());
  CHECK(second["BackupSelection"]["NotResources"] == json({"arn:x"}));
}

TEST_CASE("GetBackupSelection parses the four condition lists; list and delete paths") {
  Fixture f;
  f.transport->Respond(200, R"({"SelectionId":"s-1","BackupPlanId":"p-1","BackupSelection":{
      "SelectionName":"sel","IamRoleArn":"arn:role","Resources":["arn:r"],
      "Conditions":{"StringEquals":[{"ConditionKey":"k","ConditionValue":"v"}],
                    "StringNotEquals":[],"StringLike":[],"StringNotLike":[]}}})");
  f.transport->Respond(200, R"({"BackupSelectionsList":[{"SelectionId":"s-1","SelectionName":"sel",
      "IamRoleArn":"arn:role"}]})");
  f.transport->Respond(200, "");
  BackupClient client = f.Client();
  auto got = client.GetBackupSelection("p-1", "s-1");
  REQUIRE(got.ok());
  CHECK(got->selection.iam_role_arn == "arn:role");
  CHECK(got->selection.conditions.string_equals.at(0).condition_value == "v");
  CHECK(got->selection.list_of_tags.empty());
  auto all = client.ListAllBackupSelections("p-1");
  REQUIRE(all.ok());
  CHECK(all->at(0).selection_name == "sel");
  CHECK(client.DeleteBackupSelection("p-1", "s-1").ok());
  auto r = f.transport->requests();
  CHECK(r[0].url == std::string(kBase) + "/backup/plans/p-1/selections/s-1");
  CHECK(r[1].url == std::string(kBase) + "/backup/plans/p-1/selections/");
  CHECK(r[2].method == "DELETE");
}

TEST_CASE(
    "tags: the ARN is one encoded path label; ListTags merges pages; empty edits send nothing") {
  Fixture f;
  const std::string arn = "arn:aws:backup:us-east-1:123456789012:backup-plan:p-1";
  f.transport->Respond(200, "");
  f.transport->Respond(200, "");
  f.transport->Respond(200, R"({"Tags":{"a":"1"},"NextToken":"n"})");
  f.transport->Respond(200, R"({"Tags":{"b":"2"}})");
  BackupClient client = f.Client();
  REQUIRE(client.TagResource(arn, {{"a", "1"}}).ok());
  REQUIRE(client.UntagResource(arn, {"old"}).ok());
  auto tags = client.ListTags(arn);
  REQUIRE(tags.ok());
  CHECK(*tags == Tags{{"a", "1"}, {"b", "2"}});
  CHECK(client.TagResource(arn, {}).ok());
  CHECK(client.UntagResource(arn, {}).ok());

  const std::string label = "arn%3Aaws%3Abackup%3Aus-east-1%3A123456789012%3Abackup-plan%3Ap-1";
  auto r = f.transport->requests();
  REQUIRE(r.size() == 4);
  CHECK(r[0].url == std::string(kBase) + "/tags/" + label);
  CHECK(json::parse(r[0].body) == json({{"Tags", {{"a", "1"}}}}));
  CHECK(r[1].url == std::string(kBase) + "/untag/" + label);
  CHECK(json::parse(r[1].body) == json({{"TagKeyList", {"old"}}}));
  CHECK(r[2].url == std::string(kBase) + "/tags/" + label + "/");
  CHECK(r[3].url == std::string(kBase) + "/tags/" + label + "/?nextToken=n");
}

}  // namespace
}  // namespace polybackup::clients::aws
