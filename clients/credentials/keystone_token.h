// KeystoneTokenSource: an OpenStack Keystone v3 password token for Huawei
// Cloud / Open Telekom Cloud services, fetched once, cached and renewed
// before it expires.
//
// POST {auth_url}/auth/tokens with the password method (user name + domain
// name + password) scoped to a project by id, or by name within the domain;
// the token is the X-Subject-Token response header, `token.expires_at` says
// when it dies. Services then send it as X-Auth-Token. Traffic goes through
// the shared RetryLoop (throttling and 5xx retried) and HttpTransport.
#ifndef POLYBACKUP_CLIENTS_CREDENTIALS_KEYSTONE_TOKEN_H_
#define POLYBACKUP_CLIENTS_CREDENTIALS_KEYSTONE_TOKEN_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "clients/core/random.h"
#include "clients/core/retry.h"
#include "clients/http/http.h"

namespace polybackup::clients::credentials {

struct KeystoneAuth {
  std::string auth_url;  // ".../v3"; a trailing slash is tolerated
  std::string user_name;
  std::string password;
  std::string domain_name;
  std::string project_id;    // preferred scope
  std::string project_name;  // used when project_id is empty
};

struct CatalogEndpoint {
  std::string type;       // "data-protect", "csbs", "identity"
  std::string interface;  // "public"
  std::string region;
  std::string url;
};

struct KeystoneToken {
  std::string token;  // the X-Subject-Token value; a secret (registered for redaction)
  std::chrono::system_clock::time_point expires_at;
  std::string project_id;  // the scope's id (useful when only a name was given)
  std::vector<CatalogEndpoint> catalog;
};

class KeystoneTokenSource {
 public:
  // `clock` and `random` must outlive this object. A token is renewed when
  // fewer than `renew_margin` remain before expires_at.
  KeystoneTokenSource(KeystoneAuth auth, std::shared_ptr<http::HttpTransport> transport,
                      Clock& clock, RandomSource& random, RetryPolicy retry = {},
                      BackoffPolicy backoff = {},
                      std::chrono::seconds renew_margin = std::chrono::minutes(10));

  // The cached token, or a new one when there is none, it was invalidated,
  // or it is within the renew margin. Concurrent callers wait for a single
  // fetch. Errors: Unauthenticated (wrong user/password/domain/project, from
  // Keystone's 401), other mapped Huawei errors, Internal when the answer
  // lacks X-Subject-Token or a readable expires_at. Thread-safe.
  absl::StatusOr<KeystoneToken> Token(const CallOptions& options = {});

  // Forgets the cached token (call after a service answered 401 with it).
  void Invalidate();

 private:
  absl::StatusOr<KeystoneToken> Fetch(const CallOptions& options);

  KeystoneAuth auth_;
  Clock& clock_;
  RetryLoop loop_;
  std::chrono::seconds renew_margin_;
  std::mutex mu_;
  std::optional<KeystoneToken> cached_;
};

// GET {auth_url}/auth/tokens with the token as both X-Auth-Token and
// X-Subject-Token: what a token given by the user (not issued here) is
// scoped to and when it expires. Errors: Keystone's 404 (NotFound) or 401
// (Unauthenticated) for an unknown or expired token, others as mapped;
// Internal for an unreadable answer. Thread-safe.
absl::StatusOr<KeystoneToken> InspectKeystoneToken(const std::string& auth_url,
                                                   const std::string& token, const RetryLoop& loop,
                                                   const CallOptions& options = {});

// Parses Keystone's "2024-05-01T12:00:00.000000Z" (fraction optional, "Z" or
// "+00:00"). nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> ParseKeystoneTime(std::string_view text);

}  // namespace polybackup::clients::credentials

#endif  // POLYBACKUP_CLIENTS_CREDENTIALS_KEYSTONE_TOKEN_H_
