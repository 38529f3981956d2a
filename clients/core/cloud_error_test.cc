#include "clients/core/cloud_error.h"

#include <doctest/doctest.h>

#include "base/logging.h"

namespace polybackup::clients {
namespace {

TEST_CASE("a CloudError survives the round trip through a status payload") {
  CloudError e{.cloud = "alicloud",
               .code = "Throttling.User",
               .message = "flow control",
               .request_id = "REQ-1",
               .http_status = 400};
  absl::Status s = MakeCloudStatus(absl::StatusCode::kResourceExhausted, e);
  CHECK(s.code() == absl::StatusCode::kResourceExhausted);
  CHECK(s.message().find("Throttling.User") != std::string_view::npos);
  CHECK(s.message().find("REQ-1") != std::string_view::npos);
  std::optional<CloudError> back = GetCloudError(s);
  REQUIRE(back.has_value());
  CHECK(back->cloud == "alicloud");
  CHECK(back->code == "Throttling.User");
  CHECK(back->message == "flow control");
  CHECK(back->request_id == "REQ-1");
  CHECK(back->http_status == 400);
}

TEST_CASE("statuses without a payload have no CloudError") {
  CHECK_FALSE(GetCloudError(absl::OkStatus()).has_value());
  CHECK_FALSE(GetCloudError(absl::UnavailableError("connection reset")).has_value());
}

TEST_CASE("a cloud message with invalid UTF-8 does not throw") {
  CloudError e{.cloud = "aws", .code = "X", .message = std::string("bad \xff\xfe bytes")};
  absl::Status s = MakeCloudStatus(absl::StatusCode::kInvalidArgument, e);
  REQUIRE(GetCloudError(s).has_value());
}

TEST_CASE("UserMessage gives the cause first, then what the cloud said") {
  CloudError bad_key{.cloud = "alicloud",
                     .code = "InvalidAccessKeyId.NotFound",
                     .message = "Specified access key is not found.",
                     .request_id = "R9",
                     .http_status = 404};
  std::string m = UserMessage(MakeCloudStatus(absl::StatusCode::kUnauthenticated, bad_key));
  CHECK(m.rfind("the access key is not valid: Specified access key is not found.", 0) == 0);
  CHECK(m.find("request id R9") != std::string::npos);

  CloudError sig{.cloud = "aws", .code = "SignatureDoesNotMatch", .http_status = 403};
  CHECK(UserMessage(MakeCloudStatus(absl::StatusCode::kUnauthenticated, sig)).find("signature") !=
        std::string::npos);

  CloudError throttled{.cloud = "aws",
                       .code = "ThrottlingException",
                       .message = "Rate exceeded",
                       .http_status = 400,
                       .attempts = 5};
  CHECK(UserMessage(MakeCloudStatus(absl::StatusCode::kResourceExhausted, throttled))
            .rfind("throttled after 5 attempts: Rate exceeded", 0) == 0);

  CloudError quota{.cloud = "aws", .code = "LimitExceededException", .http_status = 400};
  CHECK(UserMessage(MakeCloudStatus(absl::StatusCode::kResourceExhausted, quota))
            .rfind("a quota or limit is exhausted", 0) == 0);

  CloudError gone{.cloud = "huawei", .http_status = 404};
  CHECK(UserMessage(MakeCloudStatus(absl::StatusCode::kNotFound, gone)) == "not found (HTTP 404)");

  CHECK(UserMessage(absl::UnavailableError("could not connect")) ==
        "the service is temporarily unavailable: could not connect");
  CHECK(UserMessage(absl::OkStatus()).empty());
  // Our own errors are not dressed up as the cloud's.
  CHECK(UserMessage(absl::UnauthenticatedError("no Alibaba Cloud access key: set access_key")) ==
        "no Alibaba Cloud access key: set access_key");
  CHECK(UserMessage(absl::DeadlineExceededError("R-kvstore X: no time left")) ==
        "timed out: R-kvstore X: no time left");
}

TEST_CASE("UserMessage never shows a registered secret") {
  log::RegisterSecret("SuperSecretValue123");
  CloudError e{.cloud = "alicloud",
               .code = "SignatureDoesNotMatch",
               .message = "string to sign used SuperSecretValue123",
               .http_status = 400};
  std::string m = UserMessage(MakeCloudStatus(absl::StatusCode::kUnauthenticated, e));
  CHECK(m.find("SuperSecretValue123") == std::string::npos);
}

TEST_CASE("throttling codes per cloud") {
  CHECK(IsThrottlingError({.cloud = "aws", .code = "TooManyRequestsException"}));
  CHECK_FALSE(IsThrottlingError({.cloud = "aws", .code = "LimitExceededException"}));
  CHECK(IsThrottlingError({.cloud = "alicloud", .code = "Throttling.User"}));
  CHECK(IsThrottlingError({.cloud = "alicloud", .code = "Rejected.Throttling"}));
  CHECK_FALSE(IsThrottlingError({.cloud = "alicloud", .code = "IncorrectDBInstanceState"}));
  CHECK(IsThrottlingError({.cloud = "huawei", .http_status = 429}));
  CHECK_FALSE(IsThrottlingError({.cloud = "huawei", .http_status = 409}));
}

}  // namespace
}  // namespace polybackup::clients
