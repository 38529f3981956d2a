#include "clients/core/request_log.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "base/logging.h"
#include "clients/core/error_mappers.h"
#include "clients/core/retry.h"
#include "clients/http/scripted_transport.h"

namespace polybackup::clients {
namespace {

struct CapturedLog {
  std::vector<nlohmann::json> lines;
  CapturedLog() {
    log::SetSinkForTesting(
        [this](std::string_view l) { lines.push_back(nlohmann::json::parse(l)); });
    log::SetLevel(log::Level::kDebug);
  }
  ~CapturedLog() {
    log::SetSinkForTesting(nullptr);
    log::SetLevel(log::Level::kOff);
  }
};

TEST_CASE("each attempt logs request and response with redacted credentials") {
  CapturedLog captured;
  auto transport = std::make_shared<http::ScriptedTransport>();
  transport->Respond(400, R"({"Code":"Throttling.User"})", {{"x-acs-request-id", "REQ-A"}});
  transport->Respond(200, "{}", {{"x-acs-request-id", "REQ-B"}});
  FakeClock clock;
  FakeRandom random;
  RetryLoop loop(transport, clock, random);
  HttpCall call;
  call.operation = "R-kvstore DescribeBackupPolicy";
  call.map_error = MapAlicloudError;
  call.build = [](int) -> absl::StatusOr<http::HttpRequest> {
    http::HttpRequest r;
    r.method = "POST";
    r.url = "https://r-kvstore.aliyuncs.com/?InstanceId=r-1&SecurityToken=sts-secret-token";
    r.headers = {{"Authorization", "ACS3-HMAC-SHA256 Credential=AK,Signature=abcdef"},
                 {"x-acs-action", "DescribeBackupPolicy"}};
    return r;
  };
  REQUIRE(loop.Run(call, {}).ok());
  REQUIRE(captured.lines.size() == 4);
  const nlohmann::json& first = captured.lines[0];
  CHECK(first["@message"] == "cloud request");
  CHECK(first["attempt"] == "1");
  CHECK(first["operation"] == "R-kvstore DescribeBackupPolicy");
  std::string all;
  for (const auto& l : captured.lines) all += l.dump();
  CHECK(all.find("abcdef") == std::string::npos);
  CHECK(all.find("sts-secret-token") == std::string::npos);
  CHECK(first["headers"].get<std::string>().find("x-acs-action") != std::string::npos);
  CHECK(captured.lines[1]["@message"] == "cloud response");
  CHECK(captured.lines[1]["request_id"] == "REQ-A");
  CHECK(captured.lines[1]["http_status"] == "400");
  CHECK(captured.lines[3]["attempt"] == "2");
  CHECK(captured.lines[3]["request_id"] == "REQ-B");
  CHECK(captured.lines[3]["result"] == "ok");
}

TEST_CASE("nothing is logged when debug is off") {
  std::vector<std::string> lines;
  log::SetSinkForTesting([&](std::string_view l) { lines.emplace_back(l); });
  log::SetLevel(log::Level::kInfo);
  http::HttpRequest r;
  LogRequest("x", 1, r);
  CHECK(lines.empty());
  log::SetSinkForTesting(nullptr);
}

TEST_CASE("request ids from each cloud's header") {
  http::HttpResponse r;
  r.headers = {{"x-amzn-requestid", "aws-1"}};
  CHECK(ResponseRequestId(r) == "aws-1");
  r.headers = {{"x-openstack-request-id", "os-1"}};
  CHECK(ResponseRequestId(r) == "os-1");
  r.headers = {};
  CHECK(ResponseRequestId(r).empty());
}

}  // namespace
}  // namespace polybackup::clients
