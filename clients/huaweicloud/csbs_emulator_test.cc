// CsbsClient against the local CSBS and IAM emulators (acceptance/emulators),
// through the real curl transport: AK/SK requests are re-signed by the
// emulator with the official AKSKSigner; Keystone tokens come from the IAM
// emulator through KeystoneTokenSource. Label "emulator" (needs node).
#include <doctest/doctest.h>

#include "acceptance/harness/emulators.h"
#include "clients/core/cloud_error.h"
#include "clients/credentials/keystone_token.h"
#include "clients/http/curl_transport.h"
#include "clients/huaweicloud/csbs_client.h"
#include "clients/huaweicloud/csbs_codec.h"
#include "clients/huaweicloud/huawei_factory.h"

namespace polybackup::clients::huaweicloud {
namespace {

using acceptance::Emulators;

constexpr char kProject[] = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
constexpr char kServerId[] = "3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b";  // pbtest-ecs-1

Emulators& Started(int creating_seconds = 0) {
  std::string error;
  Emulators* e = Emulators::Shared(&error);
  if (e == nullptr) FAIL("the emulators did not start: " << error);
  e->Reset();
  e->ServiceOp("huaweicloud_csbs", "settings", {{"creating_seconds", creating_seconds}});
  return *e;
}

HuaweiClientOptions Options(Emulators& e) {
  HuaweiClientOptions o;
  o.region = "eu-de";
  o.project_id = kProject;
  o.endpoint = e.Url("huaweicloud_csbs");
  o.transport = http::NewCurlTransport(http::TlsOptions{});
  o.retry.max_attempts = 4;
  o.backoff = {.initial_delay = std::chrono::milliseconds(20),
               .max_delay = std::chrono::milliseconds(100)};
  return o;
}

CsbsClient AkSkClient(Emulators& e, std::string secret = acceptance::kTestSecretKey) {
  HuaweiClientOptions o = Options(e);
  o.auth.aksk = [secret]() -> absl::StatusOr<HuaweiAkSk> {
    return HuaweiAkSk{acceptance::kTestAccessKey, secret, ""};
  };
  return CsbsClient(std::move(o));
}

CreateCsbsPolicyRequest Sample(const std::string& name) {
  CreateCsbsPolicyRequest r;
  r.name = name;
  r.description = "nightly";
  r.resources = {{.id = kServerId, .name = "pbtest-ecs-1"}};
  CsbsScheduledOperation op;
  op.name = "op-1";
  op.trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  op.operation_definition.max_backups = 20;
  op.operation_definition.retention_duration_days = 30;
  op.operation_definition.permanent = false;
  op.operation_definition.day_backups = 7;
  op.operation_definition.timezone = "UTC+08:00";
  r.scheduled_operations = {op};
  r.tags = {{"env", "test"}};
  return r;
}

int CountRequests(Emulators& e, const std::string& route) {
  int n = 0;
  for (const nlohmann::json& r : e.Control("GET", "/requests"))
    n += (r.value("route", "") == route);
  return n;
}

TEST_CASE("AK/SK: create, show, list, update, delete; numbers answered as strings read back") {
  Emulators& e = Started();
  CsbsClient client = AkSkClient(e);
  auto created = client.CreatePolicy(Sample("policy-a"));
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));
  auto shown = client.ShowPolicy(created->id);
  REQUIRE(shown.ok());
  CHECK(shown->name == "policy-a");
  CHECK(shown->resources.at(0).id == kServerId);
  const CsbsScheduledOperation& op = shown->scheduled_operations.at(0);
  CHECK(op.operation_definition.max_backups == 20);
  CHECK(op.operation_definition.retention_duration_days == 30);
  CHECK(op.operation_definition.permanent == false);
  CHECK_FALSE(op.operation_definition.day_backups.has_value());  // never answered
  CHECK_FALSE(op.id.empty());
  CHECK(ParseCsbsTime(shown->created_at).has_value());

