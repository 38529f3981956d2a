// DbsClient's waits: the steps of the plan lifecycle that DBS finishes
// asynchronously, each polled on the injected clock and bounded by the
// caller's deadline and cancellation (CallOptions), never by a fixed sleep.
//
//  - ConfigureBackupPlan right after CreateBackupPlan is refused with
//    BackupPlanNotCreate; the CreateBackupPlan doc says to wait "5 seconds in
//    most cases", so the call is sent again until DBS takes it.
//  - StartBackupPlan / StopBackupPlan are accepted at once; the plan reaches
//    "running" / "pause" afterwards (the Alibaba provider polls for both).
//  - ReleaseBackupPlan is accepted at once; the plan leaves the list later.
// Each step makes one ClientToken and sends it with every attempt.
#include "clients/alicloud/dbs_client.h"
#include "clients/core/cloud_error.h"
#include "clients/core/poll.h"

namespace polybackup::clients::alicloud {
namespace {

bool HasCode(const absl::Status& s, const char* code) {
  std::optional<CloudError> e = GetCloudError(s);
  return e && e->code == code;
}

}  // namespace

absl::Status DbsClient::ConfigureBackupPlanWhenReady(const ConfigureDbsBackupPlanRequest& request,
                                                     std::chrono::milliseconds interval,
                                                     const CallOptions& options) const {
  const PollOptions poll = PollOptionsFor(
      interval, options,
      "DBS backup plan " + request.backup_plan_id + " to accept its configuration after create");
  return PollUntil(rpc_.clock(), poll, [&](std::string* progress) -> absl::StatusOr<bool> {
    absl::Status configured = ConfigureBackupPlan(request, options);
    if (configured.ok()) return true;
    if (!HasCode(configured, "BackupPlanNotCreate")) return configured;
    *progress = "BackupPlanNotCreate";
    return false;
  });
}

absl::Status DbsClient::StartBackupPlanAndWait(const std::string& id,
                                               std::chrono::milliseconds interval,
                                               const CallOptions& options) const {
  absl::Status started = StartBackupPlan(id, options, Token());
  if (!started.ok()) return started;
  return WaitForPlanStatus(id, "running", {"stop", "locked"}, interval, options);
}

absl::Status DbsClient::StopBackupPlanAndWait(const std::string& id,
                                              std::chrono::milliseconds interval,
                                              const CallOptions& options) const {
  absl::Status stopped = StopBackupPlan(id, "ALL", options, Token());
  if (!stopped.ok()) return stopped;
  return WaitForPlanStatus(id, "pause", {"locked"}, interval, options);
}

absl::Status DbsClient::ReleaseBackupPlanAndWait(const std::string& id,
                                                 std::chrono::milliseconds interval,
                                                 const CallOptions& options) const {
  absl::Status released = ReleaseBackupPlan(id, options, Token());
  if (absl::IsNotFound(released)) return absl::OkStatus();
  if (!released.ok()) return released;
  return WaitForPlanGone(id, interval, options);
}

absl::Status DbsClient::WaitForPlanStatus(const std::string& id, const std::string& status,
                                          const std::vector<std::string>& failed_states,
                                          std::chrono::milliseconds interval,
                                          const CallOptions& options) const {
  const PollOptions poll =
      PollOptionsFor(interval, options, "DBS backup plan " + id + " to be " + status);
  return PollUntil(rpc_.clock(), poll, [&](std::string* progress) -> absl::StatusOr<bool> {
    absl::StatusOr<DbsBackupPlan> plan = DescribeBackupPlan(id, options);
    if (!plan.ok()) return plan.status();
    *progress = plan->backup_plan_status;
    for (const std::string& failed : failed_states) {
      if (plan->backup_plan_status == failed) {
        std::string why = plan->err_message.empty() ? "" : ": " + plan->err_message;
        return absl::FailedPreconditionError("DBS backup plan " + id + " is " + failed +
                                             " instead of " + status + why);
      }
    }
    return plan->backup_plan_status == status;
  });
}

absl::Status DbsClient::WaitForPlanGone(const std::string& id, std::chrono::milliseconds interval,
                                        const CallOptions& options) const {
  const PollOptions poll =
      PollOptionsFor(interval, options, "DBS backup plan " + id + " to be released");
  return PollUntil(rpc_.clock(), poll, [&](std::string* progress) -> absl::StatusOr<bool> {
    absl::StatusOr<DbsBackupPlan> plan = DescribeBackupPlan(id, options);
    if (absl::IsNotFound(plan.status())) return true;
    if (!plan.ok()) return plan.status();
    *progress = plan->backup_plan_status;
    return false;
  });
}

}  // namespace polybackup::clients::alicloud
