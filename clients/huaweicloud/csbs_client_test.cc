#include "clients/huaweicloud/csbs_client.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "clients/core/cloud_error.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients::huaweicloud {
namespace {

using nlohmann::json;

constexpr char kProject[] = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const std::string kBase =
    std::string("https://csbs.eu-de.otc.t-systems.com/v1/") + kProject + "/policies";

struct Fixture {
  std::shared_ptr<http::ScriptedTransport> transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random{{1, 2, 3}};
  std::vector<std::string> tokens = {"token-1", "token-2", "token-3"};
  int token_fetches = 0;
  int invalidations = 0;

  HuaweiClientOptions Options() {
    HuaweiClientOptions o;
    o.region = "eu-de";
    o.project_id = kProject;
    o.transport = transport;
    o.clock = &clock;
    o.random = &random;
    o.retry.max_attempts = 3;
    o.backoff = {.initial_delay = std::chrono::milliseconds(10)};
    return o;
  }
  CsbsClient AkSk(std::string security_token = "") {
    HuaweiClientOptions o = Options();
    o.auth.aksk = [security_token]() -> absl::StatusOr<HuaweiAkSk> {
      return HuaweiAkSk{"AKEXAMPLE", "SKEXAMPLE", security_token};
    };
    return CsbsClient(std::move(o));
  }
  CsbsClient Token() {
    HuaweiClientOptions o = Options();
    o.auth.token = [this]() -> absl::StatusOr<std::string> {
      ++token_fetches;
      // A fresh token after each invalidation, as a cache would hand out.
      return tokens.at(std::min<size_t>(invalidations, tokens.size() - 1));
    };
    o.auth.invalidate_token = [this]() { ++invalidations; };
    return CsbsClient(std::move(o));
  }
};

std::string PolicyJson(const std::string& id, const std::string& name,
                       const std::string& status = "suspended") {
  return json({{"id", id},
               {"name", name},
               {"status", status},
               {"scheduled_operations",
                {{{"id", "op-1"},
                  {"operation_definition", {{"max_backups", "20"}, {"permanent", "false"}}}}}}})
      .dump();
}

std::string Wrapped(const std::string& policy) { return R"({"policy":)" + policy + "}"; }

void RespondError(http::ScriptedTransport& t, int status, const std::string& code) {
  if (code.rfind("APIGW", 0) == 0) {
    t.Respond(status, json({{"error_code", code}, {"error_msg", code}}).dump(),
              {{"X-Request-Id", "rid-1"}});
  } else {
    t.Respond(status, json({{"error", {{"code", code}, {"message", code}}}}).dump(),
              {{"X-Request-Id", "rid-1"}});
  }
}

CreateCsbsPolicyRequest SampleCreate() {
  CreateCsbsPolicyRequest r;
  r.name = "policy-a";
  r.resources = {{.id = "srv-1", .name = "web"}};
  CsbsScheduledOperation op;
  op.trigger_pattern =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  op.operation_definition.max_backups = 5;
  r.scheduled_operations = {op};
  return r;
}

TEST_CASE("AK/SK: POST /v1/{project}/policies signed SDK-HMAC-SHA256 with X-Project-Id") {
  Fixture f;
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "policy-a", "creating")));
  auto p = f.AkSk("temp-token").CreatePolicy(SampleCreate());
  REQUIRE(p.ok());
  CHECK(p->id == "pol-1");
  CHECK(p->status == "creating");
  CHECK(p->scheduled_operations.at(0).operation_definition.max_backups == 20);
  CHECK(p->scheduled_operations.at(0).operation_definition.permanent == false);

  http::HttpRequest r = f.transport->requests().at(0);
  CHECK(r.method == "POST");
  CHECK(r.url == kBase);
  std::string auth(http::FindHeader(r.headers, "Authorization"));
  CHECK(auth.rfind("SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=", 0) == 0);
  CHECK(auth.find("x-project-id") != std::string::npos);
  CHECK(auth.find("x-security-token") != std::string::npos);
  CHECK(http::FindHeader(r.headers, "X-Project-Id") == kProject);
  CHECK(http::FindHeader(r.headers, "X-Security-Token") == "temp-token");
  CHECK(http::FindHeader(r.headers, "X-Sdk-Date") == "20231114T221320Z");
  CHECK(http::FindHeader(r.headers, "Content-Type") == "application/json");
  CHECK(http::FindHeader(r.headers, "X-Auth-Token").empty());
  json body = json::parse(r.body);
  CHECK(body["policy"]["name"] == "policy-a");
  CHECK(body["policy"]["scheduled_operations"][0]["operation_definition"]["max_backups"] == 5);
}