  // A server may be in one policy only (CSBS.6004): the second protects none.
  CreateCsbsPolicyRequest second = Sample("policy-b");
  second.resources.clear();
  auto b = client.CreatePolicy(second);
  REQUIRE_MESSAGE(b.ok(), UserMessage(b.status()));
  CHECK(b->resources.empty());
  auto all = client.ListAllPolicies({.limit = 1});
  REQUIRE_MESSAGE(all.ok(), UserMessage(all.status()));
  CHECK(all->size() == 2);
  auto by_name = client.ListAllPolicies({.name = "policy-b"});
  REQUIRE(by_name.ok());
  CHECK(by_name->size() == 1);

  UpdateCsbsPolicyRequest update;
  update.description = "weekly";
  CsbsScheduledOperation changed = op;
  changed.operation_definition = {.max_backups = 5};
  update.scheduled_operations = std::vector<CsbsScheduledOperation>{changed};
  auto updated = client.UpdatePolicy(created->id, update);
  REQUIRE_MESSAGE(updated.ok(), UserMessage(updated.status()));
  CHECK(updated->description == "weekly");
  CHECK(
      client.ShowPolicy(created->id)->scheduled_operations.at(0).operation_definition.max_backups ==
      5);

  REQUIRE(client.DeletePolicy(created->id).ok());
  CHECK(client.ShowPolicy(created->id).status().code() == absl::StatusCode::kNotFound);
  CHECK(client.DeletePolicy(created->id).code() == absl::StatusCode::kNotFound);
}

TEST_CASE("busy (creating) policy: update answers 409 -> FailedPrecondition") {
  Emulators& e = Started(/*creating_seconds=*/60);
  CsbsClient client = AkSkClient(e);
  auto created = client.CreatePolicy(Sample("policy-busy"));
  REQUIRE(created.ok());
  CHECK(created->status == "creating");
  UpdateCsbsPolicyRequest update;
  update.description = "x";
  auto busy = client.UpdatePolicy(created->id, update);
  CHECK(busy.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(GetCloudError(busy.status())->code == "CSBS.2001");
  CHECK(client.DeletePolicy(created->id).code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("a wrong secret gets the gateway's own error, mapped to Unauthenticated") {
  Emulators& e = Started();
  auto wrong = AkSkClient(e, "not-the-secret").ListPolicies();
  CHECK(wrong.status().code() == absl::StatusCode::kUnauthenticated);
  REQUIRE(GetCloudError(wrong.status()));
  CHECK(GetCloudError(wrong.status())->code == "APIGW.0301");
}

TEST_CASE("Keystone token: used as X-Auth-Token, refreshed once after it expired") {
  Emulators& e = Started();
  HuaweiClientOptions o = Options(e);
  auto source = std::make_shared<credentials::KeystoneTokenSource>(
      credentials::KeystoneAuth{.auth_url = e.Url("huaweicloud_iam") + "/v3",
                                .user_name = "pbtest-user",
                                .password = "pbtest-Passw0rd!",
                                .domain_name = "pbtest-domain",
                                .project_id = kProject},
      o.transport, SystemClock(), SystemRandom());
  o.auth = KeystoneTokenAuth(source);
  CsbsClient client(std::move(o));
  auto created = client.CreatePolicy(Sample("policy-token"));
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));

  e.ServiceOp("huaweicloud_iam", "expire_tokens", nlohmann::json::object());
  e.Control("DELETE", "/requests");
  auto shown = client.ShowPolicy(created->id);
  CHECK_MESSAGE(shown.ok(), UserMessage(shown.status()));
  nlohmann::json log = e.Control("GET", "/requests");
  // ShowPolicy 401 (expired token), a new token, ShowPolicy 200.
  REQUIRE(log.size() == 3);
  CHECK(log[0]["status"] == 401);
  CHECK(log[1]["route"] == "KeystoneCreateUserTokenByPassword");
  CHECK(log[2]["status"] == 200);
}

TEST_CASE("injected throttling and 5xx are retried and succeed") {
  Emulators& e = Started();
  CsbsClient client = AkSkClient(e);
  auto created = client.CreatePolicy(Sample("policy-retry"));
  REQUIRE(created.ok());
  e.Control(
      "POST", "/faults",
      {{"service", "huaweicloud_csbs"}, {"route", "ShowPolicy"}, {"throttle", true}, {"count", 2}});
  e.Control("POST", "/faults",
            {{"service", "huaweicloud_csbs"},
             {"route", "ListPolicies"},
             {"status", 503},
             {"code", "CSBS.1000"},
             {"count", 2}});
  e.Control("DELETE", "/requests");
  auto shown = client.ShowPolicy(created->id);
  CHECK_MESSAGE(shown.ok(), UserMessage(shown.status()));
  auto list = client.ListPolicies();
  CHECK_MESSAGE(list.ok(), UserMessage(list.status()));
  CHECK(CountRequests(e, "ShowPolicy") == 3);
  CHECK(CountRequests(e, "ListPolicies") == 3);
}

TEST_CASE("a create whose answer is lost is found by name, not duplicated") {
  Emulators& e = Started();
  CsbsClient client = AkSkClient(e);
  e.Control(
      "POST", "/faults",
      {{"service", "huaweicloud_csbs"}, {"route", "CreatePolicy"}, {"drop_after_commit", true}});
  e.Control("DELETE", "/requests");
  auto created = client.CreatePolicy(Sample("policy-drop"));
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));
  CHECK(created->name == "policy-drop");
  CHECK(CountRequests(e, "CreatePolicy") == 1);
  auto all = client.ListAllPolicies();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 1);
  CHECK((*all)[0].id == created->id);
}

