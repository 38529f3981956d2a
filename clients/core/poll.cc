#include "clients/core/poll.h"

#include "absl/strings/str_cat.h"

namespace polybackup::clients {

PollOptions PollOptionsFor(std::chrono::milliseconds interval, const CallOptions& options,
                           std::string what) {
  return {.interval = interval,
          .deadline = options.deadline,
          .cancel = options.cancel,
          .what = std::move(what)};
}

absl::Status PollUntil(Clock& clock, const PollOptions& options,
                       const std::function<absl::StatusOr<bool>(std::string* progress)>& check) {
  std::string progress;
  for (;;) {
    if (options.cancel != nullptr && options.cancel->cancelled()) {
      return absl::CancelledError(options.cancel->reason());
    }
    absl::StatusOr<bool> done = check(&progress);
    if (!done.ok()) return done.status();
    if (*done) return absl::OkStatus();
    // ">=": sleeping until exactly the deadline would leave no time for the
    // next check, which would then fail without saying what it waited for.
    if (options.deadline && clock.Monotonic() + options.interval >= *options.deadline) {
      std::string message = absl::StrCat("timed out waiting for ", options.what);
      if (!progress.empty()) absl::StrAppend(&message, " (last seen: ", progress, ")");
      return absl::DeadlineExceededError(message);
    }
    if (clock.Sleep(options.interval, options.cancel)) {
      return absl::CancelledError(options.cancel != nullptr ? options.cancel->reason()
                                                            : "cancelled");
    }
  }
}

}  // namespace polybackup::clients
