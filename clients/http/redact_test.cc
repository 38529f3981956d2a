#include "clients/http/redact.h"

#include <doctest/doctest.h>

namespace polybackup::clients::http {

TEST_CASE("every credential header is blanked, whatever its case") {
  for (const char* name :
       {"Authorization", "authorization", "X-Amz-Security-Token", "X-Security-Token",
        "x-auth-token", "X-Subject-Token", "x-acs-security-token", "x-acs-accesskey-id"}) {
    CAPTURE(name);
    HttpRequest request{"GET", "https://h/", {{name, "s3cr3t-value"}, {"X-Amz-Date", "2024"}}, ""};
    HttpRequest safe = RedactHeadersForLog(request);
    REQUIRE(safe.headers.size() == 2);
    CHECK(safe.headers[0].first == name);
    CHECK(safe.headers[0].second == kRedacted);
    CHECK(safe.headers[1].second == "2024");
    std::string line = RedactHeadersForLog(request.headers);
    CHECK(line.find("s3cr3t-value") == std::string::npos);
    CHECK(line == std::string(name) + ": [REDACTED]; X-Amz-Date: 2024");
  }
}

TEST_CASE("credential query parameters are blanked, others untouched") {
  for (const char* name : {"Signature", "AccessKeyId", "SecurityToken", "X-Amz-Signature",
                           "X-Amz-Credential", "X-Amz-Security-Token", "signature"}) {
    CAPTURE(name);
    std::string url = std::string("https://r-kvstore.aliyuncs.com/?Action=Describe&") + name +
                      "=s3cr3t%2Bvalue&Version=2015-01-01#f";
    std::string safe = RedactUrlForLog(url);
    CHECK(safe == std::string("https://r-kvstore.aliyuncs.com/?Action=Describe&") + name +
                      "=[REDACTED]&Version=2015-01-01#f");
    CHECK(RedactHeadersForLog(HttpRequest{"POST", url, {}, ""}).url == safe);
  }
  CHECK(RedactUrlForLog("https://h/p") == "https://h/p");
  CHECK(RedactUrlForLog("https://h/p?a=1&&b") == "https://h/p?a=1&&b");
  CHECK(RedactUrlForLog("https://h/p?Signature") == "https://h/p?Signature");
}

TEST_CASE("form bodies are redacted like queries; JSON bodies are kept") {
  HttpRequest form{"POST",
                   "https://h/",
                   {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                   "AccessKeyId=AKID&SecurityToken=tok&InstanceId=r-1&Signature=sig"};
  CHECK(RedactHeadersForLog(form).body ==
        "AccessKeyId=[REDACTED]&SecurityToken=[REDACTED]&InstanceId=r-1&Signature=[REDACTED]");
  HttpRequest json{
      "POST", "https://h/", {{"Content-Type", "application/json"}}, R"({"Signature":"x"})"};
  CHECK(RedactHeadersForLog(json).body == json.body);
}

}  // namespace polybackup::clients::http