TEST_CASE("token auth: X-Auth-Token, no signature; a 401 refreshes the token exactly once") {
  Fixture f;
  CsbsClient client = f.Token();
  RespondError(*f.transport, 401, "APIGW.0307");
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a")));
  auto p = client.ShowPolicy("pol-1");
  REQUIRE(p.ok());
  auto r = f.transport->requests();
  REQUIRE(r.size() == 2);
  CHECK(r[0].url == kBase + "/pol-1");
  CHECK(http::FindHeader(r[0].headers, "X-Auth-Token") == "token-1");
  CHECK(http::FindHeader(r[1].headers, "X-Auth-Token") == "token-2");
  CHECK(http::FindHeader(r[0].headers, "Authorization").empty());
  CHECK(f.invalidations == 1);

  RespondError(*f.transport, 401, "APIGW.0301");
  RespondError(*f.transport, 401, "APIGW.0301");
  auto denied = client.ShowPolicy("pol-1");
  CHECK(denied.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(f.transport->requests().size() == 4);
  CHECK(f.invalidations == 2);
}

TEST_CASE("no credentials at all: Unauthenticated without sending") {
  Fixture f;
  auto s = CsbsClient(f.Options()).ShowPolicy("x");
  CHECK(s.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(f.transport->requests().empty());
}

TEST_CASE("errors: 404 NotFound, 409 busy FailedPrecondition (not retried), 429 retried") {
  Fixture f;
  CsbsClient client = f.AkSk();
  RespondError(*f.transport, 404, "CSBS.3000");
  CHECK(client.ShowPolicy("gone").status().code() == absl::StatusCode::kNotFound);

  RespondError(*f.transport, 409, "CSBS.2001");
  absl::Status busy = client.DeletePolicy("pol-1");
  CHECK(busy.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(GetCloudError(busy)->code == "CSBS.2001");
  CHECK(f.transport->requests().size() == 2);
  CHECK(f.transport->requests()[1].method == "DELETE");
  CHECK(f.transport->requests()[1].body.empty());

  RespondError(*f.transport, 429, "APIGW.0308");
  f.transport->Respond(200, "");
  CHECK(client.DeletePolicy("pol-1").ok());
  CHECK(f.transport->requests().size() == 4);
}

TEST_CASE("update: PUT with only the set members") {
  Fixture f;
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "renamed")));
  UpdateCsbsPolicyRequest u;
  u.name = "renamed";
  auto p = f.AkSk().UpdatePolicy("pol-1", u);
  REQUIRE(p.ok());
  CHECK(p->name == "renamed");
  http::HttpRequest r = f.transport->requests().at(0);
  CHECK(r.method == "PUT");
  CHECK(r.url == kBase + "/pol-1");
  CHECK(json::parse(r.body) == json({{"policy", {{"name", "renamed"}}}}));
}

TEST_CASE("create after a lost answer: found by name, not sent twice") {
  Fixture f;
  f.transport->Fail(absl::UnavailableError("connection closed before the answer"));
  f.transport->Respond(200,
                       R"({"policies":[)" + PolicyJson("pol-9", "policy-a", "creating") + "]}");
  auto p = f.AkSk().CreatePolicy(SampleCreate());
  REQUIRE(p.ok());
  CHECK(p->id == "pol-9");
  auto r = f.transport->requests();
  REQUIRE(r.size() == 2);
  CHECK(r[1].method == "GET");
  CHECK(r[1].url == kBase + "?name=policy-a");
}

