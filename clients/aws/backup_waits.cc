#include "clients/aws/backup_waits.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/core/cloud_error.h"
#include "clients/core/poll.h"

namespace polybackup::clients::aws {
namespace {

bool CloudSays(const absl::Status& status, const char* code, const char* text) {
  std::optional<CloudError> e = GetCloudError(status);
  return e && e->code == code && absl::StrContains(e->message, text);
}

}  // namespace

bool IsPlanStillReferenced(const absl::Status& status) {
  return CloudSays(status, "InvalidRequestException", "selections must be deleted");
}

bool IsRoleNotReady(const absl::Status& status) {
  return CloudSays(status, "InvalidParameterValueException", "cannot be assumed") ||
         CloudSays(status, "InvalidParameterValueException", "is not authorized to call");
}

absl::Status DeletePlanWhenUnreferenced(const BackupClient& client, const std::string& plan_id,
                                        std::chrono::milliseconds interval,
                                        const CallOptions& options) {
  return PollUntil(client.clock(),
                   PollOptionsFor(interval, options,
                                  "the backup selections of plan " + plan_id + " to be deleted"),
                   [&](std::string* progress) -> absl::StatusOr<bool> {
                     absl::Status deleted = client.DeleteBackupPlan(plan_id, options).status();
                     if (deleted.ok()) return true;
                     if (!IsPlanStillReferenced(deleted)) return deleted;
                     *progress = "selections still reference the plan";
                     return false;
                   });
}

absl::StatusOr<BackupSelectionInfo> CreateSelectionWhenRoleReady(
    const BackupClient& client, const std::string& plan_id, const BackupSelection& selection,
    std::string creator_request_id, std::chrono::milliseconds interval,
    std::chrono::milliseconds propagation, const CallOptions& options) {
  if (creator_request_id.empty()) creator_request_id = client.NewCreatorRequestId();
  CallOptions role_window = options;
  const auto until = client.clock().Monotonic() + propagation;
  role_window.deadline = options.deadline ? std::min(*options.deadline, until) : until;
  std::optional<BackupSelectionInfo> created;
  absl::Status s =
      PollUntil(client.clock(),
                PollOptionsFor(interval, role_window,
                               "IAM role " + selection.iam_role_arn + " to reach AWS Backup"),
                [&](std::string* progress) -> absl::StatusOr<bool> {
                  absl::StatusOr<BackupSelectionInfo> made =
                      client.CreateBackupSelection(plan_id, selection, creator_request_id, options);
                  if (made.ok()) {
                    created = *made;
                    return true;
                  }
                  if (!IsRoleNotReady(made.status())) return made.status();
                  *progress = std::string(GetCloudError(made.status())->message);
                  return false;
                });
  if (!s.ok()) return s;
  return *created;
}

absl::StatusOr<BackupSelectionInfo> WaitForSelection(const BackupClient& client,
                                                     const std::string& plan_id,
                                                     const std::string& selection_id,
                                                     std::chrono::milliseconds interval,
                                                     const CallOptions& options) {
  std::optional<BackupSelectionInfo> found;
  absl::Status s = PollUntil(
      client.clock(),
      PollOptionsFor(interval, options, "backup selection " + selection_id + " to appear"),
      [&](std::string* progress) -> absl::StatusOr<bool> {
        absl::StatusOr<BackupSelectionInfo> got =
            client.GetBackupSelection(plan_id, selection_id, options);
        if (absl::IsNotFound(got.status())) {
          *progress = "not found yet";
          return false;
        }
        if (!got.ok()) return got.status();
        found = *got;
        return true;
      });
  if (!s.ok()) return s;
  return *found;
}

absl::Status EmptyVault(const BackupClient& client, const std::string& vault_name,
                        std::chrono::milliseconds interval, const CallOptions& options) {
  return PollUntil(client.clock(),
                   PollOptionsFor(interval, options,
                                  "the recovery points of vault " + vault_name + " to be deleted"),
                   [&](std::string* progress) -> absl::StatusOr<bool> {
                     absl::StatusOr<std::vector<RecoveryPoint>> points =
                         client.ListAllRecoveryPointsByBackupVault(vault_name, options);
                     if (!points.ok()) return points.status();
                     if (points->empty()) return true;
                     int deleting = 0;
                     for (const RecoveryPoint& p : *points) {
                       if (p.status == "DELETING") {
                         ++deleting;
                         continue;
                       }
                       absl::Status s =
                           client.DeleteRecoveryPoint(vault_name, p.recovery_point_arn, options);
                       if (!s.ok() && !absl::IsNotFound(s)) return s;
                       ++deleting;
                     }
                     *progress = absl::StrCat(points->size(), " recovery point(s) left, ", deleting,
                                              " of them being deleted");
                     return false;
                   });
}

}  // namespace polybackup::clients::aws
