// BackupClient: AWS Backup (restJson1, API 2018-11-15) — plans, vaults,
// selections and tags, the calls aws_backup_plan / _vault / _selection need.
//
// Each call is one HTTP request (paths from the botocore model), SigV4-signed
// for service "backup" once per attempt, sent through the shared RetryLoop
// and mapped with MapAwsError. Errors callers act on:
//   NotFound            ResourceNotFoundException (and see DescribeBackupVault)
//   AlreadyExists       AlreadyExistsException: an identical plan document
//                       exists, or a CreatorRequestId was reused for another body
//   InvalidArgument     InvalidParameterValueException, MissingParameterValue-
//                       Exception, InvalidRequestException (e.g. deleting a
//                       plan that still has selections)
//   ResourceExhausted   LimitExceededException (final), or throttling after
//                       the retry policy's attempts
//   Unauthenticated     UnrecognizedClientException, InvalidSignatureException
// Creates carry a CreatorRequestId made once per call, outside the retry
// loop, so a retried create (lost answer, 5xx) answers the object created by
// the first attempt instead of a duplicate (Idempotency::kTokenized).
// Thread-safe: calls may run concurrently on one client.
#ifndef POLYBACKUP_CLIENTS_AWS_BACKUP_CLIENT_H_
#define POLYBACKUP_CLIENTS_AWS_BACKUP_CLIENT_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/clock.h"
#include "clients/aws/backup_types.h"
#include "clients/core/random.h"
#include "clients/core/retry.h"
#include "clients/http/http.h"
#include "clients/http/url.h"
#include "clients/signing/aws_sigv4.h"

namespace polybackup::clients::aws {

// Resolves credentials for each attempt (keys may rotate). Thread-safe.
using AwsCredentialsSource = std::function<absl::StatusOr<signing::AwsCredentials>()>;

struct AwsClientOptions {
  std::string region;    // "eu-west-1": the SigV4 scope and the default host
  std::string endpoint;  // override ("backup" endpoint): URL or bare host; "" = default
  AwsCredentialsSource credentials;
  std::shared_ptr<http::HttpTransport> transport;
  Clock* clock = nullptr;          // null = SystemClock()
  RandomSource* random = nullptr;  // null = SystemRandom()
  RetryPolicy retry;
  BackoffPolicy backoff;
};

// https://backup.<region>.amazonaws.com (".amazonaws.com.cn" for cn-*).
std::string DefaultBackupEndpoint(std::string_view region);

class BackupClient {
 public:
  explicit BackupClient(AwsClientOptions options);

  // --- plans --------------------------------------------------------------
  // PUT /backup/plans/. InvalidArgument locally when the name or rules are
  // missing. AlreadyExists when a live plan has the same document.
  absl::StatusOr<BackupPlanRef> CreateBackupPlan(const CreateBackupPlanRequest& request,
                                                 const CallOptions& options = {}) const;
  // GET /backup/plans/{id}/[?versionId=]. NotFound for an unknown id. A
  // deleted plan may be answered NotFound or, for a while, with deletion_date
  // set (the model documents DeletionDate on this output): callers must
  // treat both as gone.
  absl::StatusOr<BackupPlan> GetBackupPlan(const std::string& plan_id,
                                           const std::string& version_id = "",
                                           const CallOptions& options = {}) const;
  // POST /backup/plans/{id}: replaces the document, answers a new VersionId.
  absl::StatusOr<BackupPlanRef> UpdateBackupPlan(const std::string& plan_id,
                                                 const BackupPlanDocument& plan,
                                                 const CallOptions& options = {}) const;
  // DELETE /backup/plans/{id}. InvalidArgument (InvalidRequestException)
  // while selections exist; NotFound when already deleted.
  absl::StatusOr<BackupPlanRef> DeleteBackupPlan(const std::string& plan_id,
                                                 const CallOptions& options = {}) const;
  // One page (max_results 1..1000, 0 = the service default).
  absl::StatusOr<AwsPage<BackupPlanSummary>> ListBackupPlans(const std::string& next_token = "",
                                                             int max_results = 0,
                                                             bool include_deleted = false,
                                                             const CallOptions& options = {}) const;
  absl::StatusOr<std::vector<BackupPlanSummary>> ListAllBackupPlans(
      bool include_deleted = false, const CallOptions& options = {}) const;
  // Versions newest first.
  absl::StatusOr<AwsPage<BackupPlanSummary>> ListBackupPlanVersions(
      const std::string& plan_id, const std::string& next_token = "", int max_results = 0,
      const CallOptions& options = {}) const;
  absl::StatusOr<std::vector<BackupPlanSummary>> ListAllBackupPlanVersions(
      const std::string& plan_id, const CallOptions& options = {}) const;

