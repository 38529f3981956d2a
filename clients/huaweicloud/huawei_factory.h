// Builds the Huawei Cloud / Open Telekom Cloud service clients from the
// provider block.
//
// The provider maps its block onto credentials::HuaweiConfig and calls
// NewHuaweiClients once in ConfigureProvider; resources then share the
// clients (thread-safe) for every operation.
#ifndef POLYBACKUP_CLIENTS_HUAWEICLOUD_HUAWEI_FACTORY_H_
#define POLYBACKUP_CLIENTS_HUAWEICLOUD_HUAWEI_FACTORY_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/environment.h"
#include "clients/credentials/keystone_token.h"
#include "clients/huaweicloud/csbs_client.h"
#include "clients/huaweicloud/huawei_endpoints.h"

namespace polybackup::clients::huaweicloud {

struct HuaweiClients {
  std::string region;
  std::string project_id;
  std::string credentials_source;  // for a debug log line
  credentials::HuaweiAuthMode mode = credentials::HuaweiAuthMode::kAkSk;
  // Password mode only: the shared token cache behind every client.
  std::shared_ptr<credentials::KeystoneTokenSource> keystone;
  std::unique_ptr<CsbsClient> csbs;
};

// Resolves credentials with credentials::ResolveHuawei, then:
//   iam       endpoints["iam"], else auth_url, else DefaultIamEndpoint
//   auth      AK/SK (signed per attempt); a given token (sent as it is);
//             or a KeystoneTokenSource on `iam` scoped to the project
//   project   project_id when given; else looked up, which is a network call
//             made here: password mode takes the id of the token's project
//             scope (project_name, else the region name — Huawei names a
//             region's default project after the region); token mode asks
//             GET <iam>/auth/tokens what the token is scoped to; AK/SK mode
//             asks GET <iam>/projects?name=<project_name or region> (what
//             the Huawei SDKs do)
//   endpoint  endpoints["csbs"], else https://csbs.<region>.<cloud> when
//             `cloud` is set, else DefaultCsbsEndpoint(region)
//   retries   max_attempts = max_retries + 1 when set (default 5 attempts)
//   transport `transport` when given, else a curl transport with the TLS settings.
// Errors: those of ResolveHuawei; Unauthenticated (wrong password / keys /
// token) or NotFound ("no project named ...") from the project lookup.
// `clock`/`random` may be null (system ones) and must outlive the clients.
// `options` bounds the network calls made here (StopProvider's cancellation,
// the operation's deadline); Cancelled / DeadlineExceeded when they end it.
absl::StatusOr<HuaweiClients> NewHuaweiClients(
    const credentials::HuaweiConfig& config, const credentials::Environment& env,
    std::shared_ptr<http::HttpTransport> transport = nullptr, Clock* clock = nullptr,
    RandomSource* random = nullptr, const CallOptions& options = {});

}  // namespace polybackup::clients::huaweicloud

#endif  // POLYBACKUP_CLIENTS_HUAWEICLOUD_HUAWEI_FACTORY_H_
