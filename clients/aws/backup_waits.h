// AWS Backup operations that span several calls: retries of a refusal that
// passes by itself, and waits for asynchronous deletions. Each is bounded by
// the caller's deadline and cancellation (CallOptions) and sleeps on the
// client's clock, `interval` between attempts.
#ifndef POLYBACKUP_CLIENTS_AWS_BACKUP_WAITS_H_
#define POLYBACKUP_CLIENTS_AWS_BACKUP_WAITS_H_

#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/aws/backup_client.h"

namespace polybackup::clients::aws {

// True for AWS's refusal to delete a plan that selections still reference
// (InvalidRequestException "Related backup plan selections must be deleted
// prior to backup plan deletion").
bool IsPlanStillReferenced(const absl::Status& status);

// True for AWS's refusals of a selection whose IAM role AWS Backup cannot
// use yet (InvalidParameterValueException "IAM Role … cannot be assumed by
// AWS Backup" or "… is not authorized to call tag:GetResources"): a new role
// takes a while to reach AWS Backup (IAM eventual consistency).
bool IsRoleNotReady(const absl::Status& status);

// Deletes a plan, sending DeleteBackupPlan again while selections still
// reference it: Terraform destroys the selections in parallel, so they
// usually go moments later (the reference provider retries that refusal for
// 2 minutes; here the caller's deadline, i.e. the delete timeout, decides).
// Returns OK; NotFound when the plan is already gone; DeadlineExceeded
// saying selections still reference it; or the call's error.
absl::Status DeletePlanWhenUnreferenced(const BackupClient& client, const std::string& plan_id,
                                        std::chrono::milliseconds interval,
                                        const CallOptions& options);

// Creates a selection, retrying while its IAM role is not ready, for at most
// `propagation` (the reference provider allows 2 minutes) within the
// deadline; every attempt carries the same CreatorRequestId (a new one when
// `creator_request_id` is empty), so a lost answer never makes a second
// selection. Returns the ids AWS answered, or the last error.
absl::StatusOr<BackupSelectionInfo> CreateSelectionWhenRoleReady(
    const BackupClient& client, const std::string& plan_id, const BackupSelection& selection,
    std::string creator_request_id, std::chrono::milliseconds interval,
    std::chrono::milliseconds propagation, const CallOptions& options);

// Reads a selection just created, waiting while AWS still answers NotFound
// for it (it may, for a moment). Returns the selection or the last error.
absl::StatusOr<BackupSelectionInfo> WaitForSelection(const BackupClient& client,
                                                     const std::string& plan_id,
                                                     const std::string& selection_id,
                                                     std::chrono::milliseconds interval,
                                                     const CallOptions& options);

// Deletes every recovery point of a vault and waits until none is listed
// any more (points stay DELETING for a while, and the vault cannot be
// deleted before: the race behind the reference provider's #37774).
// Returns OK; NotFound when the vault is gone; DeadlineExceeded with the
// count left; or the first error of a listing or a deletion.
absl::Status EmptyVault(const BackupClient& client, const std::string& vault_name,
                        std::chrono::milliseconds interval, const CallOptions& options);

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_BACKUP_WAITS_H_
