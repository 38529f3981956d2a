// Builds the AWS service clients from the provider block.
//
// The provider maps its block onto credentials::AwsConfig and calls
// NewAwsClients once in ConfigureProvider; resources then share the clients
// (thread-safe) for every operation.
#ifndef POLYBACKUP_CLIENTS_AWS_AWS_FACTORY_H_
#define POLYBACKUP_CLIENTS_AWS_AWS_FACTORY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "clients/aws/backup_client.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/environment.h"

namespace polybackup::clients::aws {

struct AwsClients {
  std::string region;
  std::string credentials_source;  // for a debug log line: "provider block", "environment", ...
  std::unique_ptr<BackupClient> backup;
};

// Resolves credentials and region with credentials::ResolveAws, then builds
// the Backup client with:
//   endpoint  config.transport.endpoints["backup"], else env
//             AWS_ENDPOINT_URL_BACKUP, else AWS_ENDPOINT_URL (the AWS SDKs'
//             service-specific endpoint variables, honoured by
//             terraform-provider-aws), else https://backup.<region>.amazonaws.com
//   retries   max_attempts = max_retries + 1 when set (default 5 attempts)
//   transport `transport` when given (tests, a shared provider-wide one),
//             else a curl transport with config.transport's TLS settings.
// Errors: those of ResolveAws (Unauthenticated / InvalidArgument).
// `clock`/`random` may be null (system ones).
absl::StatusOr<AwsClients> NewAwsClients(const credentials::AwsConfig& config,
                                         const credentials::Environment& env,
                                         std::shared_ptr<http::HttpTransport> transport = nullptr,
                                         Clock* clock = nullptr, RandomSource* random = nullptr);

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_AWS_FACTORY_H_