TEST_CASE("create after a lost answer: an older policy of that name is not adopted") {
  Fixture f;  // FakeClock: 2023-11-14T22:13:20Z
  f.transport->Fail(absl::UnavailableError("connection closed before the answer"));
  json older = json::parse(PolicyJson("pol-old", "policy-a"));
  older["created_at"] = "2023-11-14T20:00:00.000000";
  f.transport->Respond(200, json({{"policies", {older}}}).dump());
  auto p = f.AkSk().CreatePolicy(SampleCreate());
  CHECK(p.status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(p.status().message().find("pol-old") != std::string::npos);
  CHECK(f.transport->requests().size() == 2);

  // Created "just now" by the service's clock (a little behind ours): ours.
  f.transport->Fail(absl::UnavailableError("connection closed before the answer"));
  json recent = json::parse(PolicyJson("pol-new", "policy-a"));
  recent["created_at"] = "2023-11-14T22:11:00.000000";
  f.transport->Respond(200, json({{"policies", {recent}}}).dump());
  auto ours = f.AkSk().CreatePolicy(SampleCreate());
  REQUIRE(ours.ok());
  CHECK(ours->id == "pol-new");
}

TEST_CASE("create after a 5xx with nothing created: sent again") {
  Fixture f;
  RespondError(*f.transport, 500, "CSBS.1000");
  f.transport->Respond(200, R"({"policies":[]})");
  f.transport->Respond(200, Wrapped(PolicyJson("pol-2", "policy-a", "creating")));
  auto p = f.AkSk().CreatePolicy(SampleCreate());
  REQUIRE(p.ok());
  CHECK(p->id == "pol-2");
  auto r = f.transport->requests();
  REQUIRE(r.size() == 3);
  CHECK(r[0].method == "POST");
  CHECK(r[1].method == "GET");
  CHECK(r[2].method == "POST");
  CHECK(r[2].body == r[0].body);
}

TEST_CASE("create: throttling is resent without a lookup; a 400 is final") {
  Fixture f;
  RespondError(*f.transport, 429, "APIGW.0308");
  f.transport->Respond(200, Wrapped(PolicyJson("pol-3", "policy-a")));
  REQUIRE(f.AkSk().CreatePolicy(SampleCreate()).ok());
  CHECK(f.transport->requests().size() == 2);
  CHECK(f.transport->requests()[1].method == "POST");

  RespondError(*f.transport, 400, "CSBS.9007");
  auto dup = f.AkSk().CreatePolicy(SampleCreate());
  CHECK(dup.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.transport->requests().size() == 3);
}

TEST_CASE("ListAllPolicies: marker from the next link; stops on an empty page") {
  Fixture f;
  auto link = [](const std::string& marker) {
    return json::array(
        {{{"rel", "next"}, {"href", "https://csbs/v1/p/policies?limit=2&marker=" + marker}}});
  };
  f.transport->Respond(
      200,
      json({{"policies", {json::parse(PolicyJson("a", "A")), json::parse(PolicyJson("b", "B"))}},
            {"policies_links", link("b")}})
          .dump());
  f.transport->Respond(
      200,
      json({{"policies", {json::parse(PolicyJson("c", "C")), json::parse(PolicyJson("d", "D"))}},
            {"policies_links", link("d")}})
          .dump());
  f.transport->Respond(200,
                       json({{"policies", json::array()}, {"policies_links", link("d")}}).dump());
  auto all = f.AkSk().ListAllPolicies({.limit = 2, .sort = "created_at:asc"});
  REQUIRE(all.ok());
  REQUIRE(all->size() == 4);
  CHECK((*all)[3].id == "d");
  auto r = f.transport->requests();
  REQUIRE(r.size() == 3);
  CHECK(r[0].url == kBase + "?limit=2&sort=created_at%3Aasc");
  CHECK(r[1].url == kBase + "?limit=2&marker=b&sort=created_at%3Aasc");
  CHECK(r[2].url == kBase + "?limit=2&marker=d&sort=created_at%3Aasc");
}

TEST_CASE("answers that are not the API's JSON are Internal, never a crash") {
  Fixture f;
  // The seed's example response as printed (trailing commas): not JSON.
  f.transport->Respond(200, R"({"policy":{"id":"x","resources":[{"id":"r","name":"n",}]}})");
  CHECK(f.AkSk().ShowPolicy("x").status().code() == absl::StatusCode::kInternal);
  f.transport->Respond(200, R"({"nopolicy":{}})");
  CHECK(f.AkSk().ShowPolicy("x").status().code() == absl::StatusCode::kInternal);
}

TEST_CASE("WaitForPolicyReady: polls while creating, on the injected clock") {
  Fixture f;
  CsbsClient client = f.AkSk();
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "creating")));
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "creating")));
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "suspended")));
  auto ready = client.WaitForPolicyReady("pol-1", std::chrono::seconds(3));
  REQUIRE_MESSAGE(ready.ok(), ready.status().ToString());
  CHECK(ready->status == "suspended");
  CHECK(f.transport->requests().size() == 3);
  CHECK(f.clock.sleeps().size() == 2);
}

