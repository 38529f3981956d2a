// ScriptedProvider: provider data for a resource's in-process tests whose
// every cloud client talks to one scripted transport (a fake of the cloud's
// API, answering by request), on a fake clock and fake randomness, with an
// empty environment. The test sets the cloud's block on `data` and a handler
// on `transport`:
//
//   ScriptedProvider p;
//   p.data->huawei = config;  // endpoints pointing at any host
//   p.transport->SetHandler([&](const http::HttpRequest& r) { return fake.Answer(r); });
//   ResourceHarness<PolicyResource> h(std::make_shared<PolicyResource>(), p.data, p.Options());
//
// Not thread-safe; one per test.
#ifndef POLYBACKUP_RESOURCES_COMMON_TESTING_SCRIPTED_PROVIDER_H_
#define POLYBACKUP_RESOURCES_COMMON_TESTING_SCRIPTED_PROVIDER_H_

#include <memory>

#include "base/clock.h"
#include "clients/core/cloud_error.h"
#include "clients/core/random.h"
#include "clients/credentials/environment.h"
#include "clients/http/scripted_transport.h"
#include "resources/common/provider_data.h"
#include "tfplugin/framework/testing/harness_core.h"

namespace polybackup::resources::testing {

struct ScriptedProvider {
  std::shared_ptr<clients::http::ScriptedTransport> transport =
      std::make_shared<clients::http::ScriptedTransport>();
  FakeClock clock;
  clients::FakeRandom random;
  clients::credentials::FakeEnvironment env;
  std::shared_ptr<ProviderData> data = std::make_shared<ProviderData>(ProviderSeams{
      .env = &env,
      .transport = [this](const clients::credentials::TransportConfig&) { return transport; },
      .clock = &clock,
      .random = &random});

  ScriptedProvider() = default;
  ScriptedProvider(const ScriptedProvider&) = delete;  // `data` points into this object
  ScriptedProvider& operator=(const ScriptedProvider&) = delete;

  // What the provider gives the harness: its status wording and the clock
  // the timeouts' deadlines run on.
  framework::testing::HarnessOptions Options() {
    return {.describe_status = &clients::UserMessage, .clock = &clock};
  }
};

}  // namespace polybackup::resources::testing

#endif  // POLYBACKUP_RESOURCES_COMMON_TESTING_SCRIPTED_PROVIDER_H_
