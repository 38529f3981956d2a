#include "resources/common/provider_data.h"

#include "clients/core/cloud_error.h"
#include "clients/credentials/chains.h"
#include "clients/http/curl_transport.h"

namespace polybackup::resources {

namespace cred = clients::credentials;

ProviderData::ProviderData(const cred::Environment& env) : env_(env) {}

bool ProviderData::RequireAlicloud(framework::Context& ctx) const {
  if (alicloud) return true;
  ctx.AddError("Alibaba Cloud is not configured",
               ctx.type_name() +
                   " manages an Alibaba Cloud object, but the provider configuration has no "
                   "`alicloud` block. Add one (it may be empty: `alicloud {}` takes the region and "
                   "keys from ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_ACCESS_KEY_ID and "
                   "ALIBABA_CLOUD_ACCESS_KEY_SECRET).");
  return false;
}

std::string ProviderData::AlicloudRegion() const {
  return cred::ResolveAlicloudRegion(alicloud.value_or(cred::AlicloudConfig{}), env_);
}

std::shared_ptr<clients::http::HttpTransport> ProviderData::Transport(
    const cred::TransportConfig& config) {
  // Callers hold mu_.
  std::string key = std::string(config.insecure ? "insecure|" : "verify|") + config.ca_bundle;
  auto& slot = transports_[key];
  if (!slot) {
    slot = clients::http::NewCurlTransport(
        clients::http::TlsOptions{.ca_bundle = config.ca_bundle, .insecure = config.insecure});
  }
  return slot;
}

std::shared_ptr<const clients::alicloud::KvstoreClient> ProviderData::Kvstore(
    framework::Context& ctx, const std::string& region_override) {
  if (!RequireAlicloud(ctx)) return nullptr;
  cred::AlicloudConfig config = *alicloud;
  if (!region_override.empty()) config.region = region_override;
  std::lock_guard<std::mutex> lock(mu_);
  const std::string key = config.region.empty() ? AlicloudRegion() : config.region;
  auto& clients = alicloud_[key];
  if (!clients) {
    auto made = clients::alicloud::NewAlicloudClients(config, env_, Transport(config.transport));
    if (!made.ok()) {
      ctx.AddError("Alibaba Cloud credentials", clients::UserMessage(made.status()));
      return nullptr;
    }
    clients = std::make_shared<const clients::alicloud::AlicloudClients>(std::move(*made));
  }
  // Shares ownership with the cached bundle.
  return std::shared_ptr<const clients::alicloud::KvstoreClient>(clients, clients->kvstore.get());
}

clients::CallOptions ProviderData::CallOptionsFor(const framework::Context& ctx) {
  clients::CallOptions options;
  options.cancel = ctx.cancellation().get();
  options.deadline = ctx.deadline();
  return options;
}

}  // namespace polybackup::resources
