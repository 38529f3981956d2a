// The retry loop, written once for every cloud client.
//
// A service client describes one HTTP call as an HttpCall (how to build and
// sign the request for attempt n, how to map the answer to a status, whether
// the call is idempotent) and hands it to RetryLoop::Run, which owns attempts,
// backoff, Retry-After, the operation deadline, cancellation and the debug
// request log. Policies are plain structs; time (Clock), randomness
// (RandomSource) and the network (HttpTransport) are injected, so the loop is
// unit-tested with FakeClock, FakeRandom and the scripted transport.
//
// Typical use (see clients/alicloud/kvstore_client.cc):
//   HttpCall call{.operation = "R-kvstore DescribeBackupPolicy",
//                 .build = [&](int attempt) { ...sign a fresh request... },
//                 .map_error = MapAlicloudError};
//   absl::StatusOr<http::HttpResponse> answer = loop.Run(call, options);
#ifndef POLYBACKUP_CLIENTS_CORE_RETRY_H_
#define POLYBACKUP_CLIENTS_CORE_RETRY_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/cancellation.h"
#include "base/clock.h"
#include "clients/core/random.h"
#include "clients/http/http.h"

namespace polybackup::clients {

// Exponential backoff with full jitter: the wait before retry r (1-based) is
// uniform in [0, min(max_delay, initial_delay * multiplier^(r-1))].
struct BackoffPolicy {
  std::chrono::milliseconds initial_delay{500};
  std::chrono::milliseconds max_delay{20000};
  double multiplier = 2.0;

  std::chrono::milliseconds Delay(int retry, RandomSource& random) const;
};

// Which failures are worth another attempt, and how many attempts.
struct RetryPolicy {
  // Attempts that may fail (5xx, transport errors, extra codes), the first
  // included; 1 disables every retry, throttled ones too.
  int max_attempts = 5;
  // Attempts that may be throttled, counted apart: a throttling answer says
  // the call was not carried out and asks the caller to slow down, so it is
  // waited out with backoff (within max_elapsed and the deadline) instead of
  // failing an apply that a burst hit. hashicorp/aws retries throttled calls
  // 25 times by default (its max_retries); at least max_attempts.
  int max_throttled_attempts = 25;
  std::chrono::milliseconds max_elapsed{std::chrono::minutes(5)};
  // Cloud error codes retried in addition to the defaults, for a call that
  // knows a busy state passes (e.g. R-kvstore "IncorrectDBInstanceState").
  std::vector<std::string> extra_retryable_codes;
  // HTTP statuses retried in addition (e.g. CSBS answers 409 while a policy
  // is still "creating").
  std::vector<int> extra_retryable_http_statuses;

  // Default rules: transport failures (Unavailable, DeadlineExceeded of one
  // attempt); AWS ThrottlingException/TooManyRequestsException & co and 5xx;
  // Alibaba Throttling*/ServiceUnavailable and 5xx; Huawei 429 and 5xx; plus
  // the extra codes and statuses. Quota errors (AWS LimitExceededException) and every
  // 4xx that is not throttling are final.
  bool IsRetryable(const absl::Status& status) const;
};

// How safe it is to send a call twice.
enum class Idempotency {
  kIdempotent,     // reads, puts of a full state, deletes
  kTokenized,      // a create that carries an idempotency token (ClientToken,
                   // CreatorRequestId) made once outside the loop
  kNonIdempotent,  // a create without a token: retried only after a throttling
                   // answer (proof it was not executed) or when `recover` says so
};

struct HttpCall {
  // For logs and errors: "<service> <action>", e.g. "R-kvstore ModifyBackupPolicy".
  std::string operation;
  // Builds and signs the request for `attempt` (1-based). Called once per
  // attempt so each carries a fresh date, nonce and signature. An error
  // (e.g. credentials could not be resolved) ends the loop with that error.
  std::function<absl::StatusOr<http::HttpRequest>(int attempt)> build;
  // Turns an answer into OK or an error (MapAwsError, MapAlicloudError, ...).
  std::function<absl::Status(const http::HttpResponse&)> map_error;
  Idempotency idempotency = Idempotency::kIdempotent;
  // kNonIdempotent only, optional: asked after a retryable failure whether the
  // failed attempt took effect. Returns an answer that stands for the call's
  // result if it did (the loop returns it as the success), nullopt if it did
  // not (the loop sends again), or an error (the loop returns it).
  std::function<absl::StatusOr<std::optional<http::HttpResponse>>()> recover;
};

struct CallOptions {
  const Cancellation* cancel = nullptr;  // not owned; may be null
  // The operation's deadline (Terraform timeouts); the loop also stops at
  // RetryPolicy::max_elapsed, whichever comes first.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  http::SendOptions send;  // per-attempt timeouts; `cancel` is set by the loop
};

class RetryLoop {
 public:
  // `transport` is shared; `clock` and `random` must outlive the loop.
  RetryLoop(std::shared_ptr<http::HttpTransport> transport, Clock& clock, RandomSource& random,
            RetryPolicy retry = {}, BackoffPolicy backoff = {});

  // Runs `call` until it succeeds, fails with a final error, runs out of
  // attempts or time, or is cancelled. Cancellation and the deadline are
  // checked before each attempt and end backoff sleeps; an attempt in flight
  // is abandoned at once only when the call is kIdempotent. A create
  // (kTokenized, kNonIdempotent) already sent is waited out within its
  // per-attempt timeout (options.send.total_timeout), since only its answer
  // names the object the cloud may have made; no attempt follows it once
  // cancelled.
  // Success: the answer whose map_error was OK (any 2xx body is the caller's
  // to parse). Failure: the last attempt's status with CloudError::attempts
  // and ::operation filled in (transport failures get both in the message);
  // Cancelled when `options.cancel` fires (also during a backoff sleep);
  // DeadlineExceeded when no time is left before the first attempt.
  // Waits honour a `Retry-After: <seconds>` header when longer than the
  // backoff, but never sleep past the deadline: the loop gives up instead.
  // Thread-safe: Run may be called concurrently (no state is mutated).
  absl::StatusOr<http::HttpResponse> Run(const HttpCall& call, const CallOptions& options) const;

  const RetryPolicy& retry_policy() const { return retry_; }
  Clock& clock() const { return clock_; }
  RandomSource& random() const { return random_; }

 private:
  std::shared_ptr<http::HttpTransport> transport_;
  Clock& clock_;
  RandomSource& random_;
  RetryPolicy retry_;
  BackoffPolicy backoff_;
};

// Parses a Retry-After value given in seconds ("5"); nullopt for an absent,
// negative or HTTP-date value (the date form is not used by these clouds).
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value);

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_RETRY_H_
