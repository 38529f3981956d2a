#include "clients/signing/alicloud_signature.h"

#include <doctest/doctest.h>

#include <map>

#include "clients/signing/vector_testing.h"

namespace polybackup::clients::signing {
namespace {

AlicloudCredentials Creds(const nlohmann::json& j) {
  return {j["access_key_id"], j["access_key_secret"], j["security_token"]};
}

}  // namespace

TEST_CASE("ACS3-HMAC-SHA256 matches @alicloud/openapi-core getAuthorization") {
  nlohmann::json vectors = testing::LoadVectors("alicloud_vectors.json");
  REQUIRE(vectors["acs3"].size() >= 5);
  for (const auto& c : vectors["acs3"]) {
    CAPTURE(c["name"].get<std::string>());
    http::HttpRequest request{c["method"], c["url"], testing::HeaderList(c["headers"]), c["body"]};
    SigningDetails details;
    REQUIRE(SignAlicloudAcs3(request, Creds(c["credentials"]), c["action"].get<std::string>(),
                             c["version"].get<std::string>(), testing::ParseTime(c["time"]),
                             c["nonce"].get<std::string>(), &details)
                .ok());
    CAPTURE(details.canonical_request);
    for (const auto& [name, value] : c["expected_headers"].items()) {
      const std::string key = name;  // clang 14 cannot capture a structured binding
      CAPTURE(key);
      CHECK(http::FindHeader(request.headers, name) == value.get<std::string>());
    }
    CHECK(request.headers.size() == c["headers"].size() + c["expected_headers"].size());
  }
}

TEST_CASE("RPC V1 signature matches @alicloud/openapi-core getRPCSignature") {
  nlohmann::json vectors = testing::LoadVectors("alicloud_vectors.json");
  REQUIRE(vectors["rpc_v1"].size() >= 4);
  for (const auto& c : vectors["rpc_v1"]) {
    CAPTURE(c["name"].get<std::string>());
    AlicloudRpcV1Call call;
    call.method = c["method"];
    call.endpoint = c["endpoint"];
    call.action = c["action"];
    call.version = c["version"];
    for (const auto& p : c["params"]) call.params.emplace_back(p[0], p[1]);
    call.form_body = c["form_body"];
    absl::StatusOr<http::HttpRequest> request =
        BuildAlicloudRpcV1Request(call, Creds(c["credentials"]), testing::ParseTime(c["time"]),
                                  c["nonce"].get<std::string>());
    REQUIRE(request.ok());

    // Everything the server sees: query plus (for form_body) the form body.
    absl::StatusOr<http::Url> url = http::ParseUrl(request->url);
    REQUIRE(url.ok());
    CHECK(url->path == "/");
    absl::StatusOr<http::QueryParams> sent = http::ParseQuery(url->query);
    REQUIRE(sent.ok());
    if (call.form_body) {
      CHECK(http::FindHeader(request->headers, "content-type") ==
            "application/x-www-form-urlencoded");
      absl::StatusOr<http::QueryParams> form = http::ParseQuery(request->body, true);
      REQUIRE(form.ok());
      CHECK(*form == call.params);
      sent->insert(sent->end(), form->begin(), form->end());
    } else {
      CHECK(request->body.empty());
    }
    std::map<std::string, std::string> got(sent->begin(), sent->end());
    CHECK(got.size() == sent->size());  // no parameter twice
    CHECK(got["Signature"] == c["expected_signature"].get<std::string>());
    for (const auto& [name, value] : c["expected_common_params"].items()) {
      const std::string key = name;  // clang 14 cannot capture a structured binding
      CAPTURE(key);
      CHECK(got[name] == value.get<std::string>());
    }
    for (const auto& [name, value] : call.params) CHECK(got[name] == value);
    CHECK(got.size() == c["expected_common_params"].size() + call.params.size() + 1);

    // The bare signature function agrees with the builder.
    http::QueryParams all;
    for (const auto& [name, value] : got) {
      if (name != "Signature") all.emplace_back(name, value);
    }
    CHECK(AlicloudRpcV1Signature(call.method, all,
                                 c["credentials"]["access_key_secret"].get<std::string>()) ==
          c["expected_signature"].get<std::string>());
  }
}

TEST_CASE("Alibaba signers reject missing keys and bad URLs") {
  auto now = testing::ParseTime("2024-01-01T00:00:00Z");
  http::HttpRequest request{"POST", "https://r-kvstore.aliyuncs.com/", {}, ""};
  CHECK(SignAlicloudAcs3(request, {"", "s", ""}, "A", "v", now, "n").code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(request.headers.empty());
  request.url = "r-kvstore.aliyuncs.com/";
  CHECK(SignAlicloudAcs3(request, {"k", "s", ""}, "A", "v", now, "n").code() ==
        absl::StatusCode::kInvalidArgument);
  AlicloudRpcV1Call call;
  call.endpoint = "nowhere";
  CHECK(BuildAlicloudRpcV1Request(call, {"k", "s", ""}, now, "n").status().code() ==
        absl::StatusCode::kInvalidArgument);
  call.endpoint = "https://r-kvstore.aliyuncs.com";
  CHECK(BuildAlicloudRpcV1Request(call, {"k", "", ""}, now, "n").status().code() ==
        absl::StatusCode::kInvalidArgument);
}

}  // namespace polybackup::clients::signing
