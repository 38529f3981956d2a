#include "clients/signing/aws_sigv4.h"

#include <doctest/doctest.h>

#include "clients/signing/vector_testing.h"

namespace polybackup::clients::signing {

TEST_CASE("AWS SigV4 matches @smithy/signature-v4 on AWS Backup requests") {
  nlohmann::json vectors = testing::LoadVectors("aws_vectors.json");
  REQUIRE(vectors["cases"].size() >= 8);
  for (const auto& c : vectors["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    http::HttpRequest request{c["method"], c["url"], testing::HeaderList(c["headers"]), c["body"]};
    AwsCredentials creds{c["credentials"]["access_key_id"], c["credentials"]["secret_access_key"],
                         c["credentials"]["session_token"]};
    SigningDetails details;
    REQUIRE(SignAwsSigV4(request, creds, c["region"].get<std::string>(),
                         c["service"].get<std::string>(), testing::ParseTime(c["time"]), {},
                         &details)
                .ok());
    CAPTURE(details.canonical_request);
    for (const auto& [name, value] : c["expected_headers"].items()) {
      const std::string key = name;  // clang 14 cannot capture a structured binding
      CAPTURE(key);
      CHECK(http::FindHeader(request.headers, name) == value.get<std::string>());
    }
    CHECK(request.headers.size() == c["expected_headers"].size());  // nothing extra
  }
}

TEST_CASE("AWS SigV4 contract details") {
  const auto now = testing::ParseTime("2024-01-02T03:04:05Z");
  AwsCredentials creds{"AKID", "SECRET", ""};

  SUBCASE("errors leave the request untouched") {
    http::HttpRequest request{"GET", "not a url", {{"a", "b"}}, ""};
    http::HttpRequest before = request;
    CHECK(SignAwsSigV4(request, creds, "us-east-1", "backup", now).code() ==
          absl::StatusCode::kInvalidArgument);
    request.url = "https://backup.us-east-1.amazonaws.com/";
    CHECK(SignAwsSigV4(request, AwsCredentials{"", "x", ""}, "us-east-1", "backup", now).code() ==
          absl::StatusCode::kInvalidArgument);
    CHECK(request.headers == before.headers);
  }
  SUBCASE("re-signing replaces the previous signature headers") {
    http::HttpRequest request{
        "GET", "https://backup.us-east-1.amazonaws.com/backup/plans/", {}, ""};
    REQUIRE(SignAwsSigV4(request, creds, "us-east-1", "backup", now).ok());
    std::string first(http::FindHeader(request.headers, "authorization"));
    REQUIRE(
        SignAwsSigV4(request, creds, "us-east-1", "backup", now + std::chrono::seconds(1)).ok());
    CHECK(request.headers.size() == 4);  // host, x-amz-date, x-amz-content-sha256, Authorization
    CHECK(http::FindHeader(request.headers, "authorization") != first);
    CHECK(http::FindHeader(request.headers, "x-amz-date") == "20240102T030406Z");
  }
  SUBCASE("user-agent is never signed; a token added after signing is not either") {
    http::HttpRequest request{"GET", "https://h.example/", {{"User-Agent", "tf/1.11"}}, ""};
    AwsCredentials temp{"AKID", "SECRET", "TOKEN"};
    AwsSigV4Options options;
    options.sign_session_token = false;
    SigningDetails details;
    REQUIRE(SignAwsSigV4(request, temp, "us-east-1", "backup", now, options, &details).ok());
    CHECK(details.signed_headers == "host;x-amz-content-sha256;x-amz-date");
    CHECK(http::FindHeader(request.headers, "x-amz-security-token") == "TOKEN");
  }
  SUBCASE("a caller's x-amz-content-sha256 is the payload hash") {
    http::HttpRequest request{
        "PUT", "https://h.example/k", {{"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}}, "data"};
    SigningDetails details;
    REQUIRE(SignAwsSigV4(request, creds, "us-east-1", "s3", now, {}, &details).ok());
    CHECK(details.canonical_request.substr(details.canonical_request.rfind('\n') + 1) ==
          "UNSIGNED-PAYLOAD");
  }
}

}  // namespace polybackup::clients::signing
