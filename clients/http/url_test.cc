#include "clients/http/url.h"

#include <doctest/doctest.h>

namespace polybackup::clients::http {

TEST_CASE("PercentEncode keeps only the RFC 3986 unreserved set") {
  CHECK(PercentEncode("AZaz09-_.~") == "AZaz09-_.~");
  CHECK(PercentEncode("a b+c*d/e=f&g") == "a%20b%2Bc%2Ad%2Fe%3Df%26g");
  CHECK(PercentEncode("!'()") == "%21%27%28%29");
  CHECK(PercentEncode("\xE2\x82\xAC") == "%E2%82%AC");  // UTF-8 euro sign, upper-case hex
  CHECK(PercentEncode("") == "");
}

TEST_CASE("PercentEncodePath keeps slashes") {
  CHECK(PercentEncodePath("/v1/p 1/policies") == "/v1/p%201/policies");
  CHECK(PercentEncodePath("/tags/arn:aws:backup") == "/tags/arn%3Aaws%3Abackup");
}

TEST_CASE("PercentDecode") {
  CHECK(*PercentDecode("a%20b%2b") == "a b+");
  CHECK(*PercentDecode("a+b") == "a+b");
  CHECK(*PercentDecode("a+b", true) == "a b");
  CHECK(*PercentDecode("%e2%82%ac") == "\xE2\x82\xAC");
  CHECK(PercentDecode("abc%").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(PercentDecode("abc%4").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(PercentDecode("%zz").status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("ParseUrl splits an absolute URL") {
  absl::StatusOr<Url> url =
      ParseUrl("HTTPS://Backup.US-East-1.amazonaws.com/backup/plans/?a=1&b=%20#frag");
  REQUIRE(url.ok());
  CHECK(url->scheme == "https");
  CHECK(url->host == "backup.us-east-1.amazonaws.com");
  CHECK(url->port == 0);
  CHECK(url->EffectivePort() == 443);
  CHECK(url->path == "/backup/plans/");
  CHECK(url->query == "a=1&b=%20");
  CHECK(url->HostHeader() == "backup.us-east-1.amazonaws.com");
  CHECK(url->Origin() == "https://backup.us-east-1.amazonaws.com");

  url = ParseUrl("http://127.0.0.1:8080");
  REQUIRE(url.ok());
  CHECK(url->path == "/");
  CHECK(url->query.empty());
  CHECK(url->port == 8080);
  CHECK(url->HostHeader() == "127.0.0.1:8080");

  url = ParseUrl("https://example.com:443/x");
  REQUIRE(url.ok());
  CHECK(url->HostHeader() == "example.com");  // default port is not repeated

  url = ParseUrl("http://[::1]:9000/p?q");
  REQUIRE(url.ok());
  CHECK(url->host == "[::1]");
  CHECK(url->port == 9000);
  CHECK(url->query == "q");

  url = ParseUrl("https://h?x=1");
  REQUIRE(url.ok());
  CHECK(url->path == "/");
  CHECK(url->query == "x=1");
}

TEST_CASE("ParseUrl rejects what cannot be sent") {
  for (const char* bad :
       {"", "backup.amazonaws.com/x", "ftp://h/x", "https://", "https://:80/", "https://h:0/",
        "https://h:70000/", "https://h:8a/", "https://u:p@h/", "http://[::1/"}) {
    CAPTURE(bad);
    CHECK(ParseUrl(bad).status().code() == absl::StatusCode::kInvalidArgument);
  }
}

TEST_CASE("BuildQuery and ParseQuery round-trip in order") {
  QueryParams params = {{"Action", "DescribeBackupPolicy"}, {"b c", "x/y z"}, {"empty", ""}};
  std::string query = BuildQuery(params);
  CHECK(query == "Action=DescribeBackupPolicy&b%20c=x%2Fy%20z&empty=");
  absl::StatusOr<QueryParams> parsed = ParseQuery(query);
  REQUIRE(parsed.ok());
  CHECK(*parsed == params);
  CHECK(*ParseQuery("a&b=1&&c=") == QueryParams{{"a", ""}, {"b", "1"}, {"c", ""}});
  CHECK(*ParseQuery("a=1+2") == QueryParams{{"a", "1+2"}});
  CHECK(*ParseQuery("a=1+2", true) == QueryParams{{"a", "1 2"}});
  CHECK(ParseQuery("a=%G0").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(WithQuery("https://h/p", {}) == "https://h/p");
  CHECK(WithQuery("https://h/p", {{"k", "v w"}}) == "https://h/p?k=v%20w");
}

}  // namespace polybackup::clients::http