TEST_CASE("WaitForPolicyReady: the deadline names the status last seen; error and 404 end it") {
  Fixture f;
  CsbsClient client = f.AkSk();
  f.transport->SetHandler([](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{200, {}, Wrapped(PolicyJson("pol-1", "a", "creating"))};
  });
  CallOptions options;
  options.deadline = f.clock.Monotonic() + std::chrono::seconds(10);
  auto late = client.WaitForPolicyReady("pol-1", std::chrono::seconds(3), options);
  CHECK(late.status().code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(late.status().message().find("(last seen: status creating)") != std::string::npos);

  Fixture g;
  CsbsClient other = g.AkSk();
  g.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "error")));
  CHECK(other.WaitForPolicyReady("pol-1", std::chrono::seconds(3)).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  RespondError(*g.transport, 404, "CSBS.3000");
  CHECK(other.WaitForPolicyReady("pol-1", std::chrono::seconds(3)).status().code() ==
        absl::StatusCode::kNotFound);
}

TEST_CASE("DeletePolicyAndWait: resends while 409, then waits for 404") {
  Fixture f;
  CsbsClient client = f.AkSk();
  RespondError(*f.transport, 409, "CSBS.2001");
  RespondError(*f.transport, 409, "CSBS.2001");
  f.transport->Respond(200, "");
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "deleting")));
  RespondError(*f.transport, 404, "CSBS.3000");
  absl::Status deleted = client.DeletePolicyAndWait("pol-1", std::chrono::seconds(3));
  REQUIRE_MESSAGE(deleted.ok(), deleted.ToString());
  std::vector<std::string> methods;
  for (const auto& r : f.transport->requests()) methods.push_back(r.method);
  CHECK(methods == std::vector<std::string>{"DELETE", "DELETE", "DELETE", "GET", "GET"});
  CHECK(f.clock.sleeps().size() == 3);

  // Already gone: one DELETE, no wait.
  RespondError(*f.transport, 404, "CSBS.3000");
  CHECK(client.DeletePolicyAndWait("pol-1", std::chrono::seconds(3)).ok());

  // Busy past the deadline: DeadlineExceeded, saying it was still refused.
  f.transport->SetHandler([](const http::HttpRequest&) -> absl::StatusOr<http::HttpResponse> {
    return http::HttpResponse{409, {}, R"({"error":{"code":"CSBS.2001","message":"busy"}})"};
  });
  CallOptions options;
  options.deadline = f.clock.Monotonic() + std::chrono::seconds(7);
  absl::Status late = client.DeletePolicyAndWait("pol-1", std::chrono::seconds(3), options);
  CHECK(late.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(late.message().find("409, busy") != std::string::npos);
}

TEST_CASE("UpdatePolicyWhenReady: a 409 waits for the policy, then the PUT is sent again") {
  Fixture f;
  CsbsClient client = f.AkSk();
  RespondError(*f.transport, 409, "CSBS.2001");
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "creating")));
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "a", "suspended")));
  f.transport->Respond(200, Wrapped(PolicyJson("pol-1", "b", "suspended")));
  UpdateCsbsPolicyRequest u;
  u.name = "b";
  auto updated = client.UpdatePolicyWhenReady("pol-1", u, std::chrono::seconds(3));
  REQUIRE_MESSAGE(updated.ok(), updated.status().ToString());
  CHECK(updated->name == "b");
  std::vector<std::string> methods;
  for (const auto& r : f.transport->requests()) methods.push_back(r.method);
  CHECK(methods == std::vector<std::string>{"PUT", "GET", "GET", "PUT"});

  // Anything but busy is returned as it is.
  RespondError(*f.transport, 400, "CSBS.9001");
  CHECK(client.UpdatePolicyWhenReady("pol-1", u, std::chrono::seconds(3)).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("endpoints: OTC and Huawei defaults; a catalog URL loses its /v1/<project>") {
  CHECK(DefaultCsbsEndpoint("eu-de") == "https://csbs.eu-de.otc.t-systems.com");
  CHECK(DefaultCsbsEndpoint("eu-ch2") == "https://csbs.eu-ch2.sc.otc.t-systems.com");
  CHECK(DefaultCsbsEndpoint("ap-southeast-1") == "https://csbs.ap-southeast-1.myhuaweicloud.com");
  Fixture f;
  HuaweiClientOptions o = f.Options();
  o.endpoint = std::string("http://127.0.0.1:9000/v1/") + kProject + "/";
  CHECK(CsbsClient(o).endpoint() == "http://127.0.0.1:9000");
  o.endpoint = "csbs.example.com";
  CHECK(CsbsClient(o).endpoint() == "https://csbs.example.com");
}

}  // namespace
}  // namespace polybackup::clients::huaweicloud
