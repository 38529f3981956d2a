// PollUntil: the wait loop for asynchronous cloud changes (an R-kvstore
// instance back to "Normal", a DBS plan reaching "running", a CSBS policy
// leaving "creating"), written once with the injected Clock so it is unit
// tested without sleeping.
#ifndef POLYBACKUP_CLIENTS_CORE_POLL_H_
#define POLYBACKUP_CLIENTS_CORE_POLL_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/cancellation.h"
#include "base/clock.h"
#include "clients/core/retry.h"

namespace polybackup::clients {

struct PollOptions {
  std::chrono::milliseconds interval{std::chrono::seconds(5)};
  // The operation's deadline (Terraform timeouts); nullopt = poll forever
  // (until cancelled).
  std::optional<std::chrono::steady_clock::time_point> deadline;
  const Cancellation* cancel = nullptr;  // not owned; may be null
  // What is awaited, for the timeout message: "instance r-1 to be Normal".
  std::string what = "the change to finish";
};

// The poll of a call's wait: `options`' deadline and cancellation, checking
// every `interval`, waiting for `what`.
PollOptions PollOptionsFor(std::chrono::milliseconds interval, const CallOptions& options,
                           std::string what);

// Calls `check` now and then every `interval` until it returns true.
// Returns OK when done; `check`'s error unchanged (e.g. NotFound when the
// object vanished); DeadlineExceeded "timed out waiting for <what> (last
// seen: <progress>)" when the next check would fall after the deadline;
// Cancelled when `cancel` fires. The check may write the state it saw into
// `progress` for that message.
absl::Status PollUntil(Clock& clock, const PollOptions& options,
                       const std::function<absl::StatusOr<bool>(std::string* progress)>& check);

}  // namespace polybackup::clients

#endif  // POLYBACKUP_CLIENTS_CORE_POLL_H_
