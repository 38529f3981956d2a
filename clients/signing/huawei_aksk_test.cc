#include "clients/signing/huawei_aksk.h"

#include <doctest/doctest.h>

#include "clients/signing/vector_testing.h"

namespace polybackup::clients::signing {

TEST_CASE("Huawei AK/SK matches huaweicloud-sdk-core AKSKSigner on CSBS requests") {
  nlohmann::json vectors = testing::LoadVectors("huawei_vectors.json");
  REQUIRE(vectors["cases"].size() >= 6);
  for (const auto& c : vectors["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    http::HttpRequest request{c["method"], c["url"], testing::HeaderList(c["headers"]), c["body"]};
    const auto& creds = c["credentials"];
    SigningDetails details;
    REQUIRE(SignHuaweiAkSk(request, creds["ak"].get<std::string>(), creds["sk"].get<std::string>(),
                           testing::ParseTime(c["time"]),
                           creds["security_token"].get<std::string>(), &details)
                .ok());
    CAPTURE(details.canonical_request);
    for (const auto& [name, value] : c["expected_headers"].items()) {
      const std::string key = name;  // clang 14 cannot capture a structured binding
      CAPTURE(key);
      CHECK(http::FindHeader(request.headers, name) == value.get<std::string>());
    }
    CHECK(request.headers.size() == c["expected_headers"].size());
  }
}

TEST_CASE("Huawei AK/SK canonical form details") {
  auto now = testing::ParseTime("2024-01-01T00:00:00Z");
  SUBCASE("canonical URI always ends in a slash, even for the root") {
    http::HttpRequest request{"GET", "https://csbs.example.com", {}, ""};
    SigningDetails details;
    REQUIRE(SignHuaweiAkSk(request, "AK", "SK", now, {}, &details).ok());
    CHECK(details.canonical_request.rfind("GET\n/\n\n", 0) == 0);
    request.url = "https://csbs.example.com/v1/p%20q/policies?b=2&a=1";
    REQUIRE(SignHuaweiAkSk(request, "AK", "SK", now, {}, &details).ok());
    CHECK(details.canonical_request.rfind("GET\n/v1/p%20q/policies/\na=1&b=2\n", 0) == 0);
  }
  SUBCASE("re-signing replaces date and signature; no token header without a token") {
    http::HttpRequest request{"GET", "https://csbs.example.com/v1/p/policies", {}, ""};
    REQUIRE(SignHuaweiAkSk(request, "AK", "SK", now).ok());
    REQUIRE(SignHuaweiAkSk(request, "AK", "SK", now + std::chrono::hours(1)).ok());
    CHECK(request.headers.size() == 3);  // X-Sdk-Date, Host, Authorization
    CHECK(http::FindHeader(request.headers, "x-sdk-date") == "20240101T010000Z");
    CHECK(http::FindHeader(request.headers, "x-security-token").empty());
    CHECK(
        http::FindHeader(request.headers, "authorization").find("SignedHeaders=host;x-sdk-date,") !=
        std::string_view::npos);
  }
  SUBCASE("errors leave the request untouched") {
    http::HttpRequest request{"GET", "https://csbs.example.com/", {{"X-Project-Id", "p"}}, ""};
    CHECK(SignHuaweiAkSk(request, "", "SK", now).code() == absl::StatusCode::kInvalidArgument);
    request.url = "csbs.example.com";
    CHECK(SignHuaweiAkSk(request, "AK", "SK", now).code() == absl::StatusCode::kInvalidArgument);
    CHECK(request.headers.size() == 1);
  }
}

}  // namespace polybackup::clients::signing