  // --- vaults -------------------------------------------------------------
  // PUT /backup-vaults/{name}. Answers name, ARN and creation date only.
  absl::StatusOr<BackupVault> CreateBackupVault(const CreateBackupVaultRequest& request,
                                                const CallOptions& options = {}) const;
  // GET /backup-vaults/{name}. NotFound for ResourceNotFoundException AND
  // for AccessDeniedException: AWS answers a missing vault with access
  // denied (terraform-provider-aws vault.go treats both as gone). The
  // CloudError payload keeps the cloud's code, so a caller can still tell.
  absl::StatusOr<BackupVault> DescribeBackupVault(const std::string& name,
                                                  const CallOptions& options = {}) const;
  // DELETE /backup-vaults/{name}. InvalidArgument (InvalidRequestException)
  // while the vault holds recovery points.
  absl::Status DeleteBackupVault(const std::string& name, const CallOptions& options = {}) const;
  absl::StatusOr<AwsPage<BackupVault>> ListBackupVaults(const std::string& next_token = "",
                                                        int max_results = 0,
                                                        const CallOptions& options = {}) const;
  absl::StatusOr<std::vector<BackupVault>> ListAllBackupVaults(
      const CallOptions& options = {}) const;

  // --- recovery points ----------------------------------------------------
  // GET /backup-vaults/{name}/recovery-points/. NotFound for a missing vault.
  absl::StatusOr<AwsPage<RecoveryPoint>> ListRecoveryPointsByBackupVault(
      const std::string& vault_name, const std::string& next_token = "", int max_results = 0,
      const CallOptions& options = {}) const;
  absl::StatusOr<std::vector<RecoveryPoint>> ListAllRecoveryPointsByBackupVault(
      const std::string& vault_name, const CallOptions& options = {}) const;
  // GET/DELETE /backup-vaults/{name}/recovery-points/{arn}. Deletion is
  // asynchronous: the point stays listed with status DELETING for a while.
  absl::StatusOr<RecoveryPoint> DescribeRecoveryPoint(const std::string& vault_name,
                                                      const std::string& arn,
                                                      const CallOptions& options = {}) const;
  absl::Status DeleteRecoveryPoint(const std::string& vault_name, const std::string& arn,
                                   const CallOptions& options = {}) const;

  // --- selections ---------------------------------------------------------
  // PUT /backup/plans/{id}/selections/. InvalidArgument when the role cannot
  // be assumed yet (IAM propagation: the caller decides whether to wait).
  absl::StatusOr<BackupSelectionInfo> CreateBackupSelection(
      const std::string& plan_id, const BackupSelection& selection,
      const std::string& creator_request_id = "", const CallOptions& options = {}) const;
  // GET .../selections/{selectionId}. NotFound for ResourceNotFoundException;
  // note AWS answers InvalidParameterValueException "Cannot find Backup plan"
  // (InvalidArgument here) when the plan itself is gone, and the reference
  // provider reads that as "gone" too: the resource layer decides.
  absl::StatusOr<BackupSelectionInfo> GetBackupSelection(const std::string& plan_id,
                                                         const std::string& selection_id,
                                                         const CallOptions& options = {}) const;
  // DELETE .../selections/{selectionId}. Same not-found caveat as above.
  absl::Status DeleteBackupSelection(const std::string& plan_id, const std::string& selection_id,
                                     const CallOptions& options = {}) const;
  absl::StatusOr<AwsPage<BackupSelectionSummary>> ListBackupSelections(
      const std::string& plan_id, const std::string& next_token = "", int max_results = 0,
      const CallOptions& options = {}) const;
  absl::StatusOr<std::vector<BackupSelectionSummary>> ListAllBackupSelections(
      const std::string& plan_id, const CallOptions& options = {}) const;

  // --- tags (by resource ARN) --------------------------------------------
  absl::Status TagResource(const std::string& arn, const Tags& tags,
                           const CallOptions& options = {}) const;
  absl::Status UntagResource(const std::string& arn, const std::vector<std::string>& keys,
                             const CallOptions& options = {}) const;
  // Every page of GET /tags/{arn}/ merged.
  absl::StatusOr<Tags> ListTags(const std::string& arn, const CallOptions& options = {}) const;

  const std::string& endpoint() const { return endpoint_; }
  // The clock the client sleeps on (waits in backup_waits.h use it too).
  Clock& clock() const { return *options_.clock; }
  // A fresh CreatorRequestId ("pb-" + a UUID from the client's randomness),
  // for callers that send one create several times (backup_waits.h).
  std::string NewCreatorRequestId() const;

 private:
  absl::StatusOr<nlohmann::json> Call(std::string_view operation, std::string_view method,
                                      const std::string& path, const http::QueryParams& query,
                                      const nlohmann::json* body, Idempotency idempotency,
                                      const CallOptions& options) const;

  AwsClientOptions options_;
  std::string endpoint_;
  std::unique_ptr<RetryLoop> loop_;
};

}  // namespace polybackup::clients::aws

#endif  // POLYBACKUP_CLIENTS_AWS_BACKUP_CLIENT_H_
