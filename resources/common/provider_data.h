// ProviderData: what the provider block becomes after ConfigureProvider, and
// how resources get a cloud client from it.
//
// Each cloud block is optional. A resource of a cloud whose block is absent
// fails with a clear diagnostic (Require at plan time, the client getters at
// apply time). Credentials are resolved from the block and the environment
// on first use, so a bad AWS setup does not fail a configuration that only
// manages Alibaba resources. Clients are built once per cloud and region
// (ClientCache: no global lock held while building, cancellable by
// StopProvider), and share one libcurl transport per TLS setting.
//
// Seams for tests: the environment, the transport factory (a scripted
// transport answers instead of the network), the clock and the randomness.
//
// Thread-safe: one instance serves every concurrent RPC.
#ifndef POLYBACKUP_RESOURCES_COMMON_PROVIDER_DATA_H_
#define POLYBACKUP_RESOURCES_COMMON_PROVIDER_DATA_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "clients/alicloud/alicloud_factory.h"
#include "clients/aws/aws_factory.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/environment.h"
#include "clients/http/http.h"
#include "clients/huaweicloud/huawei_factory.h"
#include "resources/common/client_cache.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/schema/field.h"

namespace polybackup::resources {

enum class Cloud { kAws, kAlicloud, kHuawei };

struct ProviderSeams {
  // Must outlive the ProviderData; null = the process environment.
  const clients::credentials::Environment* env = nullptr;
  // Makes the transport for a TLS setting; null = libcurl, one per setting.
  std::function<std::shared_ptr<clients::http::HttpTransport>(
      const clients::credentials::TransportConfig&)>
      transport;
  Clock* clock = nullptr;                   // null = SystemClock()
  clients::RandomSource* random = nullptr;  // null = SystemRandom()
};

class ProviderData {
 public:
  explicit ProviderData(ProviderSeams seams = {});

  // Set by the provider's configure function; nullopt = no such block.
  std::optional<clients::credentials::AwsConfig> aws;
  std::optional<clients::credentials::AlicloudConfig> alicloud;
  std::optional<clients::credentials::HuaweiConfig> huawei;

  // Adds an error naming the missing block (and how to add it) and returns
  // false when the provider has no block for `cloud`.
  bool Require(framework::Context& ctx, Cloud cloud) const;

  // The region a resource uses: `configured` when it is known and not
  // empty, else the provider's for that cloud (block, then environment, by
  // the credential chain's rules), else "".
  std::string Region(Cloud cloud, const schema::String& configured = {}) const;

  // Clients for `region` ("" = Region(cloud)), or nullptr after adding an
  // error diagnostic (no block, credentials missing or invalid, stopped).
  std::shared_ptr<const clients::alicloud::KvstoreClient> Kvstore(framework::Context& ctx,
                                                                  const std::string& region);
  std::shared_ptr<const clients::alicloud::DbsClient> Dbs(framework::Context& ctx,
                                                          const std::string& region);
  std::shared_ptr<const clients::aws::BackupClient> AwsBackup(framework::Context& ctx,
                                                              const std::string& region);
  std::shared_ptr<const clients::huaweicloud::CsbsClient> Csbs(framework::Context& ctx,
                                                               const std::string& region);

  // Per-call options for a client: the context's cancellation and deadline.
  static clients::CallOptions CallOptionsFor(const framework::Context& ctx);

 private:
  std::shared_ptr<const clients::alicloud::AlicloudClients> Alicloud(framework::Context& ctx,
                                                                     const std::string& region);
  std::shared_ptr<clients::http::HttpTransport> Transport(
      const clients::credentials::TransportConfig& config);

  ProviderSeams seams_;
  const clients::credentials::Environment& env_;
  std::mutex transports_mu_;
  std::map<std::string, std::shared_ptr<clients::http::HttpTransport>> transports_;
  ClientCache<clients::alicloud::AlicloudClients> alicloud_clients_;
  ClientCache<clients::aws::AwsClients> aws_clients_;
  ClientCache<clients::huaweicloud::HuaweiClients> huawei_clients_;
};

// ModifyPlan helper for a resource of `cloud` with a `region` attribute
// (optional + computed): fails the plan when the provider has no block for
// the cloud, and on create plans the provider's region when none is
// configured, so the plan shows it. Does nothing while the provider
// configuration is not known yet (apply checks again).
template <class M, class Change>
void PlanCloudRegion(framework::Context& ctx, Change& change, Cloud cloud,
                     schema::String M::*region) {
  auto* data = ctx.ProviderDataIfConfigured<ProviderData>();
  if (data == nullptr || !data->Require(ctx, cloud)) return;
  if (!change.prior && (change.config.*region).is_null()) {
    std::string r = data->Region(cloud);
    if (!r.empty()) change.planned.*region = r;
  }
}

}  // namespace polybackup::resources

#endif  // POLYBACKUP_RESOURCES_COMMON_PROVIDER_DATA_H_
