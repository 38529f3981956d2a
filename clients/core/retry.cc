#include "clients/core/retry.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "clients/core/cloud_error.h"
#include "clients/core/request_log.h"

namespace polybackup::clients {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Attaches the operation and attempt count to the final error.
absl::Status Annotate(const absl::Status& status, const std::string& operation, int attempts) {
  if (std::optional<CloudError> e = GetCloudError(status)) {
    e->operation = operation;
    e->attempts = attempts;
    return WithCloudError(status, *e);
  }
  std::string message = absl::StrCat(operation, ": ", status.message());
  if (attempts > 1) absl::StrAppend(&message, " (after ", attempts, " attempts)");
  absl::Status out(status.code(), message);
  status.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

// A throttling answer: the cloud refused the call before doing it.
bool IsThrottled(const absl::Status& status) {
  std::optional<CloudError> e = GetCloudError(status);
  return e && e->http_status != 0 && IsThrottlingError(*e);
}

}  // namespace

milliseconds BackoffPolicy::Delay(int retry, RandomSource& random) const {
  double cap =
      static_cast<double>(initial_delay.count()) * std::pow(multiplier, std::max(0, retry - 1));
  cap = std::min(cap, static_cast<double>(max_delay.count()));
  if (cap <= 0) return milliseconds(0);
  return milliseconds(random.UniformInclusive(static_cast<uint64_t>(cap)));
}

bool RetryPolicy::IsRetryable(const absl::Status& status) const {
  if (status.ok()) return false;
  std::optional<CloudError> e = GetCloudError(status);
  if (!e) {
    // No answer from the cloud: connection refused/reset, DNS, one attempt's
    // timeout. Cancellation and local errors (bad URL) are final.
    return status.code() == absl::StatusCode::kUnavailable ||
           status.code() == absl::StatusCode::kDeadlineExceeded;
  }
  for (const std::string& code : extra_retryable_codes) {
    if (e->code == code) return true;
  }
  for (int http_status : extra_retryable_http_statuses) {
    if (e->http_status == http_status) return true;
  }
  if (IsThrottlingError(*e)) return true;
  if (e->http_status >= 500 && e->http_status <= 599) {
    // 501 Not Implemented will never work.
    return e->http_status != 501;
  }
  if (e->cloud == kCloudAlicloud && e->code.rfind("ServiceUnavailable", 0) == 0) return true;
  if (e->cloud == kCloudAws &&
      (e->code == "ServiceUnavailableException" || e->code == "InternalFailure")) {
    return true;
  }
  return false;
}

std::optional<milliseconds> ParseRetryAfter(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0) return std::nullopt;
  return milliseconds(std::min<long long>(seconds, 24 * 3600) * 1000);
}

RetryLoop::RetryLoop(std::shared_ptr<http::HttpTransport> transport, Clock& clock,
                     RandomSource& random, RetryPolicy retry, BackoffPolicy backoff)
    : transport_(std::move(transport)),
      clock_(clock),
      random_(random),
      retry_(std::move(retry)),
      backoff_(backoff) {}

absl::StatusOr<http::HttpResponse> RetryLoop::Run(const HttpCall& call,
                                                  const CallOptions& options) const {
  const steady_clock::time_point start = clock_.Monotonic();
  steady_clock::time_point deadline = start + retry_.max_elapsed;
  if (options.deadline && *options.deadline < deadline) deadline = *options.deadline;
  const int max_attempts = std::max(1, retry_.max_attempts);
  // One attempt means no retry of any kind.
  const int max_throttled =
      max_attempts == 1 ? 1 : std::max(max_attempts, retry_.max_throttled_attempts);

  absl::Status last;
  int failed = 0, throttled = 0;
  for (int attempt = 1;; ++attempt) {
    if (options.cancel != nullptr && options.cancel->cancelled()) {
      return Annotate(absl::CancelledError(options.cancel->reason()), call.operation, attempt - 1);
    }
    steady_clock::time_point now = clock_.Monotonic();
    if (now >= deadline) {
      if (!last.ok()) return Annotate(last, call.operation, attempt - 1);
      return Annotate(absl::DeadlineExceededError("no time left for the call"), call.operation, 0);
    }
    absl::StatusOr<http::HttpRequest> request = call.build(attempt);
    if (!request.ok()) return Annotate(request.status(), call.operation, attempt - 1);

    http::SendOptions send = options.send;
    if (call.idempotency == Idempotency::kIdempotent) {
      send.cancel = options.cancel;
      milliseconds remaining = duration_cast<milliseconds>(deadline - now);
      send.total_timeout = std::min(send.total_timeout, std::max(remaining, milliseconds(1)));
    } else {
      // A create, once sent, is waited out (within its own per-attempt
      // timeout): the cloud may carry it out whether or not anyone listens,
      // and only its answer names the object to record. Abandoned on a stop
      // (Ctrl-C) or at the deadline, it left an object no state knew.
      send.cancel = nullptr;
    }
    LogRequest(call.operation, attempt, *request);
    absl::StatusOr<http::HttpResponse> answer = transport_->Send(*request, send);
    milliseconds took = duration_cast<milliseconds>(clock_.Monotonic() - now);
    absl::Status status = answer.ok() ? call.map_error(*answer) : answer.status();
    LogResponse(call.operation, attempt, answer.ok() ? &*answer : nullptr, status, took);
    if (status.ok()) return answer;
    last = status;

    const bool was_throttled = IsThrottled(status);
    const bool spent = was_throttled ? ++throttled >= max_throttled : ++failed >= max_attempts;
    if (status.code() == absl::StatusCode::kCancelled || !retry_.IsRetryable(status) || spent) {
      return Annotate(status, call.operation, attempt);
    }
    if (call.idempotency == Idempotency::kNonIdempotent && !was_throttled) {
      if (!call.recover) return Annotate(status, call.operation, attempt);
      absl::StatusOr<std::optional<http::HttpResponse>> recovered = call.recover();
      if (!recovered.ok()) return Annotate(recovered.status(), call.operation, attempt);
      if (recovered->has_value()) return std::move(**recovered);
    }

    milliseconds delay = backoff_.Delay(attempt, random_);
    if (answer.ok()) {
      if (auto hint = ParseRetryAfter(answer->Header("retry-after")); hint && *hint > delay) {
        delay = *hint;
      }
    }
    if (clock_.Monotonic() + delay >= deadline) return Annotate(status, call.operation, attempt);
    if (clock_.Sleep(delay, options.cancel)) {
      std::string reason = options.cancel != nullptr ? options.cancel->reason() : "cancelled";
      return Annotate(absl::CancelledError(reason), call.operation, attempt);
    }
  }
}

}  // namespace polybackup::clients
