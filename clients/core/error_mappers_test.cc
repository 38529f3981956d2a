#include "clients/core/error_mappers.h"

#include <doctest/doctest.h>

#include "clients/core/cloud_error.h"

namespace polybackup::clients {
namespace {

http::HttpResponse Answer(int status, std::string body,
                          std::vector<std::pair<std::string, std::string>> headers = {}) {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST_CASE("AWS: type from x-amzn-errortype, message and request id") {
  absl::Status s = MapAwsError(
      Answer(404, R"({"message":"Backup plan not found","Code":"ResourceNotFoundException"})",
             {{"x-amzn-errortype", "ResourceNotFoundException:http://internal.amazon.com/coral/"},
              {"x-amzn-requestid", "aws-req-1"}}));
  CHECK(s.code() == absl::StatusCode::kNotFound);
  auto e = GetCloudError(s);
  REQUIRE(e);
  CHECK(e->code == "ResourceNotFoundException");
  CHECK(e->message == "Backup plan not found");
  CHECK(e->request_id == "aws-req-1");
  CHECK(e->http_status == 404);
}

TEST_CASE("AWS: __type with a namespace, throttling, auth and quota") {
  absl::Status s = MapAwsError(
      Answer(400, R"({"__type":"com.amazonaws.backup#ThrottlingException","Message":"Rate"})"));
  CHECK(s.code() == absl::StatusCode::kResourceExhausted);
  CHECK(GetCloudError(s)->code == "ThrottlingException");
  CHECK(MapAwsError(Answer(403, R"({"__type":"UnrecognizedClientException"})")).code() ==
        absl::StatusCode::kUnauthenticated);
  CHECK(MapAwsError(Answer(403, R"({"__type":"AccessDeniedException"})")).code() ==
        absl::StatusCode::kPermissionDenied);
  CHECK(MapAwsError(Answer(400, R"({"__type":"AlreadyExistsException"})")).code() ==
        absl::StatusCode::kAlreadyExists);
  CHECK(MapAwsError(Answer(400, R"({"__type":"LimitExceededException"})")).code() ==
        absl::StatusCode::kResourceExhausted);
  CHECK(MapAwsError(Answer(409, R"({"__type":"ConflictException"})")).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(MapAwsError(Answer(200, "{}")).ok());
}

TEST_CASE("AWS: a non-JSON body still maps by status with a snippet") {
  absl::Status s = MapAwsError(Answer(502, "<html>Bad Gateway</html>"));
  CHECK(s.code() == absl::StatusCode::kUnavailable);
  CHECK(GetCloudError(s)->message.find("Bad Gateway") != std::string::npos);
  CHECK(MapAwsError(Answer(500, "")).code() == absl::StatusCode::kUnavailable);
}

TEST_CASE("Alibaba: the codes the resources depend on") {
  auto code_of = [](int status, const char* code) {
    return MapAlicloudError(Answer(status, std::string(R"({"RequestId":"A1","Code":")") + code +
                                               R"(","Message":"m"})"))
        .code();
  };
  CHECK(code_of(400, "Throttling.User") == absl::StatusCode::kResourceExhausted);
  CHECK(code_of(503, "ServiceUnavailable") == absl::StatusCode::kUnavailable);
  CHECK(code_of(403, "IncorrectDBInstanceState") == absl::StatusCode::kFailedPrecondition);
  CHECK(code_of(400, "InvalidInstanceId.NotFound") == absl::StatusCode::kNotFound);
  CHECK(code_of(404, "InvalidAccessKeyId.NotFound") == absl::StatusCode::kUnauthenticated);
  CHECK(code_of(400, "SignatureDoesNotMatch") == absl::StatusCode::kUnauthenticated);
  CHECK(code_of(403, "Forbidden.RAM") == absl::StatusCode::kPermissionDenied);
  CHECK(code_of(403, "Forbidden.InstanceNotFound") == absl::StatusCode::kNotFound);
  CHECK(code_of(400, "InvalidParameter") == absl::StatusCode::kInvalidArgument);
  CHECK(code_of(400, "LockTimeout") == absl::StatusCode::kFailedPrecondition);
  auto e = GetCloudError(MapAlicloudError(Answer(400, R"({"RequestId":"A1","Code":"X"})")));
  CHECK(e->request_id == "A1");
}

TEST_CASE("Alibaba: DBS envelope on HTTP 200") {
  absl::Status s = MapAlicloudError(Answer(
      200,
      R"({"Success":false,"ErrCode":"InvalidJobId","ErrMessage":"no such plan","HttpStatusCode":404,"RequestId":"D1"})"));
  CHECK(s.code() == absl::StatusCode::kNotFound);
  auto e = GetCloudError(s);
  CHECK(e->code == "InvalidJobId");
  CHECK(e->message == "no such plan");
  CHECK(e->http_status == 404);
  CHECK(MapAlicloudError(Answer(200, R"({"Success":true,"BackupPlanId":"p"})")).ok());
  CHECK(MapAlicloudError(Answer(200, R"({"Success":"false","ErrCode":"Boom"})")).code() ==
        absl::StatusCode::kUnknown);
  CHECK(MapAlicloudError(Answer(200, R"({"RequestId":"x"})")).ok());
  CHECK(MapAlicloudError(Answer(200, R"({"Success":false,"ErrCode":"BackupPlanNotCreate",
                                         "HttpStatusCode":400})"))
            .code() == absl::StatusCode::kFailedPrecondition);
  // A truncated success body is left to the service client's parser.
  CHECK(MapAlicloudError(Answer(200, R"({"RequestId":"x","Pre)")).ok());
}

TEST_CASE("Alibaba: truncated error body maps by HTTP status") {
  absl::Status s = MapAlicloudError(Answer(500, R"({"RequestId":"x","Code":"Inter)"));
  CHECK(s.code() == absl::StatusCode::kUnavailable);
  CHECK(GetCloudError(s)->message.find("unreadable error body") != std::string::npos);
}

TEST_CASE("Huawei: body shapes and statuses") {
  absl::Status s = MapHuaweiError(
      Answer(404, R"({"error_code":"CSBS.1002","error_msg":"gone"})", {{"x-request-id", "h-1"}}));
  CHECK(s.code() == absl::StatusCode::kNotFound);
  auto e = GetCloudError(s);
  CHECK(e->code == "CSBS.1002");
  CHECK(e->message == "gone");
  CHECK(e->request_id == "h-1");
  CHECK(MapHuaweiError(Answer(409, R"({"error":{"code":"X","message":"busy"}})")).code() ==
        absl::StatusCode::kFailedPrecondition);
  absl::Status ks = MapHuaweiError(
      Answer(401, R"({"error":{"code":401,"title":"Unauthorized","message":"bad password"}})"));
  CHECK(ks.code() == absl::StatusCode::kUnauthenticated);
  CHECK(GetCloudError(ks)->code == "401");
  CHECK(MapHuaweiError(Answer(400, R"({"error_code":"APIGW.0301","error_msg":"x"})")).code() ==
        absl::StatusCode::kUnauthenticated);
  CHECK(MapHuaweiError(Answer(429, "")).code() == absl::StatusCode::kResourceExhausted);
  CHECK(MapHuaweiError(Answer(503, "not json")).code() == absl::StatusCode::kUnavailable);
  CHECK(MapHuaweiError(Answer(201, "{}")).ok());
}

}  // namespace
}  // namespace polybackup::clients
