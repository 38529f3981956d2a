// CsbsClient's waits. A new policy is "creating" for a while, and answers 409
// to PUT and DELETE meanwhile (the Huawei provider's delete keeps resending
// on 409); a deleted policy is gone once ShowPolicy answers 404. Both
// reference providers poll every >= 3 s after a 5 s delay (create and delete
// timeouts 10 min); here the interval is the caller's and the first check is
// immediate.
#include "absl/strings/str_cat.h"
#include "clients/core/poll.h"
#include "clients/huaweicloud/csbs_client.h"

namespace polybackup::clients::huaweicloud {
namespace {

constexpr char kCreating[] = "creating";

bool IsBusy(const absl::Status& s) { return s.code() == absl::StatusCode::kFailedPrecondition; }

}  // namespace

absl::StatusOr<CsbsPolicy> CsbsClient::WaitForPolicyReady(const std::string& policy_id,
                                                          std::chrono::milliseconds interval,
                                                          const CallOptions& options) const {
  CsbsPolicy ready;
  absl::Status waited =
      PollUntil(*options_.clock,
                PollOptionsFor(interval, options,
                               absl::StrCat("CSBS policy ", policy_id, " to finish creating")),
                [&](std::string* progress) -> absl::StatusOr<bool> {
                  absl::StatusOr<CsbsPolicy> policy = ShowPolicy(policy_id, options);
                  if (!policy.ok()) return policy.status();
                  *progress = "status " + policy->status;
                  if (policy->status == "error") {
                    return absl::FailedPreconditionError(
                        absl::StrCat("CSBS policy ", policy_id, " reports status \"error\""));
                  }
                  if (policy->status == kCreating) return false;
                  ready = *std::move(policy);
                  return true;
                });
  if (!waited.ok()) return waited;
  return ready;
}

absl::StatusOr<CsbsPolicy> CsbsClient::UpdatePolicyWhenReady(const std::string& policy_id,
                                                             const UpdateCsbsPolicyRequest& request,
                                                             std::chrono::milliseconds interval,
                                                             const CallOptions& options) const {
  for (;;) {
    absl::StatusOr<CsbsPolicy> updated = UpdatePolicy(policy_id, request, options);
    if (!IsBusy(updated.status())) return updated;
    absl::StatusOr<CsbsPolicy> ready = WaitForPolicyReady(policy_id, interval, options);
    if (!ready.ok()) return ready.status();
    // Ready but refused again (busy with something else): pause before
    // resending, so the loop never spins without a sleep.
    if (options.deadline && options_.clock->Monotonic() + interval >= *options.deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("timed out waiting for CSBS policy ", policy_id, " to accept the update"));
    }
    if (options_.clock->Sleep(interval, options.cancel)) {
      return absl::CancelledError("stopped while waiting to update CSBS policy " + policy_id);
    }
  }
}

absl::Status CsbsClient::DeletePolicyAndWait(const std::string& policy_id,
                                             std::chrono::milliseconds interval,
                                             const CallOptions& options) const {
  bool gone = false;
  absl::Status accepted =
      PollUntil(*options_.clock,
                PollOptionsFor(interval, options,
                               absl::StrCat("CSBS policy ", policy_id, " to accept the deletion")),
                [&](std::string* progress) -> absl::StatusOr<bool> {
                  absl::Status sent = DeletePolicy(policy_id, options);
                  if (IsBusy(sent)) {
                    *progress = "409, busy";
                    return false;
                  }
                  gone = absl::IsNotFound(sent);
                  if (!sent.ok() && !gone) return sent;
                  return true;
                });
  if (!accepted.ok() || gone) return accepted;
  return PollUntil(
      *options_.clock,
      PollOptionsFor(interval, options, absl::StrCat("CSBS policy ", policy_id, " to be deleted")),
      [&](std::string* progress) -> absl::StatusOr<bool> {
        absl::StatusOr<CsbsPolicy> policy = ShowPolicy(policy_id, options);
        if (absl::IsNotFound(policy.status())) return true;
        if (!policy.ok()) return policy.status();
        *progress = "status " + policy->status;
        return false;
      });
}

}  // namespace polybackup::clients::huaweicloud
