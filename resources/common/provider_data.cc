#include "resources/common/provider_data.h"

#include "clients/credentials/chains.h"
#include "clients/http/curl_transport.h"

namespace polybackup::resources {
namespace {

namespace cred = clients::credentials;

struct CloudNames {
  const char* block;  // the provider block's name
  const char* title;  // for messages
  const char* env;    // the environment an empty block falls back to
};

CloudNames NamesOf(Cloud cloud) {
  switch (cloud) {
    case Cloud::kAws:
      return {"aws", "AWS",
              "AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the shared "
              "configuration files"};
    case Cloud::kAlicloud:
      return {"alicloud", "Alibaba Cloud",
              "ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_ACCESS_KEY_ID and "
              "ALIBABA_CLOUD_ACCESS_KEY_SECRET"};
    case Cloud::kHuawei:
      return {"huaweicloud", "Huawei Cloud / Open Telekom Cloud",
              "HW_REGION_NAME with HW_ACCESS_KEY and HW_SECRET_KEY, or the OS_* Keystone "
              "variables"};
  }
  return {"?", "the cloud", "the environment"};
}

const cred::Environment& EnvOf(const ProviderSeams& seams) {
  return seams.env != nullptr ? *seams.env : cred::ProcessEnvironment();
}

}  // namespace

ProviderData::ProviderData(ProviderSeams seams) : seams_(std::move(seams)), env_(EnvOf(seams_)) {}

bool ProviderData::Require(framework::Context& ctx, Cloud cloud) const {
  const bool present = cloud == Cloud::kAws        ? aws.has_value()
                       : cloud == Cloud::kAlicloud ? alicloud.has_value()
                                                   : huawei.has_value();
  if (present) return true;
  const CloudNames n = NamesOf(cloud);
  ctx.AddError(std::string(n.title) + " is not configured",
               ctx.type_name() + " manages an object in " + n.title +
                   ", but the provider configuration has no `" + n.block +
                   "` block. Add one (it may be empty: `" + n.block +
                   " {}` takes the region and keys from " + n.env + ").");
  return false;
}

std::string ProviderData::Region(Cloud cloud, const schema::String& configured) const {
  if (configured.is_known() && !configured.value().empty()) return configured.value();
  switch (cloud) {
    case Cloud::kAws:
      return cred::ResolveAwsRegion(aws.value_or(cred::AwsConfig{}), env_);
    case Cloud::kAlicloud:
      return cred::ResolveAlicloudRegion(alicloud.value_or(cred::AlicloudConfig{}), env_);
    case Cloud::kHuawei:
      return cred::ResolveHuaweiRegion(huawei.value_or(cred::HuaweiConfig{}), env_);
  }
  return "";
}

std::shared_ptr<clients::http::HttpTransport> ProviderData::Transport(
    const cred::TransportConfig& config) {
  if (seams_.transport) return seams_.transport(config);
  std::lock_guard<std::mutex> lock(transports_mu_);
  std::string key = std::string(config.insecure ? "insecure|" : "verify|") + config.ca_bundle;
  auto& slot = transports_[key];
  if (!slot) {
    slot = clients::http::NewCurlTransport(
        clients::http::TlsOptions{.ca_bundle = config.ca_bundle, .insecure = config.insecure});
  }
  return slot;
}

std::shared_ptr<const clients::alicloud::AlicloudClients> ProviderData::Alicloud(
    framework::Context& ctx, const std::string& region) {
  if (!Require(ctx, Cloud::kAlicloud)) return nullptr;
  cred::AlicloudConfig config = *alicloud;
  config.region = region.empty() ? Region(Cloud::kAlicloud) : region;
  auto made = alicloud_clients_.Get(
      config.region,
      [&]() -> absl::StatusOr<std::shared_ptr<const clients::alicloud::AlicloudClients>> {
        auto c = clients::alicloud::NewAlicloudClients(config, env_, Transport(config.transport),
                                                       seams_.clock, seams_.random);
        if (!c.ok()) return c.status();
        return std::make_shared<const clients::alicloud::AlicloudClients>(std::move(*c));
      },
      ctx.cancellation().get());
  if (!ctx.AddStatus(made.status(), "setting up the Alibaba Cloud client")) return nullptr;
  return *made;
}

std::shared_ptr<const clients::alicloud::KvstoreClient> ProviderData::Kvstore(
    framework::Context& ctx, const std::string& region) {
  auto bundle = Alicloud(ctx, region);
  if (!bundle) return nullptr;
  // Shares ownership with the cached bundle.
  return {bundle, bundle->kvstore.get()};
}

std::shared_ptr<const clients::alicloud::DbsClient> ProviderData::Dbs(framework::Context& ctx,
                                                                      const std::string& region) {
  auto bundle = Alicloud(ctx, region);
  if (!bundle) return nullptr;
  return {bundle, bundle->dbs.get()};
}

std::shared_ptr<const clients::aws::BackupClient> ProviderData::AwsBackup(
    framework::Context& ctx, const std::string& region) {
  if (!Require(ctx, Cloud::kAws)) return nullptr;
  cred::AwsConfig config = *aws;
  config.region = region.empty() ? Region(Cloud::kAws) : region;
  auto made = aws_clients_.Get(
      config.region,
      [&]() -> absl::StatusOr<std::shared_ptr<const clients::aws::AwsClients>> {
        auto c = clients::aws::NewAwsClients(config, env_, Transport(config.transport),
                                             seams_.clock, seams_.random);
        if (!c.ok()) return c.status();
        return std::make_shared<const clients::aws::AwsClients>(std::move(*c));
      },
      ctx.cancellation().get());
  if (!ctx.AddStatus(made.status(), "setting up the AWS client")) return nullptr;
  return {*made, (*made)->backup.get()};
}

std::shared_ptr<const clients::huaweicloud::CsbsClient> ProviderData::Csbs(
    framework::Context& ctx, const std::string& region) {
  if (!Require(ctx, Cloud::kHuawei)) return nullptr;
  cred::HuaweiConfig config = *huawei;
  config.region = region.empty() ? Region(Cloud::kHuawei) : region;
  // The factory may call Keystone or IAM: bounded by this call's
  // cancellation and deadline.
  const clients::CallOptions options = CallOptionsFor(ctx);
  auto made = huawei_clients_.Get(
      config.region,
      [&]() -> absl::StatusOr<std::shared_ptr<const clients::huaweicloud::HuaweiClients>> {
        auto c = clients::huaweicloud::NewHuaweiClients(config, env_, Transport(config.transport),
                                                        seams_.clock, seams_.random, options);
        if (!c.ok()) return c.status();
        return std::make_shared<const clients::huaweicloud::HuaweiClients>(std::move(*c));
      },
      ctx.cancellation().get());
  if (!ctx.AddStatus(made.status(), "setting up the Huawei Cloud client")) return nullptr;
  return {*made, (*made)->csbs.get()};
}

clients::CallOptions ProviderData::CallOptionsFor(const framework::Context& ctx) {
  clients::CallOptions options;
  options.cancel = ctx.cancellation().get();
  options.deadline = ctx.deadline();
  return options;
}

}  // namespace polybackup::resources
