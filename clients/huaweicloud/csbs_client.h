// CsbsClient: Huawei Cloud / Open Telekom Cloud Cloud Server Backup Service
// (CSBS) v1 backup policies: /v1/{project_id}/policies[/{policy_id}].
//
// Authentication is either AK/SK (SignHuaweiAkSk per attempt, with
// X-Project-Id and, for temporary keys, X-Security-Token) or a Keystone
// token sent as X-Auth-Token. A token may expire between fetch and use: on a
// 401 the client asks the source to forget it and repeats the call once
// with a fresh one. Answers are mapped with MapHuaweiError; what callers act on:
//   NotFound            404 (CSBS.3000): the policy is gone
//   FailedPrecondition  409 (CSBS.2001): the policy is busy ("creating");
//                       not retried here — wait for ShowPolicy to report
//                       another status, then call again (what the Huawei
//                       provider does on delete)
//   InvalidArgument     400 (CSBS.9001 bad parameter, CSBS.9007 duplicate name, ...)
//   Unauthenticated     401 (APIGW.0301 bad signature/unknown key or token,
//                       APIGW.0307 expired token, after the one refresh)
//   ResourceExhausted   429 APIGW.0308 after the retry policy's attempts
// Thread-safe: calls may run concurrently on one client.
#ifndef POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_CLIENT_H_
#define POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_CLIENT_H_

#include <chrono>
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
#include "clients/credentials/keystone_token.h"
#include "clients/http/http.h"
#include "clients/huaweicloud/csbs_types.h"
#include "clients/huaweicloud/huawei_endpoints.h"

namespace polybackup::clients::huaweicloud {

struct HuaweiAkSk {
  std::string access_key;
  std::string secret_key;
  std::string security_token;  // temporary keys only
};

// Either `aksk` or `token` must be set (AK/SK wins when both are). Both are
// called once per attempt and must be thread-safe.
struct HuaweiAuth {
  std::function<absl::StatusOr<HuaweiAkSk>()> aksk;
  std::function<absl::StatusOr<std::string>()> token;
  // Called after a 401 answered to a token (forget the cached one). Optional.
  std::function<void()> invalidate_token;
};

// Token auth backed by a KeystoneTokenSource (shared; must outlive the client).
HuaweiAuth KeystoneTokenAuth(std::shared_ptr<credentials::KeystoneTokenSource> source);

struct HuaweiClientOptions {
  std::string region;      // "eu-de"; picks the default endpoint
  std::string project_id;  // the {project_id} of every path
  // Override ("csbs" endpoint): URL or bare host, with or without the
  // catalog's "/v1/<project_id>" suffix; "" = DefaultCsbsEndpoint(region).
  std::string endpoint;
  HuaweiAuth auth;
  std::shared_ptr<http::HttpTransport> transport;
  Clock* clock = nullptr;          // null = SystemClock()
  RandomSource* random = nullptr;  // null = SystemRandom()
  RetryPolicy retry;
  BackoffPolicy backoff;
};

class CsbsClient {
 public:
  explicit CsbsClient(HuaweiClientOptions options);

  // POST /policies. CSBS has no idempotency token, so a create is repeated
  // only when the failed attempt provably did not take effect: after a
  // throttling answer, or after a lost answer / 5xx once ListPolicies(name)
  // shows no policy of that name (names are unique per project: CSBS.9007).
  // If the lost attempt did create it, that policy is returned; if the one
  // found was created more than 5 minutes before the call, it is someone
  // else's and the result is AlreadyExists. Note the answer's status is
  // "creating": the policy is busy for a while.
  absl::StatusOr<CsbsPolicy> CreatePolicy(const CreateCsbsPolicyRequest& request,
                                          const CallOptions& options = {}) const;
  // GET /policies/{id}. NotFound when it does not exist.
  absl::StatusOr<CsbsPolicy> ShowPolicy(const std::string& policy_id,
                                        const CallOptions& options = {}) const;
  // PUT /policies/{id} with the set members. FailedPrecondition while busy.
  absl::StatusOr<CsbsPolicy> UpdatePolicy(const std::string& policy_id,
                                          const UpdateCsbsPolicyRequest& request,
                                          const CallOptions& options = {}) const;
  // DELETE /policies/{id}. NotFound when already gone; FailedPrecondition
  // while busy.
  absl::Status DeletePolicy(const std::string& policy_id, const CallOptions& options = {}) const;
  // One page. next_marker comes from the rel="next" link, and is cleared on
  // an empty page: OpenStack collections link a "next" page after any full
  // page even when nothing follows.
  absl::StatusOr<CsbsPolicyPage> ListPolicies(const ListCsbsPoliciesRequest& request = {},
                                              const CallOptions& options = {}) const;
  // Every page, starting at request.marker.
  absl::StatusOr<std::vector<CsbsPolicy>> ListAllPolicies(ListCsbsPoliciesRequest request = {},
                                                          const CallOptions& options = {}) const;

  // --- Waits (csbs_wait.cc), polled every `interval` on the client's clock
  // and bounded by options.deadline (DeadlineExceeded naming the status last
  // seen) and options.cancel (Cancelled). ---

  // Polls ShowPolicy while the policy is "creating" (a new policy, for a few
  // seconds) and returns it once it is anything else, normally "suspended".
  // Errors: NotFound when it disappears; FailedPrecondition when the service
  // reports status "error".
  absl::StatusOr<CsbsPolicy> WaitForPolicyReady(const std::string& policy_id,
                                                std::chrono::milliseconds interval,
                                                const CallOptions& options = {}) const;
  // UpdatePolicy; while the policy is busy (409) waits for it to be ready
  // and sends the update again.
  absl::StatusOr<CsbsPolicy> UpdatePolicyWhenReady(const std::string& policy_id,
                                                   const UpdateCsbsPolicyRequest& request,
                                                   std::chrono::milliseconds interval,
                                                   const CallOptions& options = {}) const;
  // DeletePolicy as a finished deletion: the DELETE is sent again while the
  // service answers 409 (busy, as the Huawei provider does), then ShowPolicy
  // is polled until it answers 404. OK when already gone.
  absl::Status DeletePolicyAndWait(const std::string& policy_id, std::chrono::milliseconds interval,
                                   const CallOptions& options = {}) const;

  const std::string& endpoint() const { return endpoint_; }

 private:
  absl::StatusOr<http::HttpResponse> Send(HttpCall call, const CallOptions& options) const;
  HttpCall MakeCall(std::string_view operation, std::string_view method, std::string url,
                    std::string body) const;
  std::string PoliciesUrl() const;

  HuaweiClientOptions options_;
  std::string endpoint_;
  std::unique_ptr<RetryLoop> loop_;
};

}  // namespace polybackup::clients::huaweicloud

#endif  // POLYBACKUP_CLIENTS_HUAWEICLOUD_CSBS_CLIENT_H_
