// Integration (label "integration"): every signer sends real requests through
// the libcurl transport to the local cloud emulators (acceptance/emulators),
// whose verifiers re-sign with the official SDK signers. A wrong secret must
// be refused, so the check cannot pass vacuously. Needs Node.js.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "clients/http/curl_transport.h"
#include "clients/http/url.h"
#include "clients/signing/alicloud_signature.h"
#include "clients/signing/aws_sigv4.h"
#include "clients/signing/huawei_aksk.h"

namespace polybackup::clients::signing {
namespace {

// The emulators' fixed test identity (acceptance/emulators/README.md).
constexpr char kKey[] = "PBTESTAKID00000000001";
constexpr char kSecret[] = "pbtest/Secret/Key/For/Local/Emulators/Only";
constexpr char kProject[] = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

// Runs acceptance/emulators/run; its stdin is a pipe we hold, so the
// emulators exit with us even if the test crashes.
class Emulators {
 public:
  Emulators() {
    int out[2], in[2];
    REQUIRE(::pipe(out) == 0);
    REQUIRE(::pipe(in) == 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::close(in[1]);
      ::close(out[0]);
      std::string script = std::string(POLYBACKUP_SOURCE_DIR) + "/acceptance/emulators/run";
      ::execl(script.c_str(), script.c_str(), "--exit-on-stdin-close", nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(in[0]);
    stdin_ = in[1];
    std::string line;
    char c;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 30000) > 0 &&
           ::read(out[0], &c, 1) == 1) {
      line.push_back(c);
    }
    ::close(out[0]);
    urls_ = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  }
  ~Emulators() {
    ::close(stdin_);
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  bool ok() const { return urls_.is_object(); }
  std::string url(const char* service) const { return urls_.value(service, ""); }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  nlohmann::json urls_;
};

std::string HostOf(const std::string& url) { return http::ParseUrl(url)->HostHeader(); }

std::string Nonce() {
  static int n = 0;
  return "nonce-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

}  // namespace

TEST_CASE("signed requests pass the emulators' official-signer checks") {
  Emulators emulators;
  REQUIRE_MESSAGE(emulators.ok(), "acceptance/emulators/run did not start (is node installed?)");
  auto transport = http::NewCurlTransport(http::TlsOptions{});
  auto now = [] { return std::chrono::system_clock::now(); };

  SUBCASE("AWS SigV4") {
    const std::string base = emulators.url("aws_backup");
    auto send = [&](http::HttpRequest request, const AwsCredentials& creds) {
      REQUIRE(SignAwsSigV4(request, creds, "us-east-1", "backup", now()).ok());
      absl::StatusOr<http::HttpResponse> r = transport->Send(request, {});
      REQUIRE(r.ok());
      return *r;
    };
    AwsCredentials good{kKey, kSecret, ""};
    http::HttpResponse vault = send({"PUT",
                                     base + "/backup-vaults/pb-roundtrip",
                                     {{"Content-Type", "application/json"}},
                                     R"({"BackupVaultTags":{"team":"données"}})"},
                                    good);
    CHECK(vault.status == 200);
    std::string arn = nlohmann::json::parse(vault.body).value("BackupVaultArn", "");
    REQUIRE(!arn.empty());
    // An ARN in the path: encoded on the wire, encoded once more when signed.
    http::HttpResponse tag = send({"POST",
                                   base + "/tags/" + http::PercentEncode(arn),
                                   {{"Content-Type", "application/json"}},
                                   R"({"Tags":{"owner":"ops team"}})"},
                                  good);
    CHECK(tag.status / 100 == 2);
    http::HttpResponse list =
        send({"GET", base + "/backup/plans/?maxResults=5&includeDeleted=true", {}, ""}, good);
    CHECK(list.status == 200);
    http::HttpResponse bad =
        send({"GET", base + "/backup-vaults/", {}, ""}, AwsCredentials{kKey, "wrong-secret", ""});
    CHECK(bad.status == 403);
    CHECK(bad.Header("x-amzn-errortype").rfind("InvalidSignatureException", 0) == 0);
  }

  SUBCASE("Alibaba ACS3 and RPC V1") {
    const std::string kvstore = emulators.url("alicloud_kvstore");
    const std::string dbs = emulators.url("alicloud_dbs");
    AlicloudCredentials good{kKey, kSecret, ""};
    auto code_of = [](const http::HttpResponse& r) {
      return nlohmann::json::parse(r.body, nullptr, false).value("Code", std::string());
    };
    // ACS3: DBS list (200) and a kvstore call on an unknown instance (the
    // answer is past authentication: InvalidInstanceId.NotFound).
    http::HttpRequest list{"POST", dbs + "/?Region=cn-hangzhou&PageNum=0&PageSize=10", {}, ""};
    REQUIRE(
        SignAlicloudAcs3(list, good, "DescribeBackupPlanList", "2019-03-06", now(), Nonce()).ok());
    absl::StatusOr<http::HttpResponse> r = transport->Send(list, {});
    REQUIRE(r.ok());
    CHECK(r->status == 200);
    http::HttpRequest describe{"POST", kvstore + "/?InstanceId=r-missing0001", {}, ""};
    REQUIRE(SignAlicloudAcs3(describe, good, "DescribeBackupPolicy", "2015-01-01", now(), Nonce())
                .ok());
    r = transport->Send(describe, {});
    REQUIRE(r.ok());
    CHECK(code_of(*r) == "InvalidInstanceId.NotFound");

    for (bool form : {false, true}) {
      CAPTURE(form);
      AlicloudRpcV1Call call{"POST",
                             kvstore,
                             "DescribeBackupPolicy",
                             "2015-01-01",
                             {{"InstanceId", "r-missing0002"}, {"RegionId", "cn-hangzhou"}},
                             form};
      absl::StatusOr<http::HttpRequest> v1 = BuildAlicloudRpcV1Request(call, good, now(), Nonce());
      REQUIRE(v1.ok());
      r = transport->Send(*v1, {});
      REQUIRE(r.ok());
      CHECK(code_of(*r) == "InvalidInstanceId.NotFound");
    }
    http::HttpRequest forged{"POST", dbs + "/?Region=cn-hangzhou", {}, ""};
    REQUIRE(SignAlicloudAcs3(forged, {kKey, "wrong-secret", ""}, "DescribeBackupPlanList",
                             "2019-03-06", now(), Nonce())
                .ok());
    r = transport->Send(forged, {});
    REQUIRE(r.ok());
    CHECK(code_of(*r) == "SignatureDoesNotMatch");
  }

  SUBCASE("Huawei AK/SK") {
    const std::string base = emulators.url("huaweicloud_csbs") + "/v1/" + kProject + "/policies";
    auto send = [&](const std::string& sk) {
      http::HttpRequest request{"GET",
                                base + "?limit=10&sort=created_at%3Adesc",
                                {{"Content-Type", "application/json"}, {"X-Project-Id", kProject}},
                                ""};
      REQUIRE(SignHuaweiAkSk(request, kKey, sk, now()).ok());
      absl::StatusOr<http::HttpResponse> r = transport->Send(request, {});
      REQUIRE(r.ok());
      return *r;
    };
    http::HttpResponse good = send(kSecret);
    CHECK(good.status == 200);
    CHECK(good.body.find("\"policies\"") != std::string::npos);
    CHECK(send("wrong-secret").status == 401);
  }
}

}  // namespace polybackup::clients::signing
