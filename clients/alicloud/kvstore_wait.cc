// KvstoreClient::ModifyBackupPolicyAndWait: a policy change is accepted at
// once, but the instance then leaves "Normal" while it applies it and
// refuses another change meanwhile (IncorrectDBInstanceState, LockTimeout).
// The reference provider retries those codes and then polls the instance
// status; this does the same, bounded by the caller's deadline and
// cancellation.
#include "absl/strings/str_cat.h"
#include "clients/alicloud/kvstore_client.h"

namespace polybackup::clients::alicloud {
namespace {

// Sleeps `d` on `clock` unless that would pass the deadline or the call is
// cancelled (the status says which).
absl::Status Pause(Clock& clock, std::chrono::milliseconds d, const CallOptions& options,
                   const std::string& waiting_for) {
  if (options.deadline && clock.Monotonic() + d > *options.deadline) {
    return absl::DeadlineExceededError("timed out waiting for " + waiting_for);
  }
  if (clock.Sleep(d, options.cancel)) {
    return absl::CancelledError(absl::StrCat("stopped while waiting for ", waiting_for));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status KvstoreClient::ModifyBackupPolicyAndWait(
    const ModifyKvstoreBackupPolicyRequest& request, std::chrono::milliseconds interval,
    const CallOptions& options) const {
  while (true) {
    absl::Status sent = ModifyBackupPolicy(request, options);
    if (sent.ok()) break;
    // Busy: another change is still being applied. Wait for it, then resend.
    if (sent.code() != absl::StatusCode::kFailedPrecondition) return sent;
    absl::Status normal = WaitForInstanceStatus(request.instance_id, "Normal", interval, options);
    if (!normal.ok()) return normal;
    // "Normal" can come at once when the busy state was a lock held
    // elsewhere; pause so a lock that lingers is not hammered.
    absl::Status paused = Pause(rpc_.clock(), interval, options,
                                "the lock on R-kvstore instance " + request.instance_id);
    if (!paused.ok()) return paused;
  }
  return WaitForInstanceStatus(request.instance_id, "Normal", interval, options);
}

}  // namespace polybackup::clients::alicloud
