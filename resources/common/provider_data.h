// ProviderData: what the provider block becomes after ConfigureProvider, and
// how resources get a cloud client from it.
//
// Each cloud block is optional. A resource of a cloud whose block is absent
// fails with a clear diagnostic (RequireAlicloud at plan time, the client
// getters at apply time). Credentials are resolved from the block and the
// environment on first use, so a bad AWS setup does not fail a configuration
// that only manages Alibaba resources. Clients are cached per region and
// share one libcurl transport per TLS setting (connections are reused).
//
// Thread-safe: one instance serves every concurrent RPC.
#ifndef POLYBACKUP_RESOURCES_COMMON_PROVIDER_DATA_H_
#define POLYBACKUP_RESOURCES_COMMON_PROVIDER_DATA_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "clients/alicloud/alicloud_factory.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/environment.h"
#include "clients/http/http.h"
#include "tfplugin/framework/context.h"

namespace polybackup::resources {

class ProviderData {
 public:
  // `env` must outlive this (the process environment in production).
  explicit ProviderData(
      const clients::credentials::Environment& env = clients::credentials::ProcessEnvironment());

  // Set by the provider's configure function; nullopt = no such block.
  std::optional<clients::credentials::AwsConfig> aws;
  std::optional<clients::credentials::AlicloudConfig> alicloud;
  std::optional<clients::credentials::HuaweiConfig> huawei;

  // Adds an error naming the missing `alicloud` block and returns false when
  // the provider has none. For plan-time checks.
  bool RequireAlicloud(framework::Context& ctx) const;

  // The region resources use when they set none: the block's, else the
  // environment's, by the credential chain's rules. "" if neither.
  std::string AlicloudRegion() const;

  // A client for `region` ("" = AlicloudRegion()), or nullptr after adding an
  // error diagnostic (no block, credentials missing or invalid).
  std::shared_ptr<const clients::alicloud::KvstoreClient> Kvstore(framework::Context& ctx,
                                                                  const std::string& region);

  // Per-call options for a client: the context's cancellation and deadline.
  static clients::CallOptions CallOptionsFor(const framework::Context& ctx);

 private:
  std::shared_ptr<clients::http::HttpTransport> Transport(
      const clients::credentials::TransportConfig& config);

  const clients::credentials::Environment& env_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<clients::http::HttpTransport>> transports_;
  // Per region; built by the clients' own factory (endpoints, retries).
  std::map<std::string, std::shared_ptr<const clients::alicloud::AlicloudClients>> alicloud_;
};

}  // namespace polybackup::resources

#endif  // POLYBACKUP_RESOURCES_COMMON_PROVIDER_DATA_H_
