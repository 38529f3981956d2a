#include "clients/alicloud/alicloud_factory.h"

#include "clients/credentials/chains.h"
#include "clients/http/curl_transport.h"

namespace polybackup::clients::alicloud {
namespace {

std::string EndpointFor(const credentials::AlicloudConfig& config,
                        const credentials::Environment& env, const std::string& key,
                        const std::string& env_product) {
  auto it = config.transport.endpoints.find(key);
  if (it != config.transport.endpoints.end() && !it->second.empty()) return it->second;
  return env.FirstOf({"ALIBABA_CLOUD_ENDPOINT_" + env_product, env_product + "_ENDPOINT"});
}

}  // namespace

absl::StatusOr<AlicloudClients> NewAlicloudClients(const credentials::AlicloudConfig& config,
                                                   const credentials::Environment& env,
                                                   std::shared_ptr<http::HttpTransport> transport,
                                                   Clock* clock, RandomSource* random) {
  absl::StatusOr<credentials::ResolvedAlicloud> resolved =
      credentials::ResolveAlicloud(config, env);
  if (!resolved.ok()) return resolved.status();
  if (transport == nullptr) {
    transport = http::NewCurlTransport(http::TlsOptions{.ca_bundle = config.transport.ca_bundle,
                                                        .insecure = config.transport.insecure});
  }
  AlicloudClientOptions base;
  base.region = resolved->region;
  signing::AlicloudCredentials creds = resolved->credentials;
  base.credentials = [creds]() -> absl::StatusOr<signing::AlicloudCredentials> { return creds; };
  base.transport = transport;
  base.clock = clock;
  base.random = random;
  if (config.transport.max_retries && *config.transport.max_retries >= 0) {
    base.retry.max_attempts = *config.transport.max_retries + 1;
  }

  AlicloudClients out;
  out.region = resolved->region;
  out.credentials_source = resolved->source;
  AlicloudClientOptions kv = base;
  kv.endpoint = EndpointFor(config, env, "r_kvstore", "R_KVSTORE");
  out.kvstore = std::make_unique<KvstoreClient>(std::move(kv));
  AlicloudClientOptions dbs = base;
  dbs.endpoint = EndpointFor(config, env, "dbs", "DBS");
  out.dbs = std::make_unique<DbsClient>(std::move(dbs));
  return out;
}

}  // namespace polybackup::clients::alicloud