TEST_CASE("the factory: password mode by project name, AK/SK with the project looked up") {
  Emulators& e = Started();
  credentials::HuaweiConfig config;
  config.region = "eu-de";
  config.transport.endpoints["csbs"] = e.Url("huaweicloud_csbs");
  config.transport.endpoints["iam"] = e.Url("huaweicloud_iam");
  credentials::HuaweiConfig password = config;
  password.user_name = "pbtest-user";
  password.password = "pbtest-Passw0rd!";
  password.domain_name = "pbtest-domain";
  password.auth_url = "https://iam.invalid/v3";  // the "iam" endpoint wins
  password.project_name = "eu-de";
  credentials::FakeEnvironment env;
  auto by_password = NewHuaweiClients(password, env);
  REQUIRE_MESSAGE(by_password.ok(), UserMessage(by_password.status()));
  CHECK(by_password->project_id == kProject);
  auto created = by_password->csbs->CreatePolicy(Sample("policy-factory"));
  REQUIRE_MESSAGE(created.ok(), UserMessage(created.status()));

  credentials::HuaweiConfig keys = config;
  keys.access_key = acceptance::kTestAccessKey;
  keys.secret_key = acceptance::kTestSecretKey;
  auto by_keys = NewHuaweiClients(keys, env);
  REQUIRE_MESSAGE(by_keys.ok(), UserMessage(by_keys.status()));
  CHECK(by_keys->project_id == kProject);
  CHECK(by_keys->csbs->ShowPolicy(created->id).ok());

  password.password = "wrong";
  CHECK(NewHuaweiClients(password, env).status().code() == absl::StatusCode::kUnauthenticated);

  // A token obtained elsewhere: IAM says which project it is scoped to.
  credentials::HuaweiConfig given = config;
  given.token = by_password->keystone->Token().value().token;
  auto by_token = NewHuaweiClients(given, env);
  REQUIRE_MESSAGE(by_token.ok(), UserMessage(by_token.status()));
  CHECK(by_token->mode == credentials::HuaweiAuthMode::kToken);
  CHECK(by_token->project_id == kProject);
  CHECK(by_token->csbs->ShowPolicy(created->id).ok());
  // Once expired it cannot be renewed: the error, not a retry loop.
  e.ServiceOp("huaweicloud_iam", "expire_tokens", nlohmann::json::object());
  CHECK(by_token->csbs->ShowPolicy(created->id).status().code() ==
        absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace polybackup::clients::huaweicloud
