#include "clients/aws/aws_factory.h"

#include "clients/credentials/chains.h"
#include "clients/http/curl_transport.h"

namespace polybackup::clients::aws {

absl::StatusOr<AwsClients> NewAwsClients(const credentials::AwsConfig& config,
                                         const credentials::Environment& env,
                                         std::shared_ptr<http::HttpTransport> transport,
                                         Clock* clock, RandomSource* random) {
  absl::StatusOr<credentials::ResolvedAws> resolved = credentials::ResolveAws(config, env);
  if (!resolved.ok()) return resolved.status();
  if (transport == nullptr) {
    transport = http::NewCurlTransport(http::TlsOptions{.ca_bundle = config.transport.ca_bundle,
                                                        .insecure = config.transport.insecure});
  }
  AwsClientOptions o;
  o.region = resolved->region;
  signing::AwsCredentials creds = resolved->credentials;
  o.credentials = [creds]() -> absl::StatusOr<signing::AwsCredentials> { return creds; };
  o.transport = std::move(transport);
  o.clock = clock;
  o.random = random;
  if (config.transport.max_retries && *config.transport.max_retries >= 0) {
    o.retry.max_attempts = *config.transport.max_retries + 1;
  }
  auto it = config.transport.endpoints.find("backup");
  if (it != config.transport.endpoints.end() && !it->second.empty()) {
    o.endpoint = it->second;
  } else {
    o.endpoint = env.FirstOf({"AWS_ENDPOINT_URL_BACKUP", "AWS_ENDPOINT_URL"});
  }
  AwsClients out;
  out.region = resolved->region;
  out.credentials_source = resolved->source;
  out.backup = std::make_unique<BackupClient>(std::move(o));
  return out;
}

}  // namespace polybackup::clients::aws
