#include "clients/credentials/huawei_auth.h"

#include <doctest/doctest.h>

#include "clients/http/scripted_transport.h"

namespace polybackup::clients::credentials {
namespace {

http::HttpRequest Get() {
  http::HttpRequest r;
  r.method = "GET";
  r.url = "https://csbs.eu-de.otc.t-systems.com/v1/p-1/policies";
  return r;
}

TEST_CASE("AK/SK mode signs each request and scopes it to the project") {
  auto transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  FakeRandom random;
  ResolvedHuawei r;
  r.mode = HuaweiAuthMode::kAkSk;
  r.access_key = "HWAKEXAMPLE";
  r.secret_key = "hw-secret";
  r.security_token = "hw-sts";
  r.project_id = "p-1";
  HuaweiAuthorizer auth(r, transport, clock, random);
  http::HttpRequest req = Get();
  REQUIRE(auth.Authorize(req).ok());
  CHECK(http::FindHeader(req.headers, "authorization")
            .rfind("SDK-HMAC-SHA256 Access=HWAKEXAMPLE", 0) == 0);
  CHECK(http::FindHeader(req.headers, "x-project-id") == "p-1");
  CHECK_FALSE(http::FindHeader(req.headers, "x-sdk-date").empty());
  CHECK(http::FindHeader(req.headers, "x-security-token") == "hw-sts");
  CHECK(transport->requests().empty());  // no Keystone traffic
  CHECK(*auth.ProjectId() == "p-1");

  r.project_id.clear();
  HuaweiAuthorizer no_project(r, transport, clock, random);
  http::HttpRequest again = Get();
  CHECK(no_project.Authorize(again).code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("password mode uses a cached Keystone token and its project") {
  auto transport = std::make_shared<http::ScriptedTransport>();
  const char* body =
      R"({"token":{"expires_at":"2023-11-15T22:13:20.000000Z","project":{"id":"scoped-id"}}})";
  transport->Respond(201, body, {{"X-Subject-Token", "tok-1"}});
  transport->Respond(201, body, {{"X-Subject-Token", "tok-2"}});
  FakeClock clock;
  FakeRandom random;
  ResolvedHuawei r;
  r.mode = HuaweiAuthMode::kPassword;
  r.auth_url = "https://iam.example/v3";
  r.user_name = "u";
  r.password = "p";
  r.domain_name = "d";
  r.project_name = "eu-de";
  HuaweiAuthorizer auth(r, transport, clock, random);
  http::HttpRequest a = Get();
  REQUIRE(auth.Authorize(a).ok());
  CHECK(http::FindHeader(a.headers, "x-auth-token") == "tok-1");
  CHECK(http::FindHeader(a.headers, "x-project-id") == "scoped-id");
  CHECK(http::FindHeader(a.headers, "authorization").empty());
  CHECK(*auth.ProjectId() == "scoped-id");
  http::HttpRequest b = Get();
  REQUIRE(auth.Authorize(b).ok());
  CHECK(transport->requests().size() == 1);  // cached
  auth.OnUnauthorized();
  http::HttpRequest c = Get();
  REQUIRE(auth.Authorize(c).ok());
  CHECK(http::FindHeader(c.headers, "x-auth-token") == "tok-2");
}

}  // namespace
}  // namespace polybackup::clients::credentials
