// Builds the Alibaba Cloud service clients from the provider block.
//
// The provider maps its block onto credentials::AlicloudConfig and calls
// NewAlicloudClients once in ConfigureProvider; resources then use the
// clients (thread-safe) for every operation.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_ALICLOUD_FACTORY_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_ALICLOUD_FACTORY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "clients/alicloud/dbs_client.h"
#include "clients/alicloud/kvstore_client.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/environment.h"

namespace polybackup::clients::alicloud {

struct AlicloudClients {
  std::string region;
  std::string credentials_source;  // for a debug log line: "provider block", "environment"
  std::unique_ptr<KvstoreClient> kvstore;
  std::unique_ptr<DbsClient> dbs;
};

// Resolves credentials and region with credentials::ResolveAlicloud, then
// builds each client with:
//   endpoint  config.transport.endpoints["r_kvstore"] / ["dbs"], else env
//             ALIBABA_CLOUD_ENDPOINT_R_KVSTORE / ALIBABA_CLOUD_ENDPOINT_DBS,
//             else R_KVSTORE_ENDPOINT / DBS_ENDPOINT (the reference
//             provider's order), else the product default
//   retries   max_attempts = max_retries + 1 when set (default 5 attempts)
//   transport `transport` when given (tests, a shared provider-wide one),
//             else a curl transport with config.transport's TLS settings.
// Errors: those of ResolveAlicloud (Unauthenticated / InvalidArgument).
// `clock`/`random` may be null (system ones).
absl::StatusOr<AlicloudClients> NewAlicloudClients(
    const credentials::AlicloudConfig& config, const credentials::Environment& env,
    std::shared_ptr<http::HttpTransport> transport = nullptr, Clock* clock = nullptr,
    RandomSource* random = nullptr);

}  // namespace polybackup::clients::alicloud

#endif  // POLYBACKUP_CLIENTS_ALICLOUD_ALICLOUD_FACTORY_H_
