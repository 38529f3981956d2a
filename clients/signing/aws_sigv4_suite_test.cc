// Runs every case of AWS's published SigV4 suite stored under
// clients/testdata/aws_sigv4_suite/ (see the README there).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "clients/http/text.h"
#include "clients/signing/aws_sigv4.h"

namespace polybackup::clients::signing {
namespace {

struct SuiteCase {
  std::string method, target, body;
  http::Headers headers;  // one entry per value, folded lines split
  std::string authorization;
};

SuiteCase ParseSignedRequest(const std::string& text) {
  SuiteCase c;
  size_t head_end = text.find("\n\n");
  std::string head = text.substr(0, head_end);
  c.body = head_end == std::string::npos ? "" : text.substr(head_end + 2);
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  size_t first = line.find(' '), last = line.rfind(' ');
  c.method = line.substr(0, first);
  c.target = line.substr(first + 1, last - first - 1);
  while (std::getline(lines, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      c.headers.emplace_back(c.headers.back().first, std::string(http::TrimAscii(line)));
      continue;
    }
    size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    if (http::EqualsIgnoreCase(name, "authorization")) {
      c.authorization = value;
    } else {
      c.headers.emplace_back(name, value);
    }
  }
  return c;
}

std::vector<std::string> SignedHeaderNames(const std::string& authorization) {
  size_t start = authorization.find("SignedHeaders=") + 14;
  size_t end = authorization.find(',', start);
  std::vector<std::string> names;
  std::string list = authorization.substr(start, end - start);
  std::istringstream in(list);
  for (std::string name; std::getline(in, name, ';');) names.push_back(name);
  return names;
}

}  // namespace

TEST_CASE("AWS SigV4 test suite") {
  const std::filesystem::path dir = POLYBACKUP_AWS_SIGV4_SUITE_DIR;
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    std::ifstream in(entry.path() / "header-signed-request.txt", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SuiteCase c = ParseSignedRequest(text);
    std::vector<std::string> signed_names = SignedHeaderNames(c.authorization);
    auto is_signed = [&](std::string_view header) {
      for (const auto& n : signed_names) {
        if (http::EqualsIgnoreCase(n, header)) return true;
      }
      return false;
    };

    AwsCredentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    AwsSigV4Options options;
    options.add_content_sha256 = is_signed("x-amz-content-sha256");
    options.normalize_path = name.find("-unnormalized") == std::string::npos;
    http::HttpRequest request;
    request.method = c.method;
    request.url = "https://" + std::string(http::FindHeader(c.headers, "host")) + c.target;
    request.body = c.body;
    for (const auto& [header, value] : c.headers) {
      if (http::EqualsIgnoreCase(header, "x-amz-security-token")) {
        creds.session_token = value;
        options.sign_session_token = is_signed(header);
      } else if (is_signed(header)) {
        request.headers.emplace_back(header, value);
      }
    }
    if (name == "post-sts-header-after") {  // see the suite README
      std::ifstream before(dir / "post-sts-header-before" / "header-signed-request.txt");
      std::string text_before((std::istreambuf_iterator<char>(before)),
                              std::istreambuf_iterator<char>());
      creds.session_token = std::string(
          http::FindHeader(ParseSignedRequest(text_before).headers, "x-amz-security-token"));
      REQUIRE(!creds.session_token.empty());
      options.sign_session_token = false;
    }
    auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1440938160));
    SigningDetails details;
    REQUIRE(SignAwsSigV4(request, creds, "us-east-1", "service", now, options, &details).ok());
    CAPTURE(details.canonical_request);
    CHECK(http::FindHeader(request.headers, "authorization") == c.authorization);
    CHECK(http::FindHeader(request.headers, "x-amz-date") == "20150830T123600Z");
    CHECK(http::FindHeader(request.headers, "x-amz-security-token") == creds.session_token);
    ++cases;
  }
  MESSAGE("suite cases checked: ", cases);
  CHECK(cases >= 35);
}

}  // namespace polybackup::clients::signing
