// TLS verification per cloud block, from the provider configuration to the
// wire: each block (aws, alicloud, huaweicloud) pointed at a local HTTPS
// server whose self-signed certificate no system store trusts. Left out,
// `insecure` is off and the call fails on the certificate; `insecure =
// false` is the same; only `insecure = true` reaches the server. The
// transport's own TLS options are tested in clients/http/curl_transport_test.cc.
#include <doctest/doctest.h>

#include <functional>

#include "clients/alicloud/kvstore_client.h"
#include "clients/aws/backup_client.h"
#include "clients/http/local_http_server.h"
#include "clients/huaweicloud/csbs_client.h"
#include "provider/provider_config.h"

using namespace polybackup;
using clients::http::LocalHttpServer;
using clients::http::ServerReply;

namespace {

// One setting of a cloud block's `insecure`, and whether a call may then
// reach a server whose certificate nobody trusts.
struct Setting {
  const char* name;
  schema::Bool insecure;
  bool reaches_server;
};
const Setting kSettings[] = {{"insecure left out", schema::Bool(), false},
                             {"insecure = false", schema::Bool(false), false},
                             {"insecure = true", schema::Bool(true), true}};

// Calls the cloud with a client of the provider data; returns its status.
using CallCloud = std::function<absl::Status(resources::ProviderData&, framework::Context&)>;

// Configures the provider from `model`, makes one call, and checks that it
// reached the server exactly when `setting` allows, and that a refused call
// failed on the certificate (FailedPrecondition: never retried).
void Check(LocalHttpServer& server, const Setting& setting, const provider::ProviderModel& model,
           const CallCloud& call) {
  CAPTURE(setting.name);
  framework::Context ctx("ConfigureProvider", "polybackup", {}, {}, nullptr, nullptr);
  std::shared_ptr<resources::ProviderData> data = provider::Configure(ctx, model);
  REQUIRE(data != nullptr);
  const int before = server.request_count();
  const absl::Status status = call(*data, ctx);
  INFO(status.ToString());
  CHECK((server.request_count() > before) == setting.reaches_server);
  if (!setting.reaches_server) CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
}

// A local HTTPS server answering each cloud's read of one object.
ServerReply Answer(const clients::http::ReceivedRequest& r) {
  if (r.target.rfind("/backup-vaults/", 0) == 0) {
    return {.body = R"({"BackupVaultName":"v","BackupVaultArn":"arn:aws:backup:us-east-1:)"
                    R"(123456789012:backup-vault:v","NumberOfRecoveryPoints":0})"};
  }
  if (r.target.find("/policies/") != std::string::npos) {
    return {.body = R"({"policy":{"id":"p-1","name":"n","status":"suspended"}})"};
  }
  return {.body = R"({"RequestId":"r","PreferredBackupTime":"01:00Z-02:00Z",)"
                  R"("PreferredBackupPeriod":"Monday","BackupRetentionPeriod":"7"})"};
}

}  // namespace

TEST_CASE("each cloud block verifies TLS unless insecure = true says otherwise") {
  LocalHttpServer server(Answer, /*tls=*/true);
  const std::string url = server.BaseUrl();
  REQUIRE(url.rfind("https://", 0) == 0);
  for (const Setting& s : kSettings) {
    provider::ProviderModel aws;
    aws.aws = provider::AwsBlock{.region = "us-east-1",
                                 .access_key = "AKIDTLSTEST",
                                 .secret_key = "tls/test/secret",
                                 .insecure = s.insecure,
                                 .max_retries = int64_t{0},
                                 .endpoints = provider::AwsEndpoints{.backup = url}};
    Check(server, s, aws, [](resources::ProviderData& d, framework::Context& ctx) {
      auto client = d.AwsBackup(ctx, "");
      return client ? client->DescribeBackupVault("v").status() : absl::InternalError("no client");
    });

    provider::ProviderModel alicloud;
    alicloud.alicloud =
        provider::AlicloudBlock{.region = "cn-hangzhou",
                                .access_key = "AKIDTLSTEST",
                                .secret_key = "tls/test/secret",
                                .insecure = s.insecure,
                                .max_retries = int64_t{0},
                                .endpoints = provider::AlicloudEndpoints{.r_kvstore = url}};
    Check(server, s, alicloud, [](resources::ProviderData& d, framework::Context& ctx) {
      auto client = d.Kvstore(ctx, "");
      return client ? client->DescribeBackupPolicy("r-tls").status()
                    : absl::InternalError("no client");
    });

    provider::ProviderModel huawei;
    huawei.huaweicloud =
        provider::HuaweiBlock{.region = "eu-de",
                              .project_id = "0a1b2c3d4e5f40718293a4b5c6d7e8f9",
                              .access_key = "AKIDTLSTEST",
                              .secret_key = "tls/test/secret",
                              .insecure = s.insecure,
                              .max_retries = int64_t{0},
                              .endpoints = provider::HuaweiEndpoints{.csbs = url, .iam = url}};
    Check(server, s, huawei, [](resources::ProviderData& d, framework::Context& ctx) {
      auto client = d.Csbs(ctx, "");
      return client ? client->ShowPolicy("p-1").status() : absl::InternalError("no client");
    });
  }
}
