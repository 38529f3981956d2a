#include "clients/aws/aws_factory.h"

#include <doctest/doctest.h>

#include "clients/http/scripted_transport.h"

namespace polybackup::clients::aws {
namespace {

using credentials::AwsConfig;
using credentials::FakeEnvironment;

TEST_CASE("the Backup client gets the resolved region, endpoint and retry budget") {
  FakeEnvironment env;
  env.Set("AWS_ACCESS_KEY_ID", "AKID")
      .Set("AWS_SECRET_ACCESS_KEY", "factory-secret")
      .Set("AWS_REGION", "eu-central-1")
      .Set("AWS_ENDPOINT_URL", "https://generic.example.test");
  AwsConfig config;
  config.transport.max_retries = 0;
  auto transport = std::make_shared<http::ScriptedTransport>();
  FakeClock clock;
  auto clients = NewAwsClients(config, env, transport, &clock);
  REQUIRE(clients.ok());
  CHECK(clients->region == "eu-central-1");
  CHECK(clients->credentials_source == "environment");
  CHECK(clients->backup->endpoint() == "https://generic.example.test");

  // max_retries = 0: one attempt only, even for throttling.
  transport->Respond(429, R"({"__type":"ThrottlingException"})",
                     {{"x-amzn-ErrorType", "ThrottlingException"}});
  auto plan = clients->backup->GetBackupPlan("p-1");
  CHECK(plan.status().code() == absl::StatusCode::kResourceExhausted);
  REQUIRE(transport->requests().size() == 1);
  CHECK(std::string(http::FindHeader(transport->requests()[0].headers, "authorization"))
            .find("/eu-central-1/backup/aws4_request") != std::string::npos);

  env.Set("AWS_ENDPOINT_URL_BACKUP", "backup.example.test");
  CHECK(NewAwsClients(config, env, transport)->backup->endpoint() == "https://backup.example.test");
  config.transport.endpoints["backup"] = "http://127.0.0.1:9/";
  CHECK(NewAwsClients(config, env, transport)->backup->endpoint() == "http://127.0.0.1:9");

  FakeEnvironment bare;
  bare.Set("AWS_ACCESS_KEY_ID", "AKID")
      .Set("AWS_SECRET_ACCESS_KEY", "s")
      .Set("AWS_REGION", "us-west-2");
  CHECK(NewAwsClients({}, bare, transport)->backup->endpoint() ==
        "https://backup.us-west-2.amazonaws.com");
  CHECK(NewAwsClients({}, FakeEnvironment().Set("AWS_REGION", "us-east-1"), transport)
            .status()
            .code() == absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace polybackup::clients::aws
