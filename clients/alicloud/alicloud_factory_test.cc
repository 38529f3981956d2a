#include "clients/alicloud/alicloud_factory.h"

#include <doctest/doctest.h>

#include "clients/http/scripted_transport.h"

namespace polybackup::clients::alicloud {
namespace {

using credentials::AlicloudConfig;
using credentials::FakeEnvironment;

TEST_CASE("clients get the resolved region, endpoints and retry budget") {
  FakeEnvironment env;
  env.Set("ALIBABA_CLOUD_ACCESS_KEY_ID", "ak")
      .Set("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "factory-secret")
      .Set("ALIBABA_CLOUD_REGION_ID", "ap-southeast-1")
      .Set("DBS_ENDPOINT", "dbs.example.test");
  AlicloudConfig config;
  config.transport.endpoints["r_kvstore"] = "http://127.0.0.1:9/";
  config.transport.max_retries = 0;
  auto transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  auto clients = NewAlicloudClients(config, env, transport, &clock);
  REQUIRE(clients.ok());
  CHECK(clients->region == "ap-southeast-1");
  CHECK(clients->credentials_source == "environment");
  CHECK(clients->kvstore->endpoint() == "http://127.0.0.1:9");
  CHECK(clients->dbs->endpoint() == "https://dbs.example.test");

  // max_retries = 0: one attempt only, even for throttling.
  transport->Respond(400, R"({"Code":"Throttling.User"})");
  auto policy = clients->kvstore->DescribeBackupPolicy("r-1");
  CHECK(policy.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(transport->requests().size() == 1);

  FakeEnvironment bare;
  bare.Set("ALICLOUD_ACCESS_KEY", "ak")
      .Set("ALICLOUD_SECRET_KEY", "sk")
      .Set("ALICLOUD_REGION", "eu-central-1");
  auto defaults = NewAlicloudClients({}, bare, transport);
  REQUIRE(defaults.ok());
  CHECK(defaults->kvstore->endpoint() == "https://r-kvstore.aliyuncs.com");
  CHECK(defaults->dbs->endpoint() == "https://dbs-api.eu-central-1.aliyuncs.com");
  CHECK(NewAlicloudClients({}, FakeEnvironment(), transport).status().code() ==
        absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace polybackup::clients::alicloud
