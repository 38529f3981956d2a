// AlicloudRpc: the one place that sends an Alibaba Cloud RPC-style action.
//
// Each call is a POST to `<endpoint>/?<action parameters>` with an empty body,
// signed with ACS3-HMAC-SHA256 (what the current official SDKs send; docs
// "V3 request structure and signature"), through the shared RetryLoop, and
// its answer mapped with MapAlicloudError (which also catches DBS's
// Success=false envelope on HTTP 200). Service clients (KvstoreClient,
// DbsClient) only build parameters and read fields.
#ifndef POLYBACKUP_CLIENTS_ALICLOUD_ALICLOUD_RPC_H_
#define POLYBACKUP_CLIENTS_ALICLOUD_ALICLOUD_RPC_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "clients/core/random.h"
#include "clients/core/retry.h"
#include "clients/http/http.h"
#include "clients/http/url.h"
#include "clients/signing/alicloud_signature.h"

namespace polybackup::clients::alicloud {

// Resolves credentials for each attempt (long-term keys, or an STS token
// that may be refreshed between attempts). Must be thread-safe.
using CredentialsSource = std::function<absl::StatusOr<signing::AlicloudCredentials>()>;

// Everything a service client needs; shared by KvstoreClient and DbsClient.
struct AlicloudClientOptions {
  std::string region;    // "cn-hangzhou"; sent as RegionId (DBS: also Region)
  std::string endpoint;  // override: "https://host" or "host"; "" = the product's default
  CredentialsSource credentials;
  std::shared_ptr<http::HttpTransport> transport;
  Clock* clock = nullptr;          // null = SystemClock()
  RandomSource* random = nullptr;  // null = SystemRandom()
  RetryPolicy retry;
  BackoffPolicy backoff;
};

// How one action may be retried, beyond the client-wide policy.
struct RpcCallSpec {
  Idempotency idempotency = Idempotency::kIdempotent;
  // Cloud codes worth waiting out for this action only (e.g. DBS
  // "BackupPlanNotCreate" right after CreateBackupPlan).
  std::vector<std::string> extra_retryable_codes;
};

class AlicloudRpc {
 public:
  // `product` names the service in logs and errors ("R-kvstore");
  // `default_endpoint` is used when options.endpoint is empty.
  AlicloudRpc(AlicloudClientOptions options, std::string product, std::string version,
              std::string default_endpoint);

  // Sends `action` with `params` (RegionId is added unless present) and
  // returns the parsed JSON object of a successful answer.
  // Failure: the mapped cloud error (see cloud_error.h), a credentials error,
  // or Internal "<product> <action>: the answer is not valid JSON ..." for a
  // truncated or non-JSON success body.
  absl::StatusOr<nlohmann::json> Call(std::string_view action, http::QueryParams params,
                                      const CallOptions& options,
                                      const RpcCallSpec& spec = {}) const;

  const std::string& endpoint() const { return endpoint_; }
  const std::string& region() const { return options_.region; }
  RandomSource& random() const { return *options_.random; }
  Clock& clock() const { return *options_.clock; }

 private:
  AlicloudClientOptions options_;
  std::string product_;
  std::string version_;
  std::string endpoint_;
  std::unique_ptr<RetryLoop> loop_;
};

// "https://host" for an override given as a bare host; a URL with a scheme
// is kept as written (the emulators use http://127.0.0.1:port); trailing
// slashes are dropped.
std::string NormalizeEndpoint(std::string_view endpoint);

// Default endpoints, following the official SDK's endpoint maps
// (alibaba-cloud-sdk-go services/r-kvstore and services/dbs endpoint.go):
// R-kvstore answers every region from the central host (RegionId selects
// the region). DBS serves the mainland China regions and Hong Kong from
// dbs-api.cn-hangzhou, us-east-1/us-west-1 from dbs.cn-hangzhou, and other
// regions from dbs-api.<region>.aliyuncs.com.
inline constexpr std::string_view kKvstoreEndpoint = "https://r-kvstore.aliyuncs.com";
std::string DbsEndpoint(std::string_view region);

}  // namespace polybackup::clients::alicloud

#endif  // POLYBACKUP_CLIENTS_ALICLOUD_ALICLOUD_RPC_H_
