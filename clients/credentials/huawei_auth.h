// HuaweiAuthorizer: puts Huawei Cloud / OTC credentials on a request, the
// same way for every service client (CSBS today), whichever mode the chain
// resolved (chains.h ResolveHuawei):
//   AK/SK     SDK-HMAC-SHA256 signature (clients/signing/huawei_aksk.h),
//             X-Security-Token for temporary keys, X-Project-Id
//   password  X-Auth-Token from a cached Keystone token
//             (keystone_token.h), X-Project-Id from the token's scope
//   token     X-Auth-Token as given (never renewed), X-Project-Id when known
// A service client calls Authorize() inside HttpCall::build (once per
// attempt: fresh X-Sdk-Date and signature) and OnUnauthorized() when a
// service answered 401, so the next attempt fetches a new token.
#ifndef POLYBACKUP_CLIENTS_CREDENTIALS_HUAWEI_AUTH_H_
#define POLYBACKUP_CLIENTS_CREDENTIALS_HUAWEI_AUTH_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/credentials/configs.h"
#include "clients/credentials/keystone_token.h"

namespace polybackup::clients::credentials {

class HuaweiAuthorizer {
 public:
  // `transport` serves Keystone in password mode. `clock`/`random` must
  // outlive the authorizer. Never fails: Keystone is first called by
  // Authorize()/ProjectId().
  HuaweiAuthorizer(ResolvedHuawei resolved, std::shared_ptr<http::HttpTransport> transport,
                   Clock& clock, RandomSource& random, RetryPolicy retry = {});

  // Adds the credentials to `request` (complete except for auth: method,
  // URL, body and other headers final, since AK/SK signs them).
  // Errors: Keystone's (password mode), the signer's InvalidArgument, or
  // FailedPrecondition when no project id is known in AK/SK mode.
  // Thread-safe.
  absl::Status Authorize(http::HttpRequest& request, const CallOptions& options = {});

  // The project id requests are scoped to: the resolved one, else (password
  // mode with a project name) the token's. Services put it in their paths
  // (/v1/{project_id}/policies).
  absl::StatusOr<std::string> ProjectId(const CallOptions& options = {});

  // The Keystone token's service catalog (password mode), for endpoint
  // discovery; empty in AK/SK mode.
  absl::StatusOr<std::vector<CatalogEndpoint>> Catalog(const CallOptions& options = {});

  // Drops a cached token after a 401 (no-op in AK/SK mode).
  void OnUnauthorized();

  const ResolvedHuawei& resolved() const { return resolved_; }

 private:
  ResolvedHuawei resolved_;
  Clock& clock_;
  std::unique_ptr<KeystoneTokenSource> keystone_;  // password mode only
};

}  // namespace polybackup::clients::credentials

#endif  // POLYBACKUP_CLIENTS_CREDENTIALS_HUAWEI_AUTH_H_
