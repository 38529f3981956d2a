#include "clients/huaweicloud/huawei_factory.h"

#include <doctest/doctest.h>

#include "clients/http/scripted_transport.h"

namespace polybackup::clients::huaweicloud {
namespace {

using credentials::FakeEnvironment;
using credentials::HuaweiConfig;

constexpr char kProject[] = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

TEST_CASE("AK/SK with a project id: no network at configure time, default OTC endpoint") {
  FakeEnvironment env;
  env.Set("HW_ACCESS_KEY", "AK")
      .Set("HW_SECRET_KEY", "factory-sk")
      .Set("HW_REGION_NAME", "eu-de")
      .Set("HW_PROJECT_ID", kProject);
  HuaweiConfig config;
  config.transport.max_retries = 0;
  auto transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  auto clients = NewHuaweiClients(config, env, transport, &clock);
  REQUIRE(clients.ok());
  CHECK(transport->requests().empty());
  CHECK(clients->project_id == kProject);
  CHECK(clients->mode == credentials::HuaweiAuthMode::kAkSk);
  CHECK(clients->keystone == nullptr);
  CHECK(clients->csbs->endpoint() == "https://csbs.eu-de.otc.t-systems.com");

  transport->Respond(429, R"({"error_code":"APIGW.0308","error_msg":"throttled"})");
  CHECK(clients->csbs->ShowPolicy("p").status().code() == absl::StatusCode::kResourceExhausted);
  REQUIRE(transport->requests().size() == 1);  // max_retries = 0
  CHECK(transport->requests()[0].url ==
        std::string("https://csbs.eu-de.otc.t-systems.com/v1/") + kProject + "/policies/p");
}

TEST_CASE("AK/SK without a project id: looked up by the region's name, signed") {
  FakeEnvironment env;
  env.Set("OS_ACCESS_KEY", "AK").Set("OS_SECRET_KEY", "sk").Set("OS_REGION_NAME", "ap-southeast-1");
  auto transport = std::make_shared<http::ScriptedTransport>();
  transport->Respond(200, R"({"projects":[{"id":"other","name":"ap-southeast-1_sub"},
                                          {"id":"p-42","name":"ap-southeast-1"}]})");
  HuaweiConfig config;
  config.transport.endpoints["csbs"] = "http://127.0.0.1:9";
  auto clients = NewHuaweiClients(config, env, transport);
  REQUIRE(clients.ok());
  CHECK(clients->project_id == "p-42");
  http::HttpRequest r = transport->requests().at(0);
  CHECK(r.url == "https://iam.ap-southeast-1.myhuaweicloud.com/v3/projects?name=ap-southeast-1");
  CHECK(std::string(http::FindHeader(r.headers, "Authorization")).rfind("SDK-HMAC-SHA256", 0) == 0);
  CHECK(clients->csbs->endpoint() == "http://127.0.0.1:9");

  transport->Respond(200, R"({"projects":[]})");
  CHECK(NewHuaweiClients(config, env, transport).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("password mode with a project name: the token's scope gives the id") {
  FakeEnvironment env;
  env.Set("OS_USERNAME", "u")
      .Set("OS_PASSWORD", "factory-pw")
      .Set("OS_DOMAIN_NAME", "d")
      .Set("OS_AUTH_URL", "https://iam.example.test/v3/")
      .Set("OS_PROJECT_NAME", "eu-de")
      .Set("OS_REGION_NAME", "eu-de");
  auto transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  transport->Respond(
      201,
      R"({"token":{"expires_at":"2030-01-01T00:00:00.000000Z","project":{"id":"p-7","name":"eu-de"}}})",
      {{"X-Subject-Token", "tok-1"}});
  auto clients = NewHuaweiClients({}, env, transport, &clock);
  REQUIRE_MESSAGE(clients.ok(), clients.status().message());
  CHECK(clients->mode == credentials::HuaweiAuthMode::kPassword);
  CHECK(clients->project_id == "p-7");
  REQUIRE(clients->keystone != nullptr);
  CHECK(transport->requests().at(0).url == "https://iam.example.test/v3/auth/tokens");

  transport->Respond(200, R"({"policy":{"id":"x"}})");
  REQUIRE(clients->csbs->ShowPolicy("x").ok());
  http::HttpRequest r = transport->requests().at(1);
  CHECK(r.url == "https://csbs.eu-de.otc.t-systems.com/v1/p-7/policies/x");
  CHECK(http::FindHeader(r.headers, "X-Auth-Token") == "tok-1");  // the cached token
}

TEST_CASE("a given token: sent as it is, its scope asked of IAM when no project is set") {
  FakeEnvironment env;
  env.Set("HW_AUTH_TOKEN", "given-token-value").Set("HW_REGION_NAME", "cn-north-4");
  auto transport = std::make_shared<http::ScriptedTransport>();
  transport->Respond(200,
                     R"({"token":{"expires_at":"2030-01-01T00:00:00Z","project":{"id":"p-9"}}})",
                     {{"X-Subject-Token", "given-token-value"}});
  auto clients = NewHuaweiClients({}, env, transport);
  REQUIRE_MESSAGE(clients.ok(), clients.status().message());
  CHECK(clients->mode == credentials::HuaweiAuthMode::kToken);
  CHECK(clients->project_id == "p-9");
  http::HttpRequest inspect = transport->requests().at(0);
  CHECK(inspect.method == "GET");
  CHECK(inspect.url == "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens?nocatalog=true");
  CHECK(http::FindHeader(inspect.headers, "X-Subject-Token") == "given-token-value");
  CHECK(clients->csbs->endpoint() == "https://csbs.cn-north-4.myhuaweicloud.com");

  // A 401 cannot be cured by renewing a given token: one attempt, the error.
  transport->Respond(401,
                     R"({"error_code":"APIGW.0307","error_msg":"The token must be updated."})");
  auto refused = clients->csbs->ShowPolicy("x");
  CHECK(refused.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(http::FindHeader(transport->requests().at(1).headers, "X-Auth-Token") ==
        "given-token-value");
  CHECK(transport->requests().size() == 2);
}

TEST_CASE("cloud: the endpoints' domain, from the block or the region") {
  CHECK(DefaultCloud("eu-de") == "otc.t-systems.com");
  CHECK(DefaultCloud("eu-ch2") == "sc.otc.t-systems.com");
  CHECK(DefaultCloud("eu-west-101") == "myhuaweicloud.eu");
  CHECK(DefaultCloud("cn-north-4") == "myhuaweicloud.com");
  CHECK(DefaultIamEndpoint("eu-nl") == "https://iam.eu-nl.otc.t-systems.com/v3");
  CHECK(DefaultIamEndpoint("eu-ch2") == "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3");
  CHECK(DefaultIamEndpoint("ap-southeast-1", "example.com") ==
        "https://iam.ap-southeast-1.example.com/v3");

  FakeEnvironment env;
  env.Set("HW_ACCESS_KEY", "AK").Set("HW_SECRET_KEY", "sk").Set("HW_PROJECT_ID", kProject);
  HuaweiConfig config;
  config.region = "eu-de";
  config.cloud = "otc.example";
  auto clients = NewHuaweiClients(config, env, std::make_shared<http::ScriptedTransport>());
  REQUIRE(clients.ok());
  CHECK(clients->csbs->endpoint() == "https://csbs.eu-de.otc.example");
}

}  // namespace
}  // namespace polybackup::clients::huaweicloud
