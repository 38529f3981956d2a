// The cloud side of an in-process resource test (header-only, test use):
// a ProviderData whose clients all send to one scripted transport, answered
// by a small fake of the service, on a fake clock and randomness and an
// empty environment. Hand its data and harness_options() to a
// ResourceHarness (tfplugin/framework/testing/resource_harness.h):
//
//   struct Fixture {
//     FakeDbs cloud;
//     ScriptedCloud scripted{[this](const http::HttpRequest& r) { return cloud.Answer(r); }};
//     Harness h{std::make_shared<BackupPlanResource>(), scripted.AlicloudData("dbs"),
//               scripted.harness_options()};
//   };
//
// Not copyable or movable: the transport factory refers to the object.
#ifndef POLYBACKUP_RESOURCES_COMMON_SCRIPTED_CLOUD_H_
#define POLYBACKUP_RESOURCES_COMMON_SCRIPTED_CLOUD_H_

#include <memory>
#include <string>

#include "clients/core/cloud_error.h"
#include "clients/core/random.h"
#include "clients/credentials/environment.h"
#include "clients/http/scripted_transport.h"
#include "resources/common/provider_data.h"
#include "tfplugin/framework/testing/harness_core.h"

namespace polybackup::resources {

class ScriptedCloud {
 public:
  explicit ScriptedCloud(clients::http::ScriptedTransport::Handler answer) {
    transport->SetHandler(std::move(answer));
  }
  ScriptedCloud(const ScriptedCloud&) = delete;
  ScriptedCloud& operator=(const ScriptedCloud&) = delete;

  // Provider data with an `alicloud` block (cn-hangzhou, test keys, one
  // retry) whose `endpoint` ("dbs", "r_kvstore") is the scripted transport.
  std::shared_ptr<ProviderData> AlicloudData(const std::string& endpoint) {
    auto d = Data();
    clients::credentials::AlicloudConfig c;
    c.access_key = "AKTEST";
    c.secret_key = "secret/for/tests";
    c.region = "cn-hangzhou";
    c.transport.endpoints[endpoint] = "http://" + endpoint + ".test";
    c.transport.max_retries = 1;
    d->alicloud = c;
    return d;
  }
  // Provider data with a `huaweicloud` block (eu-de, test keys, project
  // "proj-1", no retry) whose `endpoint` ("csbs") is the scripted transport.
  std::shared_ptr<ProviderData> HuaweiData(const std::string& endpoint) {
    auto d = Data();
    clients::credentials::HuaweiConfig c;
    c.access_key = "AKTEST";
    c.secret_key = "secret/for/tests";
    c.region = "eu-de";
    c.project_id = "proj-1";
    c.transport.endpoints[endpoint] = "http://" + endpoint + ".test";
    c.transport.max_retries = 0;
    d->huawei = c;
    return d;
  }
  // Provider data with an `aws` block (us-east-1, test keys, one retry)
  // whose `endpoint` ("backup") is the scripted transport.
  std::shared_ptr<ProviderData> AwsData(const std::string& endpoint) {
    auto d = Data();
    clients::credentials::AwsConfig c;
    c.access_key = "AKIDTEST";
    c.secret_key = "secret/for/tests";
    c.region = "us-east-1";
    c.transport.endpoints[endpoint] = "http://" + endpoint + ".test";
    c.transport.max_retries = 1;
    d->aws = c;
    return d;
  }
  // Provider data whose every client sends to the scripted transport, on the
  // fake clock, randomness and environment; no cloud block yet.
  std::shared_ptr<ProviderData> Data() {
    return std::make_shared<ProviderData>(ProviderSeams{
        .env = &env,
        .transport = [this](const clients::credentials::TransportConfig&) { return transport; },
        .clock = &clock,
        .random = &random});
  }
  // What the provider's diagnostics say of a Status, and the fake clock for
  // the timeouts' deadlines.
  framework::testing::HarnessOptions harness_options() {
    return {.describe_status = &clients::UserMessage, .clock = &clock};
  }

  std::shared_ptr<clients::http::ScriptedTransport> transport =
      std::make_shared<clients::http::ScriptedTransport>();
  FakeClock clock;
  clients::FakeRandom random;
  clients::credentials::FakeEnvironment env;
};

}  // namespace polybackup::resources

#endif  // POLYBACKUP_RESOURCES_COMMON_SCRIPTED_CLOUD_H_
