// Signers must never log a secret: at trace level they log the SHA-256 of
// the canonical request and nothing else.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/logging.h"
#include "clients/signing/alicloud_signature.h"
#include "clients/signing/aws_sigv4.h"
#include "clients/signing/crypto.h"
#include "clients/signing/huawei_aksk.h"

namespace polybackup::clients::signing {

TEST_CASE("signers log only the canonical request hash, at trace level") {
  std::vector<std::string> lines;
  log::SetSinkForTesting([&](std::string_view line) { lines.emplace_back(line); });
  log::SetLevel(log::Level::kTrace);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const std::string secrets[] = {"aws-secret-key-0001", "aws-session-token-01",
                                 "ali-secret-0001",     "ali-sts-token-0001",
                                 "huawei-sk-0001",      "huawei-token-0001"};

  http::HttpRequest aws{"PUT", "https://backup.us-east-1.amazonaws.com/backup/plans/", {}, "{}"};
  SigningDetails aws_details;
  REQUIRE(SignAwsSigV4(aws, {"AKID", secrets[0], secrets[1]}, "us-east-1", "backup", now, {},
                       &aws_details)
              .ok());
  http::HttpRequest ali{"POST", "https://r-kvstore.aliyuncs.com/?InstanceId=r-1", {}, ""};
  REQUIRE(SignAlicloudAcs3(ali, {"LTAI", secrets[2], secrets[3]}, "DescribeBackupPolicy",
                           "2015-01-01", now, "nonce")
              .ok());
  REQUIRE(BuildAlicloudRpcV1Request({"POST", "https://r-kvstore.aliyuncs.com", "A", "v", {}},
                                    {"LTAI", secrets[2], secrets[3]}, now, "nonce")
              .ok());
  http::HttpRequest hw{"GET", "https://csbs.example.com/v1/p/policies", {}, ""};
  REQUIRE(SignHuaweiAkSk(hw, "AK", secrets[4], now, secrets[5]).ok());

  log::SetLevel(log::Level::kOff);
  log::SetSinkForTesting(nullptr);
  REQUIRE(lines.size() == 4);
  for (const std::string& line : lines) {
    CAPTURE(line);
    for (const std::string& secret : secrets) CHECK(line.find(secret) == std::string::npos);
    CHECK(line.find("canonical_request_sha256") != std::string::npos);
    CHECK(line.find("Signature") == std::string::npos);
  }
  CHECK(lines[0].find(Sha256Hex(aws_details.canonical_request)) != std::string::npos);

  // Below trace level nothing is written at all.
  lines.clear();
  log::SetSinkForTesting([&](std::string_view line) { lines.emplace_back(line); });
  log::SetLevel(log::Level::kDebug);
  REQUIRE(SignHuaweiAkSk(hw, "AK", secrets[4], now).ok());
  log::SetLevel(log::Level::kOff);
  log::SetSinkForTesting(nullptr);
  CHECK(lines.empty());
}

}  // namespace polybackup::clients::signing
